import type { IncomingMessage } from 'node:http'
import type { ChainContext } from '../serve/chain-context.js'

/**
 * The ChainContexts of requests a `chainMiddleware` let through, keyed by node's request object: an entry
 * goes away with its request, and nothing is added to the request object itself.
 */
const contexts = new WeakMap<IncomingMessage, ChainContext>()

/**
 * The ChainContext a `chainMiddleware` in front of this route handed on (the user, the RequestInfo, the
 * audit ID, the chain's Request), or `undefined` for a request no chain middleware let through.
 *
 * @example
 * import express from 'express'
 * import { chainContextOf } from 'kubechain/express'
 *
 * const app = express()
 * app.get('/whoami', (req, res) => {
 *   res.json({ user: chainContextOf(req)?.user?.name })
 * })
 */
export const chainContextOf = (req: IncomingMessage): ChainContext | undefined => contexts.get(req)

/** Records the context `chainContextOf` gives for `req`; the middleware's own, not re-exported. */
export const rememberContext = (req: IncomingMessage, context: ChainContext): void => {
  contexts.set(req, context)
}
