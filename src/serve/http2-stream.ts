import { type ServerHttp2Stream, constants } from 'node:http2'
import { maxPostHandlerReadBytes } from '../core/unread-body.js'
import type { Probe } from './exchange.js'

/** True once nothing more can be written on the stream: reset, closed, or destroyed. */
export const isStreamClosed = (stream: ServerHttp2Stream): boolean => stream.destroyed || stream.closed

/**
 * True when the whole response was handed to the stream: ended by the response, not by node closing a
 * stream reset while it was still open (node marks that `aborted`), and either finished writing or
 * closed cleanly (both sides' END_STREAM sent: node may close and destroy such a stream before its
 * writable side reports `'finish'`).
 */
export const streamCompleted = (stream: ServerHttp2Stream): boolean =>
  !stream.aborted && stream.writableEnded && (stream.writableFinished || (stream.closed && stream.rstCode === constants.NGHTTP2_NO_ERROR))

/** What an exchange watches on an HTTP/2 stream: its `'close'`, which comes on RST_STREAM and session close alike. */
export const streamProbe: Probe<ServerHttp2Stream> = { isClosed: isStreamClosed, completed: streamCompleted }

/** Cuts a response off: resets the stream with INTERNAL_ERROR. */
export const resetStream = (stream: ServerHttp2Stream): void => {
  if (!stream.destroyed) stream.close(constants.NGHTTP2_INTERNAL_ERROR)
}

/**
 * Refuses the rest of an HTTP/2 request body once the response ended, as Go's server does (RST_STREAM
 * NO_ERROR, RFC 9113 §8.1): a body that already arrived whole, or a request that ended with its headers,
 * is left alone; otherwise what keeps arriving is drained, and the stream is reset once more than
 * `maxPostHandlerReadBytes` more came or the body has not ended within `graceMs`. Resetting at once
 * would let nghttp2 send the RST_STREAM ahead of response DATA it still holds, and clients (Go's among
 * them) then lose the response's end.
 */
export const resetUnreadBody = (stream: ServerHttp2Stream, graceMs = 1000): void => {
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
const bodyArrived = (stream: ServerHttp2Stream): boolean =>
  stream.readableEnded || (stream as unknown as { _readableState?: { ended?: boolean } })._readableState?.ended === true
