import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http'
import type { Http2ServerResponse } from 'node:http2'
import { closesForUnreadBody } from '../core/unread-body.js'
import { type Chunk, type HeaderValue, type HttpResponse, type ResponseHeaders, flushedAtOnceBytes } from '../core/index.js'
import { type Exchange, reporter } from './exchange.js'
import { forHttp2, goAwayIfAsked } from './http2-headers.js'
import { type NodeResponse, destroyResponse, isClosed, isHttp2Response, resetUnreadRequest } from './node-response.js'
import { type StreamEnds, discardStream, writeStream } from './write-stream.js'

/**
 * Writes an Http response on a node response. Bytes: `content-length` and the body in one `end` call.
 * Empty: `content-length: 0` unless the handler set one (none for HEAD, as Go does). Stream: headers
 * flushed at once (a watch must see them before its first event), then the chunks with backpressure.
 * HEAD: status and headers (a Bytes body keeps its `content-length`), no body. 1xx, 204 and 304: the
 * headers as given, no body. On HTTP/1, a response written while much of the request body is still
 * arriving (`closesForUnreadBody`) carries `Connection: close` and its connection ends after it, so that
 * body is not read further (HTTP/2: the stream is reset with NO_ERROR once the response ended, `resetUnreadRequest`).
 * Throws only what node's header validation throws.
 */
export const writeHttp = (ex: Exchange<NodeResponse>, r: HttpResponse): void => {
  const res = ex.target
  if (ex.req.httpVersionMajor === 1 && closesForUnreadBody(ex.req as IncomingMessage)) (res as ServerResponse).shouldKeepAlive = false
  const body = r.body
  const head = ex.req.method === 'HEAD'
  if (!bodyAllowed(r.status)) return endEmpty(res, r.status, r.headers)
  if (body._tag === 'Stream') return writeStreamed(ex, r.status, r.headers, body.chunks)
  if (body._tag === 'Empty') return endEmpty(res, r.status, r.headers, head || 'content-length' in r.headers ? undefined : 0)
  if (!head && body.value.length > flushedAtOnceBytes) return writeInSlices(ex, r.status, r.headers, body.value)
  writeHead(res, r.status, r.headers, byteLength(body.value))
  endResponse(res, head ? undefined : body.value)
}

/** How much of a large one-piece body is handed to node at a time. */
const sliceBytes = 64 << 10

/**
 * A one-piece body over `flushedAtOnceBytes`, with its `content-length`, written a slice at a time with
 * backpressure. Handed to node whole, a TLS connection would encrypt all of it at once and keep that
 * buffer as long as the connection lives, whether or not the client reads; in slices, node holds only
 * what the client has not taken yet, the response finishes when the client read it, and the seats it
 * holds until then bound the memory.
 */
const writeInSlices = (ex: Exchange<NodeResponse>, status: number, headers: ResponseHeaders, value: Chunk): void => {
  const bytes = typeof value === 'string' ? Buffer.from(value) : value
  writeHead(ex.target, status, headers, bytes.byteLength)
  void writeStream(ex.target, slicesOf(bytes), streamEnds(ex))
}

async function* slicesOf(bytes: Uint8Array): AsyncIterable<Uint8Array> {
  for (let at = 0; at < bytes.byteLength; at += sliceBytes) yield bytes.subarray(at, at + sliceBytes)
}

/**
 * Writes the status line and headers, with `content-length: <length>` when a length is given; on HTTP/2
 * drops connection-specific headers and maps `Connection: close` to GOAWAY. On HTTP/1 a length makes the
 * headers go to node as one flat `[name, value, ...]` list built here, not as a copy of the object with
 * the length added, which node would walk once more with `for...in` and `hasOwnProperty` on every request.
 */
const writeHead = (res: NodeResponse, status: number, headers: ResponseHeaders, length?: number): void => {
  if (isHttp2Response(res)) {
    const all = length === undefined ? headers : withLength(headers, length)
    res.writeHead(status, forHttp2(all) as OutgoingHttpHeaders)
    goAwayIfAsked(res, all)
  } else res.writeHead(status, (length === undefined ? headers : flatWithLength(headers, length)) as OutgoingHttpHeaders)
}

/** `headers` as node's flat header list, any `content-length` replaced by `length`. */
const flatWithLength = (headers: ResponseHeaders, length: number): ReadonlyArray<HeaderValue> => {
  const flat: HeaderValue[] = []
  for (const name in headers) if (name !== 'content-length') flat.push(name, headers[name] as HeaderValue)
  flat.push('content-length', String(length))
  return flat
}

const endEmpty = (res: NodeResponse, status: number, headers: ResponseHeaders, length?: number): void => {
  writeHead(res, status, headers, length)
  endResponse(res)
}

/**
 * Ends the response (with its last chunk, if any). On HTTP/2 a request body still arriving is then
 * refused: the stream is reset with NO_ERROR once the response is out (RFC 9113 §8.1, as Go's server does).
 */
const endResponse = (res: NodeResponse, last?: Chunk): void => {
  if (last === undefined) res.end()
  else res.end(last)
  if (res.req.httpVersionMajor === 2) resetUnreadRequest(res as Http2ServerResponse)
}

/** Headers at once (a watch must see them before its first event), then the chunks; HEAD lets the stream go unread. */
const writeStreamed = (ex: Exchange<NodeResponse>, status: number, headers: ResponseHeaders, chunks: AsyncIterable<Chunk>): void => {
  const res = ex.target
  try {
    writeHead(res, status, headers)
  } catch (e) {
    void discardStream(chunks, reporter(ex)) // it will never be read: let its producer stop
    throw e
  }
  if (ex.req.method === 'HEAD') {
    endResponse(res)
    void discardStream(chunks, reporter(ex))
    return
  }
  if (!isHttp2Response(res)) res.flushHeaders() // HTTP/2's writeHead already sent them
  void writeStream(res, chunks, streamEnds(ex))
}

const bodyAllowed = (status: number): boolean => status >= 200 && status !== 204 && status !== 304

const byteLength = (chunk: Chunk): number => (typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.byteLength)

/** A copy with `content-length` (HTTP/2). A loop, not `{ ...headers, k: v }`, which V8 builds on a slow path. */
const withLength = (headers: ResponseHeaders, length: number): ResponseHeaders => {
  const out: Record<string, HeaderValue> = {}
  for (const name in headers) out[name] = headers[name] as HeaderValue
  out['content-length'] = String(length)
  return out
}

const streamEnds = (ex: Exchange<NodeResponse>): StreamEnds<NodeResponse> => ({
  isClosed,
  end: (res: NodeResponse) => endResponse(res),
  fail: (e: unknown) => {
    ex.report('the response stream failed', e)
    destroyResponse(ex.target)
  },
  report: reporter(ex),
})
