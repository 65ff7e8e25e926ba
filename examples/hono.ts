// The hello chain inside a Hono 4 app served by @hono/node-server.
import { serve, type HttpBindings } from '@hono/node-server'
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response'
import { Hono } from 'hono'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { toNodeListener } from '../src/serve/index.js'
import { helloHandler } from './hello-chain.js'
import { type Running, closeServer, isMain, main } from './listen.js'

/**
 * A catch-all route passes the node bindings (`c.env.incoming`, `c.env.outgoing`) to the hello chain and
 * returns `RESPONSE_ALREADY_SENT`, so Hono writes nothing. `autoCleanupIncoming: false` leaves the
 * request body to the chain.
 */
export const start = (port = 0): Promise<Running> => {
  const listener = toNodeListener(helloHandler)
  const app = new Hono<{ Bindings: HttpBindings }>()
  app.get('/hono', (c) => c.text('hono route'))
  app.all('*', (c) => {
    listener(c.env.incoming, c.env.outgoing)
    return RESPONSE_ALREADY_SENT
  })
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port, hostname: '127.0.0.1', autoCleanupIncoming: false }, (info: AddressInfo) =>
      resolve({ port: info.port, close: () => closeServer(server as Server) }),
    )
    server.once('error', reject)
  })
}

if (isMain(import.meta.url)) await main('hono', start)
