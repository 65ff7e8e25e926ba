import type { IncomingMessage, ServerResponse } from 'node:http'
import { type Chain, type Handler, type NodeListener, build, takeover } from '../core/index.js'
import { type ChainContext, chainContext } from '../serve/chain-context.js'
import type { ListenerOptions } from '../serve/listener-options.js'
import { toNodeListener } from '../serve/to-node-listener.js'
import { rememberContext } from './chain-context-of.js'
import { cutLateBody } from '../serve/cut-late-body.js'

/** Express's `next`: called with nothing to go on to the next middleware or route. */
export type Next = (err?: unknown) => void

/**
 * A connect-style middleware over node's own request and response types: Express 5 takes it in `app.use`,
 * and a consumer needs no `@types/express` to write or type it.
 */
export type NodeMiddleware = (req: IncomingMessage, res: ServerResponse, next: Next) => void

/** Options of `chainMiddleware`. */
export interface ChainMiddlewareOptions {
  /** Where defects are logged (`toNodeListener`'s `log`); JSON lines on stderr by default. */
  readonly log?: ListenerOptions['log']
}

/** A request the chain is running on, until it lets it through. */
interface Waiting {
  readonly next: Next
  /** `req.url` as Express gave it to the middleware (without the mount path). */
  readonly url: string | undefined
  context: ChainContext | undefined
}

/**
 * Runs `chain` in front of the app's own routes: the chain authenticates, authorizes, audits, limits
 * in-flight requests... and either answers itself (401, 403, 429, a Status: no route runs, `next` is not
 * called) or lets the request through: its response headers (Audit-ID, Cache-Control, warnings) are set
 * on `res`, `chainContextOf(req)` gives the user and RequestInfo, and `next()` goes on to the routes.
 * The chain's finalizers run when the response ended, so in-flight seats, audit and HTTP logging cover the
 * route's work; the chain's timeout does not cut a route's response once it was let through, but a request
 * whose body is still arriving at its deadline is cut (`cutLateBody`), so a slow body keeps no seat. The chain
 * sees the whole path (`req.originalUrl`) when the middleware is mounted under one; routes see Express's
 * `req.url` again. HTTP/1 only: over HTTP/2 the chain answers 505. Built once; per request only a
 * WeakMap entry.
 *
 * @example
 * import express from 'express'
 * import { insecureChain, newConfig, standaloneContext } from 'kubechain'
 * import { chainContextOf, chainMiddleware } from 'kubechain/express'
 *
 * const cfg = newConfig({})
 * if (cfg._tag === 'Left') throw new Error(JSON.stringify(cfg.left))
 * const app = express()
 * app.use(chainMiddleware(insecureChain(standaloneContext(), cfg.right)))
 * app.use(express.json()) // bodies are the app's: the chain does not read them
 * app.get('/hello', (req, res) => {
 *   res.send(`hello ${chainContextOf(req)?.requestInfo?.path}`)
 * })
 */
export const chainMiddleware = (chain: Chain, opts: ChainMiddlewareOptions = {}): NodeMiddleware => {
  const waiting = new WeakMap<object, Waiting>()
  const passOn: NodeListener = (req, res) => {
    const w = waiting.get(req)
    if (w === undefined) return
    waiting.delete(req)
    req.url = w.url
    if (w.context !== undefined) {
      rememberContext(req, w.context)
      cutLateBody(req, res, w.context.request.cancel)
    }
    w.next()
  }
  const letThrough = takeover(passOn)
  const inner: Handler = (request) => {
    const w = request.raw === undefined ? undefined : waiting.get(request.raw)
    if (w !== undefined) w.context = chainContext(request)
    return letThrough
  }
  const listener = toNodeListener(build(chain)(inner), opts)
  return (req, res, next) => {
    const url = req.url
    waiting.set(req, { next, url, context: undefined })
    const original = (req as { readonly originalUrl?: unknown }).originalUrl
    if (typeof original === 'string') req.url = original
    listener(req, res)
  }
}
