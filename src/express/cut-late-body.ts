import type { IncomingMessage, ServerResponse } from 'node:http'
import type { CancelToken } from '../core/index.js'

/**
 * Cuts the connection of a let-through request whose body is still arriving when `token` is cancelled
 * (its deadline passed, or its client left), unless its response already ended. A slow body then keeps
 * no seat past the deadline, as `readBodyLimited` stops reading behind `toNodeListener` and as Go's
 * handler sees its body closed once the timeout answered; a response not yet started is recorded as
 * 504 (audit, HTTP logging, metrics). Used by the Express and Fastify adapters; no-op for a complete request.
 */
export const cutLateBody = (req: IncomingMessage, res: ServerResponse, token: CancelToken): void => {
  if (req.complete) return
  const stop = token.onCancel(() => {
    res.off('close', stop)
    if (req.complete || res.writableFinished) return
    if (!res.headersSent) res.statusCode = 504
    req.socket?.destroy()
  })
  res.once('close', stop)
}
