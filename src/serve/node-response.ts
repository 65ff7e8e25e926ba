import type { ServerResponse } from 'node:http'
import { type Http2ServerResponse, constants } from 'node:http2'
import { Socket } from 'node:net'
import { resetUnreadBody } from './http2-stream.js'

/** The node response under `toNodeListener`: node:http/https, or HTTP/2's compatibility API. */
export type NodeResponse = ServerResponse | Http2ServerResponse

/** True for HTTP/2's compatibility response. */
export const isHttp2Response = (res: NodeResponse): res is Http2ServerResponse => 'stream' in res

/** True once the response's connection (HTTP/1) or stream (HTTP/2) is gone; nothing more can be written. */
export const isClosed = (res: NodeResponse): boolean => (isHttp2Response(res) ? res.stream.destroyed : res.destroyed)

/**
 * True when the whole response was handed to the connection. HTTP/2's `writableFinished` is also true
 * for a stream reset before `end()`, hence the check of `writableEnded` as well. An HTTP/1 response
 * over something that is not a network socket (an in-memory one, as Fastify's `inject` makes) is
 * complete once ended: there is no connection to hand it to.
 */
export const completed = (res: NodeResponse): boolean =>
  res.writableEnded && (res.writableFinished || (!isHttp2Response(res) && !(res.socket instanceof Socket)))

/** Cuts a response off: destroys the HTTP/1 connection, or resets the HTTP/2 stream with INTERNAL_ERROR. */
export const destroyResponse = (res: NodeResponse): void => {
  if (isHttp2Response(res)) res.stream.close(constants.NGHTTP2_INTERNAL_ERROR)
  else res.destroy()
}

/** `resetUnreadBody` on the stream under an HTTP/2 compatibility response. */
export const resetUnreadRequest = (res: Http2ServerResponse, graceMs = 1000): void => resetUnreadBody(res.stream, graceMs)
