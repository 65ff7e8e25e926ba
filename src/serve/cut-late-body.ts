import type { IncomingMessage, ServerResponse } from 'node:http'
import type { CancelToken } from '../core/index.js'

/**
 * Cuts the connection of a let-through request whose body is still arriving when `token` is cancelled
 * (its deadline passed, or its client left), unless the app already ended its response. A slow body then
 * keeps no seat past the deadline, as `readBodyLimited` stops reading behind `toNodeListener` and as Go's
 * handler sees its body closed once the timeout answered; a response not yet started is recorded as 504
 * (audit, HTTP logging, metrics). A request made in memory (Fastify's `inject`) has no `complete` flag and
 * its whole body at hand: left alone. Used by the Express and Fastify adapters.
 */
export const cutLateBody = (req: IncomingMessage, res: ServerResponse, token: CancelToken): void => {
  if ((req.complete as boolean | undefined) !== false) return
  const stop = token.onCancel(() => {
    res.off('close', stop)
    if (req.complete || req.destroyed || res.writableEnded) return // a client that left is no timeout
    if (!res.headersSent) res.statusCode = 504
    req.destroy() // node's request destroys its socket when the body was not complete
  })
  res.once('close', stop)
}
