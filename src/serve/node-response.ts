import type { ServerResponse } from 'node:http'
import { type Http2ServerResponse, constants } from 'node:http2'
import { maxPostHandlerReadBytes } from '../core/unread-body.js'

/** The node response under `toNodeListener`: node:http/https, or HTTP/2's compatibility API. */
export type NodeResponse = ServerResponse | Http2ServerResponse

/** True for HTTP/2's compatibility response. */
export const isHttp2Response = (res: NodeResponse): res is Http2ServerResponse => 'stream' in res

/** True once the response's connection (HTTP/1) or stream (HTTP/2) is gone; nothing more can be written. */
export const isClosed = (res: NodeResponse): boolean => (isHttp2Response(res) ? res.stream.destroyed : res.destroyed)

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
 * Refuses the rest of an HTTP/2 request body once the response ended, as Go's server does (RST_STREAM
 * NO_ERROR, RFC 9113 §8.1): a body that already arrived whole, or a request that ended with its headers,
 * is left alone; otherwise what keeps arriving is drained, and the stream is reset once more than
 * `maxPostHandlerReadBytes` more came or the body has not ended within `graceMs`. Resetting at once
 * would let nghttp2 send the RST_STREAM ahead of response DATA it still holds, and clients (Go's among
 * them) then lose the response's end.
 */
export const resetUnreadRequest = (res: Http2ServerResponse, graceMs = 1000): void => {
  const stream = res.stream
  if (stream.endAfterHeaders || bodyArrived(stream) || stream.destroyed) return
  let drained = 0
  const done = (): void => {
    clearTimeout(timer)
    stream.off('data', onData)
  }
  const reset = (): void => {
    done()
    if (!stream.destroyed && !bodyArrived(stream)) stream.close(constants.NGHTTP2_NO_ERROR)
  }
  const onData = (chunk: Buffer): void => {
    drained += chunk.length
    if (drained > maxPostHandlerReadBytes) reset()
  }
  const timer = setTimeout(reset, graceMs)
  timer.unref()
  stream.on('data', onData)
  stream.once('end', done)
  stream.once('close', done)
  stream.resume()
}

/** Whether the peer has sent the whole body (END_STREAM), read or not. */
const bodyArrived = (stream: Http2ServerResponse['stream']): boolean =>
  stream.readableEnded || (stream as unknown as { _readableState?: { ended?: boolean } })._readableState?.ended === true
