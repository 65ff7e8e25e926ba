import type { ServerResponse } from 'node:http'
import { type Http2ServerResponse, constants } from 'node:http2'

/** The node response under `toNodeListener`: node:http/https, or HTTP/2's compatibility API. */
export type NodeResponse = ServerResponse | Http2ServerResponse

/** True for HTTP/2's compatibility response. */
export const isHttp2Response = (res: NodeResponse): res is Http2ServerResponse => 'stream' in res

/** True once the response's connection (HTTP/1) or stream (HTTP/2) is gone; nothing more can be written. */
export const isClosed = (res: NodeResponse): boolean =>
  isHttp2Response(res) ? res.stream.destroyed : res.destroyed

/**
 * True when the whole response was handed to the connection. HTTP/2's `writableFinished` is also true
 * for a stream reset before `end()`, hence the check of `writableEnded` as well.
 */
export const completed = (res: NodeResponse): boolean => res.writableEnded && res.writableFinished

/** Cuts a response off: destroys the HTTP/1 connection, or resets the HTTP/2 stream with INTERNAL_ERROR. */
export const destroyResponse = (res: NodeResponse): void => {
  if (isHttp2Response(res)) res.stream.close(constants.NGHTTP2_INTERNAL_ERROR)
  else res.destroy()
}

/**
 * Resets an HTTP/2 stream with NO_ERROR when its request body is still arriving after the response
 * ended, so the body is not read further (node does so only for a request nobody ever read). Node sends
 * the reset once the response is written; a request that ended with its headers is left alone.
 */
export const resetUnreadRequest = (res: Http2ServerResponse): void => {
  const stream = res.stream
  if (!stream.endAfterHeaders && !stream.readableEnded && !stream.destroyed) stream.close(constants.NGHTTP2_NO_ERROR)
}
