// kubechain and Hono 4, served by @hono/node-server's `serve({ fetch })`, two ways round:
// - `start`: Hono in front. Its own routes answer first; a catch-all hands the Web request (`c.req.raw`) to the
//   hello chain made a fetch handler by `toFetchHandler`.
// - `startSecure`: upstream's secure chain in front of a Hono app, made the chain's inner handler by
//   `fromFetchHandler`; the app's routes read the authenticated user from `c.env.kubechain`. Run it with
//   `node --import tsx examples/hono.ts`, then `curl -H 'Authorization: Bearer s3cret' 127.0.0.1:8080/whoami`.
import type { IncomingMessage, Server } from 'node:http'
import type { Http2ServerRequest } from 'node:http2'
import type { AddressInfo } from 'node:net'
import { type Http2Bindings, type HttpBindings, serve } from '@hono/node-server'
import { Hono } from 'hono'
import { streamText } from 'hono/streaming'
import {
  type ChainContext,
  type FetchHandler,
  type PeerAddress,
  bearerTokenAuthenticator,
  build,
  fromFetchHandler,
  newConfig,
  noRbacObjects,
  rbacAuthorizer,
  secureChain,
  standaloneContext,
  staticTokenAuthenticator,
  toFetchHandler,
  withBootstrapPolicy,
} from '../src/index.js'
import { helloHandler } from './hello-chain.js'
import { type Running, closeServer, isMain, main } from './listen.js'

/** Hono's own `/hono` route, then the hello chain for every other request. */
export const honoInFront = (): Hono<{ Bindings: HttpBindings | Http2Bindings }> => {
  const chain = toFetchHandler(helloHandler)
  const app = new Hono<{ Bindings: HttpBindings | Http2Bindings }>()
  app.get('/hono', (c) => c.text('hono route'))
  app.all('*', (c) => chain(c.req.raw, peerOf(c.env?.incoming))) // no env in Hono's in-memory `app.request`
  return app
}

/** A Hono app meant to run behind a kubechain chain: `c.env.kubechain` is the chain's ChainContext. */
export const api = new Hono<{ Bindings: { kubechain: ChainContext } }>()
api.get('/whoami', (c) => {
  const user = c.env.kubechain.user
  return c.json({ user: user?.name ?? null, groups: user?.groups ?? [], auditId: c.env.kubechain.auditId ?? null })
})
api.post('/echo', async (c) => c.text(await c.req.text()))
api.get('/ticks', (c) =>
  streamText(c, async (s) => {
    for (let i = 1; i <= 3; i++) await s.write(`tick ${i}\n`)
  }),
)

/** `api` behind upstream's secure chain: bearer token `s3cret` is `admin` in `system:masters`. */
export const secureApi = (): FetchHandler => {
  const admin = { name: 'admin', uid: '', groups: ['system:masters'], extra: {} }
  const parts = {
    authenticator: bearerTokenAuthenticator(staticTokenAuthenticator(new Map([['s3cret', admin]]))),
    authorizer: rbacAuthorizer(withBootstrapPolicy(noRbacObjects)),
  }
  const cfg = newConfig({ requestTimeout: 30_000 })
  if (cfg._tag === 'Left') throw new Error(JSON.stringify(cfg.left))
  const inner = fromFetchHandler((req, ctx) => api.fetch(req, { kubechain: ctx }))
  return toFetchHandler(build(secureChain(standaloneContext(), cfg.right, parts))(inner))
}

/** The client's address from node's request, for audit's sourceIPs and the HTTP log. */
const peerOf = (incoming: IncomingMessage | Http2ServerRequest | undefined): PeerAddress | undefined => {
  const remoteAddress = incoming?.socket.remoteAddress
  return remoteAddress === undefined ? undefined : { remoteAddress, remotePort: incoming?.socket.remotePort }
}

/** Serves a Web fetch function with @hono/node-server on 127.0.0.1. */
const serveFetch = (
  fetch: (req: Request, env: HttpBindings | Http2Bindings) => Response | Promise<Response>,
  port: number,
): Promise<Running> =>
  new Promise((resolve, reject) => {
    const server = serve({ fetch, port, hostname: '127.0.0.1' }, (info: AddressInfo) =>
      resolve({ port: info.port, close: () => closeServer(server as Server) }),
    )
    server.once('error', reject)
  })

/** Hono in front of the hello chain. */
export const start = (port = 0): Promise<Running> => serveFetch(honoInFront().fetch, port)

/** The secure chain in front of the Hono `api`. */
export const startSecure = (port = 0): Promise<Running> => {
  const fetch = secureApi()
  return serveFetch((req, env) => fetch(req, peerOf(env.incoming)), port)
}

if (isMain(import.meta.url)) await main('hono (secure chain in front)', startSecure)
