import type { ServerHttp2Stream } from 'node:http2'
import { type Chunk, type HttpResponse, type ResponseHeaders, flushedAtOnceBytes } from '../core/index.js'
import { type Exchange, reporter } from './exchange.js'
import { goAwayOnClose, http2ResponseHeaders } from './http2-headers.js'
import { isStreamClosed, resetStream, resetUnreadBody } from './http2-stream.js'
import { type StreamEnds, discardStream, writeStream } from './write-stream.js'

/**
 * Writes an Http response on an HTTP/2 stream, as `writeHttp` does on node's compatibility response:
 * Bytes: `content-length` and the body, headers and body handed over in one `respond` and one `end`.
 * Empty: `content-length: 0` unless the handler set one (none for HEAD), headers with END_STREAM. Stream:
 * headers at once (a watch must see them before its first event), then the chunks with backpressure,
 * END_STREAM held back until the last one (so a stream cut off is reset, never seen to end).
 * HEAD: status and headers (a Bytes body keeps its `content-length`), END_STREAM, no body. 1xx, 204 and
 * 304: the headers as given, no body. Connection-specific headers are dropped and `Connection: close`
 * becomes GOAWAY; node adds `date`. A stream already closed is not written to (a Stream body is let go).
 * Once the response ended, a request body still arriving is refused (`resetUnreadBody`).
 * Throws what node's header checks throw (a header name that is not a token among them), before
 * anything was sent.
 */
export const writeHttp2 = (ex: Exchange<ServerHttp2Stream>, r: HttpResponse): void => {
  const stream = ex.target
  const body = r.body
  if (isStreamClosed(stream)) return body._tag === 'Stream' ? void discardStream(body.chunks, reporter(ex)) : undefined
  const head = ex.req.method === 'HEAD'
  if (!bodyAllowed(r.status)) return respondEmpty(stream, r.status, r.headers)
  if (body._tag === 'Stream') return writeStreamed(ex, r.status, r.headers, body.chunks)
  if (body._tag === 'Empty') return respondEmpty(stream, r.status, r.headers, head || 'content-length' in r.headers ? undefined : 0)
  if (head) return respondEmpty(stream, r.status, r.headers, byteLength(body.value))
  if (body.value.length > flushedAtOnceBytes) return writeInSlices(ex, r.status, r.headers, body.value)
  respondHead(stream, r.status, r.headers, byteLength(body.value), 'whole')
  stream.end(body.value)
  resetUnreadBody(stream)
}

const endStream = { endStream: true }
const overTime = { waitForTrailers: true }

/**
 * How a response's stream is opened: ended with the headers (`'end'`), ended by one `end` call right
 * after them (`'whole'`), or written over time (`'over-time'`). A response written over time holds its
 * END_STREAM back until `'wantTrailers'` (then sent with no trailers, as node's compatibility API does):
 * without that, node's `close(code)` first ends the writable side, and the client may see a cut-off body
 * end cleanly before the RST_STREAM.
 */
type Opening = 'end' | 'whole' | 'over-time'

/** Sends the status and headers (with `content-length: <length>` when given). */
const respondHead = (
  stream: ServerHttp2Stream,
  status: number,
  headers: ResponseHeaders,
  length: number | undefined,
  opening: Opening,
): void => {
  const block = http2ResponseHeaders(status, headers, length)
  if (opening === 'over-time') {
    stream.once('wantTrailers', noTrailers)
    stream.respond(block, overTime)
  } else stream.respond(block, opening === 'end' ? endStream : undefined)
  goAwayOnClose(stream, headers)
}

function noTrailers(this: ServerHttp2Stream): void {
  this.sendTrailers({})
}

/** Headers with END_STREAM: the whole response in one HEADERS frame. */
const respondEmpty = (stream: ServerHttp2Stream, status: number, headers: ResponseHeaders, length?: number): void => {
  respondHead(stream, status, headers, length, 'end')
  resetUnreadBody(stream)
}

/** Headers at once, then the chunks; HEAD lets the stream go unread. */
const writeStreamed = (ex: Exchange<ServerHttp2Stream>, status: number, headers: ResponseHeaders, chunks: AsyncIterable<Chunk>): void => {
  const stream = ex.target
  const head = ex.req.method === 'HEAD'
  try {
    respondHead(stream, status, headers, undefined, head ? 'end' : 'over-time')
  } catch (e) {
    void discardStream(chunks, reporter(ex)) // it will never be read: let its producer stop
    throw e
  }
  if (head) {
    resetUnreadBody(stream)
    return void discardStream(chunks, reporter(ex))
  }
  void writeStream(stream, chunks, streamEnds(ex))
}

/** A one-piece body over `flushedAtOnceBytes`, a slice at a time with backpressure (see `writeHttp`). */
const writeInSlices = (ex: Exchange<ServerHttp2Stream>, status: number, headers: ResponseHeaders, value: Chunk): void => {
  const bytes = typeof value === 'string' ? Buffer.from(value) : value
  respondHead(ex.target, status, headers, bytes.byteLength, 'over-time')
  void writeStream(ex.target, slicesOf(bytes), streamEnds(ex))
}

/** How much of a large one-piece body is handed to node at a time. */
const sliceBytes = 64 << 10

async function* slicesOf(bytes: Uint8Array): AsyncIterable<Uint8Array> {
  for (let at = 0; at < bytes.byteLength; at += sliceBytes) yield bytes.subarray(at, at + sliceBytes)
}

const bodyAllowed = (status: number): boolean => status >= 200 && status !== 204 && status !== 304

const byteLength = (chunk: Chunk): number => (typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.byteLength)

const endOf = (stream: ServerHttp2Stream): void => {
  stream.end()
  resetUnreadBody(stream)
}

const streamEnds = (ex: Exchange<ServerHttp2Stream>): StreamEnds<ServerHttp2Stream> => ({
  isClosed: isStreamClosed,
  end: endOf,
  fail: (e: unknown) => {
    ex.report('the response stream failed', e)
    resetStream(ex.target)
  },
  report: reporter(ex),
})
