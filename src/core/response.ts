import type { IncomingMessage, ServerResponse } from 'node:http'
import type { WebSocket, WebSocketServer } from 'ws'
import type { CancelToken } from './cancel-token.js'
import type { Request } from './request.js'

/** A piece of a response body. */
export type Chunk = string | Uint8Array

/** A response body: nothing, one chunk, or a stream of chunks (watches, large lists). */
export type Body =
  | { readonly _tag: 'Empty' }
  | { readonly _tag: 'Bytes'; readonly value: Chunk }
  | { readonly _tag: 'Stream'; readonly chunks: AsyncIterable<Chunk> }

/** A response header value; several values are written as several header lines. */
export type HeaderValue = string | ReadonlyArray<string>

/** Response headers with lower-case names. */
export type ResponseHeaders = Readonly<Record<string, HeaderValue>>

/**
 * How a response ended on the wire (the request-exit protocol's second outcome, see `whenEnded`): handed
 * to the connection completely (`'finished'`: a one-piece body once node's `end` took it, a stream after
 * its last chunk), cut off by the connection (`'aborted'`), or dropped by a filter (`'discarded'`).
 */
export type Ended = 'finished' | 'aborted' | 'discarded'

/** Runs once, after the response ended; this is how filters learn that a request really ended. */
export type Finalizer = (outcome: Ended) => void

/** Accepts a WebSocket after the upgrade handshake. */
export type OnConnection = (ws: WebSocket, req: Request) => void

/** A foreign node listener (an Express app, say). */
export type NodeListener = (req: IncomingMessage, res: ServerResponse) => void

interface Common {
  readonly headers: ResponseHeaders
  readonly finalizers: ReadonlyArray<Finalizer>
}

/** An ordinary HTTP response. */
export interface HttpResponse extends Common {
  readonly _tag: 'Http'
  readonly status: number
  readonly body: Body
  /**
   * The request's deadline, for a response that is written over time (`isComplete` false): once this token
   * is cancelled, a response still being written is cut (HTTP/1: connection destroyed; HTTP/2: stream
   * reset), as upstream's timeout aborts a response it cannot finish. Set by the `timeout` step.
   */
  readonly deadline?: CancelToken | undefined
}

/** Hands the socket to a `ws` server; the headers go on the 101 response. */
export interface UpgradeResponse extends Common {
  readonly _tag: 'Upgrade'
  readonly server: WebSocketServer
  readonly onConnection: OnConnection
}

/** Hands the raw node request and response to a foreign listener; the headers are set first. */
export interface TakeoverResponse extends Common {
  readonly _tag: 'Takeover'
  readonly listener: NodeListener
}

/** What a Handler answers: data, written by the adapter at the edge. */
export type Response = HttpResponse | UpgradeResponse | TakeoverResponse

const noFinalizers: ReadonlyArray<Finalizer> = []
const emptyBody: Body = { _tag: 'Empty' }
const noHeaders: ResponseHeaders = {}

/**
 * Copies headers and sets one. A `for...in` copy then an assignment, not a spread with an added computed
 * key (`{ ...h, [k]: v }`), which V8 builds on a slow path.
 */
const withHeader = (headers: ResponseHeaders, key: string, value: HeaderValue): ResponseHeaders => {
  const out: Record<string, HeaderValue> = {}
  for (const k in headers) out[k] = headers[k] as HeaderValue
  out[key] = value
  return out
}

const withDefault = (headers: ResponseHeaders | undefined, name: string, value: string): ResponseHeaders =>
  headers === undefined ? { [name]: value } : name in headers ? headers : withHeader(headers, name, value)

/** A text response; `content-type` defaults to `text/plain; charset=utf-8`. */
export const text = (status: number, body: string, headers?: ResponseHeaders): HttpResponse => ({
  _tag: 'Http',
  status,
  headers: withDefault(headers, 'content-type', 'text/plain; charset=utf-8'),
  body: { _tag: 'Bytes', value: body },
  finalizers: noFinalizers,
  deadline: undefined,
})

/** A JSON response (`JSON.stringify(value)`); `content-type` defaults to `application/json`. */
export const json = (status: number, value: unknown, headers?: ResponseHeaders): HttpResponse => ({
  _tag: 'Http',
  status,
  headers: withDefault(headers, 'content-type', 'application/json'),
  body: { _tag: 'Bytes', value: JSON.stringify(value) },
  finalizers: noFinalizers,
  deadline: undefined,
})

/** A response with raw bytes or a string and exactly the given headers. */
export const bytes = (status: number, value: Chunk, headers?: ResponseHeaders): HttpResponse => ({
  _tag: 'Http',
  status,
  headers: headers ?? noHeaders,
  body: { _tag: 'Bytes', value },
  finalizers: noFinalizers,
  deadline: undefined,
})

/** A response without a body. */
export const empty = (status: number, headers?: ResponseHeaders): HttpResponse => ({
  _tag: 'Http',
  status,
  headers: headers ?? noHeaders,
  body: emptyBody,
  finalizers: noFinalizers,
  deadline: undefined,
})

