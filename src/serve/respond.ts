import type { IncomingMessage, ServerResponse } from 'node:http'
import {
  type HttpResponse,
  type Response,
  type TakeoverResponse,
  addFinalizer,
  isComplete,
  noteHandOver,
  plainError,
  toResponse,
} from '../core/index.js'
import type { Exchange } from './exchange.js'
import { type NodeResponse, completed, destroyResponse, isClosed, isHttp2Response } from './node-response.js'
import { writeHttp } from './write-response.js'

/**
 * Writes what a handler answered. Http: written by `writeHttp`; a response written over time
 * (`isComplete` false) is finalized when it ended and cut if its `deadline` passes first. Takeover: the response's headers are
 * set, then the foreign listener gets the raw req/res; over HTTP/2 it is refused (`takeoverOverHttp2`). Upgrade on a request that is not one: 426 with `Upgrade: websocket`, and the upgrade's
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
      if (isHttp2Response(ex.target)) return refuseTakeover(ex, response)
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

/**
 * The answer to a takeover of an HTTP/2 request: node's HTTP/2 compatibility objects are not the
 * node:http ones a foreign listener is written for (Express dies on them, taking the process along), so
 * the request is refused with 505 and its takeover's finalizers run with `'discarded'`.
 */
export const takeoverOverHttp2 = toResponse(
  plainError(505, 'this path is served by a node:http listener, which cannot answer HTTP/2 requests: use HTTP/1.1'),
)

const refuseTakeover = (ex: Exchange<NodeResponse>, r: TakeoverResponse): void => {
  ex.report('a takeover cannot serve an HTTP/2 request', new Error('takeover refused over HTTP/2'))
  ex.discard(r)
  writeHttp(ex, takeoverOverHttp2)
}

const handOver = (ex: Exchange<NodeResponse>, r: TakeoverResponse): void => {
  const res = ex.target
  const headers = r.headers
  for (const name in headers) {
    const value = headers[name]
    if (value !== undefined) res.setHeader(name, value as string | string[])
  }
  noteHandOver(ex.req, res)
  r.listener(ex.req as IncomingMessage, res as ServerResponse)
}
