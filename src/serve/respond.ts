import type { IncomingMessage, ServerResponse } from 'node:http'
import { type HttpResponse, type Response, type TakeoverResponse, addFinalizer, isComplete, plainError, toResponse } from '../core/index.js'
import type { Exchange } from './exchange.js'
import { forHttp2 } from './http2-headers.js'
import { type NodeResponse, completed, destroyResponse, isClosed, isHttp2Response } from './node-response.js'
import { writeHttp } from './write-response.js'

/**
 * Writes what a handler answered. Http: written by `writeHttp`; a response written over time
 * (`isComplete` false) is finalized when it ended and cut if its `deadline` passes first. Takeover: the response's headers are
 * set, then the foreign listener gets the raw req/res (on HTTP/2 these are node's compatibility
 * objects). Upgrade on a request that is not one: 426 with `Upgrade: websocket`, and the upgrade's
 * finalizers run with `'discarded'`.
 */
export const respond = (ex: Exchange<NodeResponse>, response: Response): void => {
  switch (response._tag) {
    case 'Http':
      if (!isComplete(response)) {
        ex.settle(cutAtDeadline(ex, response))
        return writeHttp(ex, response)
      }
      ex.settleWhole(response)
      writeHttp(ex, response)
      return ex.ended()
    case 'Takeover':
      ex.settle(response)
      return handOver(ex, response)
    case 'Upgrade':
      ex.discard(response)
      return writeHttp(ex, upgradeRequired)
  }
}

/**
 * Cuts a response written over time that is still being written when its `deadline` is cancelled (a
 * client that does not read keeps neither the response's bytes nor, through its finalizers, the
 * request's seat past the deadline). The subscription ends with the response.
 */
const cutAtDeadline = (ex: Exchange<NodeResponse>, response: HttpResponse): HttpResponse => {
  const deadline = response.deadline
  if (deadline === undefined) return response
  const stop = deadline.onCancel(() => {
    const res = ex.target
    if (!isClosed(res) && !completed(res)) destroyResponse(res) // quietly, as Go's ErrAbortHandler
  })
  return addFinalizer(stop)(response)
}

/** The answer to an Upgrade response on a plain request (HTTP/2 drops the connection headers). */
export const upgradeRequired = toResponse(
  plainError(426, 'expected a websocket upgrade request, got a plain http request', {
    upgrade: 'websocket',
    connection: 'Upgrade',
  }),
)

const handOver = (ex: Exchange<NodeResponse>, r: TakeoverResponse): void => {
  const res = ex.target
  const headers = isHttp2Response(res) ? forHttp2(r.headers) : r.headers
  for (const name in headers) {
    const value = headers[name]
    if (value !== undefined) res.setHeader(name, value as string | string[])
  }
  r.listener(ex.req as IncomingMessage, res as ServerResponse)
}