/** A streamed response: chunks are written as they come, with backpressure. */
export const stream = (status: number, chunks: AsyncIterable<Chunk>, headers?: ResponseHeaders): HttpResponse => ({
  _tag: 'Http',
  status,
  headers: headers ?? noHeaders,
  body: { _tag: 'Stream', chunks },
  finalizers: noFinalizers,
  deadline: undefined,
})

/** Accepts a WebSocket upgrade through `server` (made with `{ noServer: true }`). */
export const upgrade = (server: WebSocketServer, onConnection: OnConnection, headers?: ResponseHeaders): UpgradeResponse => ({
  _tag: 'Upgrade',
  server,
  onConnection,
  headers: headers ?? noHeaders,
  finalizers: noFinalizers,
})

/** Lets a foreign node listener answer the request. */
export const takeover = (listener: NodeListener, headers?: ResponseHeaders): TakeoverResponse => ({
  _tag: 'Takeover',
  listener,
  headers: headers ?? noHeaders,
  finalizers: noFinalizers,
})

/**
 * The same response with other headers and finalizers, built as an explicit literal per variant: one
 * hidden class per variant keeps this cheap, where `{ ...res, ... }` over the union takes V8's generic path.
 */
const rebuild = <R extends Response>(res: R, headers: ResponseHeaders, finalizers: ReadonlyArray<Finalizer>): R => {
  switch (res._tag) {
    case 'Http':
      return { _tag: 'Http', status: res.status, headers, body: res.body, finalizers, deadline: res.deadline } as HttpResponse as R
    case 'Upgrade':
      return { _tag: 'Upgrade', server: res.server, onConnection: res.onConnection, headers, finalizers } as UpgradeResponse as R
    case 'Takeover':
      return { _tag: 'Takeover', listener: res.listener, headers, finalizers } as TakeoverResponse as R
  }
  return res
}

/**
 * The largest one-piece body taken to be handed to the connection at once: node's socket buffer and the
 * kernel's take it whether or not the client reads. Counted in bytes, or in UTF-16 code units for a string.
 */
export const flushedAtOnceBytes = 64 << 10

/**
 * True for a response whose work is done when it is returned: an Http response with an Empty body or a
 * Bytes body of at most `flushedAtOnceBytes`. A larger body is written over time, as a client reads it
 * (upstream holds the seat while a write blocks); a stream, an upgrade and a takeover go on working after
 * they are returned, until they ended.
 */
export const isComplete = (res: Response): boolean => {
  if (res._tag !== 'Http') return false
  const body = res.body
  return body._tag === 'Empty' || (body._tag === 'Bytes' && body.value.length <= flushedAtOnceBytes)
}

/** The same Http response, cut when `token` is cancelled before it was written in full (see `HttpResponse.deadline`). */
export const withDeadline = (res: HttpResponse, token: CancelToken): HttpResponse => ({
  _tag: 'Http',
  status: res.status,
  headers: res.headers,
  body: res.body,
  finalizers: res.finalizers,
  deadline: token,
})

/** Sets a header, replacing any value. Names are lower-cased. */
export const setHeader = (name: string, value: HeaderValue) => {
  const key = name.toLowerCase()
  return <R extends Response>(res: R): R => rebuild(res, withHeader(res.headers, key, value), res.finalizers)
}

/** Sets a header unless the response already has it (how Cache-Control, HSTS and Audit-ID behave upstream). */
export const setHeaderIfAbsent = (name: string, value: HeaderValue) => {
  const key = name.toLowerCase()
  return <R extends Response>(res: R): R => (key in res.headers ? res : rebuild(res, withHeader(res.headers, key, value), res.finalizers))
}

/** Adds a finalizer; finalizers run in the order they were added, innermost filter first. */
export const addFinalizer =
  (finalizer: Finalizer) =>
  <R extends Response>(res: R): R =>
    withFinalizer(res, finalizer)

/** `addFinalizer` uncurried, for the core's hot path (no closure per call); not re-exported. */
export const withFinalizer = <R extends Response>(res: R, finalizer: Finalizer): R =>
  rebuild(res, res.headers, appended(res.finalizers, finalizer))

/**
 * A copy of `list` with `item` at the end, allocated at its final size. Not `list.concat(item)`: concat
 * with a function argument takes V8's slow path (it checks `Symbol.isConcatSpreadable` on the function);
 * `slice` then `push` grows the copy once more.
 */
const appended = <A>(list: ReadonlyArray<A>, item: A): ReadonlyArray<A> => {
  const n = list.length
  const out = new Array<A>(n + 1)
  for (let i = 0; i < n; i++) out[i] = list[i] as A
  out[n] = item
  return out
}

/**
 * Runs every finalizer once with `outcome`. Adapters call it when a response ended; a filter that drops a
 * response it got from inside (a timeout answering first) must call it with `'discarded'`. A throwing
 * finalizer does not stop the others; the first error is returned.
 */
export const runFinalizers = (res: Response, outcome: Ended): unknown => {
  let failure: unknown
  for (const f of res.finalizers) {
    try {
      f(outcome)
    } catch (e) {
      failure ??= e
    }
  }
  return failure
}
