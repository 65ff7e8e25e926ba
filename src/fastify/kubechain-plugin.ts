import type { IncomingMessage } from 'node:http'
import type { FastifyPluginCallback, FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify'
import { type Answer, type Chain, type Exit, type Handler, type NodeListener, type Response, build, exit, takeover } from '../core/index.js'
import { type ChainContext, chainContext } from '../serve/chain-context.js'
import type { ListenerOptions } from '../serve/listener-options.js'
import { cutLateBody } from '../serve/cut-late-body.js'
import { toNodeListener } from '../serve/to-node-listener.js'

declare module 'fastify' {
  interface FastifyRequest {
    /**
     * What the kubechain chain in front of the routes handed on: the user, the RequestInfo, the audit ID
     * and the chain's Request. Set by `kubechainPlugin`'s onRequest hook before any route handler runs
     * (`null` in hooks that run before it).
     */
    readonly kubechain: ChainContext
  }
}

/** Options of `kubechainPlugin`. */
export interface KubechainPluginOptions {
  /** The chain every request of the app goes through before Fastify parses its body and routes it. */
  readonly chain: Chain
  /** Where defects are logged (`toNodeListener`'s `log`); JSON lines on stderr by default. */
  readonly log?: ListenerOptions['log']
}

/** A request the chain is running on, until it lets it through. */
interface Waiting {
  readonly request: FastifyRequest
  readonly reply: FastifyReply
  readonly done: HookHandlerDoneFunction
  context: ChainContext | undefined
}

/**
 * The chain's part of an app, as an onRequest hook. A request the chain lets through gets its response
 * headers, `request.kubechain`, and goes on (`done()`): Fastify parses the body and runs the route. A
 * request the chain answers (401, 403, 429, a Status) is hijacked first, so Fastify writes nothing of its
 * own, and `done` is never called: no route, no body parsing; onResponse hooks still run.
 */
const register: FastifyPluginCallback<KubechainPluginOptions> = (app, opts, registered) => {
  if (app.initialConfig.http2 === true) return registered(new Error(http2Refused))
  const waiting = new WeakMap<object, Waiting>()
  const passOn: NodeListener = (req, res) => {
    const w = waiting.get(req)
    if (w === undefined) return
    waiting.delete(req)
    ;(w.request as { kubechain: ChainContext | undefined }).kubechain = w.context
    if (w.context !== undefined) cutLateBody(req, res, w.context.request.cancel)
    w.done()
  }
  const letThrough = takeover(passOn)
  const inner: Handler = (request) => {
    const w = request.raw === undefined ? undefined : waiting.get(request.raw)
    if (w !== undefined) w.context = chainContext(request)
    return letThrough
  }
  const hijackUnlessLetThrough: Exit<Waiting | undefined> = {
    answered: (res, w) => (isLetThrough(res, passOn) || w?.reply.hijack(), res),
    defect: (error, w) => {
      w?.reply.hijack()
      throw error
    },
  }
  const chain = build(opts.chain)(inner)
  const guarded: Handler = (request): Answer =>
    exit(chain, request, hijackUnlessLetThrough, request.raw === undefined ? undefined : waiting.get(request.raw))
  const listener = toNodeListener(guarded, opts.log === undefined ? {} : { log: opts.log })
  app.decorateRequest('kubechain', null, [])
  app.addHook('onRequest', (request, reply, done) => {
    const raw: IncomingMessage = request.raw
    waiting.set(raw, { request, reply, done, context: undefined })
    listener(raw, reply.raw) // a target with a bad escape never gets here: Fastify's router answers it 400 before any hook
  })
  registered()
}

/** True for the takeover the chain's innermost handler answers: the request goes on to Fastify. */
const isLetThrough = (res: Response, passOn: NodeListener): boolean => res._tag === 'Takeover' && res.listener === passOn

const http2Refused =
  'kubechainPlugin serves HTTP/1 only: a request it lets through is handed on as node:http objects, which an http2 server does not have; use toHttp2StreamListener or toNodeListener for HTTP/2'

/**
 * Runs a kubechain chain in front of every route of a Fastify app (`app.register(kubechainPlugin, { chain })`):
 * the chain authenticates, authorizes, audits, limits in-flight requests... in an onRequest hook, before
 * Fastify parses the body; a request it lets through reaches the route with the chain's response headers
 * set (Audit-ID, Cache-Control) and `request.kubechain` (user, RequestInfo, audit ID). Not encapsulated (as
 * fastify-plugin does it): the hook covers the routes of every plugin, and the 404 handler. The chain's
 * finalizers run when the response ended, so in-flight seats, audit and HTTP logging cover the route's
 * work; the chain's timeout does not cut a route's response once let through, but a request whose body is
 * still arriving at its deadline is cut (Fastify's own `requestTimeout` is off by default). HTTP/1 only: registering
 * on an app made with `http2: true` fails.
 *
 * @example
 * import Fastify from 'fastify'
 * import { insecureChain, newConfig, standaloneContext } from 'kubechain'
 * import { kubechainPlugin } from 'kubechain/fastify'
 *
 * const cfg = newConfig({})
 * if (cfg._tag === 'Left') throw new Error(JSON.stringify(cfg.left))
 * const app = Fastify()
 * await app.register(kubechainPlugin, { chain: insecureChain(standaloneContext(), cfg.right) })
 * app.post('/echo', async (request) => ({ path: request.kubechain.requestInfo?.path, body: request.body }))
 */
export const kubechainPlugin: FastifyPluginCallback<KubechainPluginOptions> = Object.assign(register, {
  [Symbol.for('skip-override')]: true,
  [Symbol.for('fastify.display-name')]: 'kubechain',
  [Symbol.for('plugin-meta')]: { name: 'kubechain', fastify: '5.x' },
})
