import type { IncomingMessage } from 'node:http'
import type { Http2ServerRequest, IncomingHttpHeaders as Http2Headers, ServerHttp2Stream } from 'node:http2'
import type { Socket } from 'node:net'
import type { Readable } from 'node:stream'
import type { TLSSocket } from 'node:tls'
import type * as O from 'fp-ts/lib/Option.js'
import { type Attributes, type Key, bind, lookup } from './attributes.js'
import { type CancelToken, neverCancelled } from './cancel-token.js'
import { MemoryRequest, type PeerAddress } from './memory-request.js'

/** Request headers: lower-case names, as node gives them. */
export type Headers = Readonly<Record<string, string | ReadonlyArray<string> | undefined>>

/**
 * The node request underneath, for the body stream (`requestBody`), the socket and the TLS peer
 * certificate. One of four: node:http's `IncomingMessage` (HTTP/1.x), an `Http2StreamRequest` (HTTP/2
 * served from the session's `'stream'` event, as `serveSecurely` and `toHttp2StreamListener` do),
 * node's `Http2ServerRequest` (HTTP/2 through node's compatibility API, `toNodeListener` on an http2
 * server's `'request'` event), or a `MemoryRequest` (a Web `Request` from a fetch server, or `inject`).
 * All four have `method`, `url`, `headers`, `rawHeaders`, `httpVersionMajor` (2 for both HTTP/2 kinds),
 * `httpVersion` and `socket` (`undefined` for a `MemoryRequest`, as for an HTTP/2 stream whose session is
 * gone; read a peer's address with `peerAddress`); the HTTP/2 kinds have `stream`.
 */
export type RawRequest = IncomingMessage | Http2StreamRequest | Http2ServerRequest | MemoryRequest

/**
 * An HTTP/2 request as node's `'stream'` event gives it: the stream (whose readable side is the request
 * body), node's header object (pseudo-headers included) and its flat `rawHeaders` list, kept as given,
 * not copied. Its `socket` is the session's (node's guarded proxy of the TLS or TCP socket, shared by every
 * stream of the connection: read its addresses and peer certificate, never read from or write to it).
 */
export class Http2StreamRequest {
  constructor(
    readonly stream: ServerHttp2Stream,
    readonly headers: Http2Headers,
    readonly rawHeaders: string[],
  ) {}

  /** The `:method` pseudo-header. */
  get method(): string {
    return this.headers[':method'] ?? 'GET'
  }

  /** The `:path` pseudo-header: the request target as received. */
  get url(): string {
    return this.headers[':path'] ?? '/'
  }

  get httpVersionMajor(): 2 {
    return 2
  }

  get httpVersionMinor(): 0 {
    return 0
  }

  get httpVersion(): '2.0' {
    return '2.0'
  }

  /** The connection's socket (node's proxy), `undefined` once the session is gone. */
  get socket(): Socket | TLSSocket | undefined {
    return this.stream.session?.socket
  }
}

/** The stream a raw request's body is read from: the HTTP/2 stream itself, a `MemoryRequest`'s body, or node's request object. */
export const requestBody = (raw: RawRequest): Readable =>
  raw instanceof Http2StreamRequest ? raw.stream : raw instanceof MemoryRequest ? raw.body : raw

/** The address of the peer that sent a raw request: its socket's, or what a fetch server told a `MemoryRequest`. */
export const peerAddress = (raw: RawRequest | undefined): PeerAddress | undefined => {
  if (raw instanceof MemoryRequest) return raw.peer
  const socket = raw?.socket
  return socket?.remoteAddress === undefined ? undefined : (socket as PeerAddress)
}

/**
 * An immutable HTTP request. Filters add facts with `put` and change headers with `withHeaders`; both
 * return a new Request and leave the old one as it was.
 */
export interface Request {
  /** Upper-case method as sent (`GET`). */
  readonly method: string
  /** The request target as received: escaped path, then `?` and the query if any. */
  readonly url: string
  /** The percent-decoded path (Go's `URL.Path`), used for routing and RequestInfo. */
  readonly path: string
  /** The path as received, still escaped. */
  readonly rawPath: string
  /** The query without `?`; `''` when there is none. */
  readonly rawQuery: string
  /** Request headers, lower-case names. */
  readonly headers: Headers
  /** The node request, or `undefined` for a request made in memory. */
  readonly raw: RawRequest | undefined
  /** Cancelled when the client goes away, at the deadline, or when a timeout gives up on the request. */
  readonly cancel: CancelToken
  /** The same cancellation as an AbortSignal, made on first read. */
  readonly signal: AbortSignal
  /** Typed attributes; read with `get`, add with `put`. */
  readonly attributes: Attributes | undefined
}

/** What stays the same in every copy of a request: shared by them, not copied by `put`. */
class RequestParts {
  /** The node request's header lines by lower-case name, built once on first need for a long list. */
  private index: Map<string, string[]> | undefined = undefined

  constructor(
    readonly method: string,
    readonly url: string,
    readonly path: string,
    readonly rawPath: string,
    readonly rawQuery: string,
    readonly raw: RawRequest | undefined,
  ) {}

  /**
   * The lines of header `name` in the node request's `rawHeaders`, or `undefined` when it keeps none (a
   * spec's fake). A short list is scanned per read; a longer one is indexed once, so reading every
   * header of a request (impersonation's extras) stays linear in its number of lines.
   */
  lines(name: string): ReadonlyArray<string> | undefined {
    if (this.index !== undefined) return this.index.get(name) ?? none
    const flat = this.raw?.rawHeaders as ReadonlyArray<string> | undefined
    if (flat === undefined) return undefined
    if (flat.length <= scanLimit) return linesOf(flat, name)
    this.index = indexLines(flat)
    return this.index.get(name) ?? none
  }
}

/**
 * A Request as four fields: the shared parts, headers, cancellation and attributes. `put`, `withHeaders`
 * and `withCancel` copy these four (several steps of every chain copy a request), not all nine; the
 * shared fields are read through getters.
 */
class RequestRecord implements Request {
  constructor(
    readonly parts: RequestParts,
    readonly headers: Headers,
    readonly cancel: CancelToken,
    readonly attributes: Attributes | undefined,
  ) {}

  get method(): string {
    return this.parts.method
  }

  get url(): string {
    return this.parts.url
  }

  get path(): string {
    return this.parts.path
  }

  get rawPath(): string {
    return this.parts.rawPath
  }

  get rawQuery(): string {
    return this.parts.rawQuery
  }

  get raw(): RawRequest | undefined {
    return this.parts.raw
  }

  get signal(): AbortSignal {
    return this.cancel.signal
  }
}

/** What `newRequest` needs; the target is parsed by `parseTarget`. */
export interface RequestInit {
  readonly method: string
  readonly target: Target
  readonly headers: Headers
  readonly raw?: RawRequest | undefined
  readonly cancel?: CancelToken
  readonly attributes?: Attributes | undefined
}

/** A request target split into its parts. */
export interface Target {
  readonly url: string
  readonly path: string
  readonly rawPath: string
  readonly rawQuery: string
}

/** Makes a Request from parts; adapters and specs use it. */
export const newRequest = (init: RequestInit): Request =>
  new RequestRecord(
    new RequestParts(init.method, init.target.url, init.target.path, init.target.rawPath, init.target.rawQuery, init.raw),
    init.headers,
    init.cancel ?? neverCancelled,
    init.attributes,
  )

/** Reads a typed attribute. */
export const get = <A>(req: Request, key: Key<A>): O.Option<A> => lookup(req.attributes, key)

/** Returns a new Request with `key` bound to `value`. */
export const put = <A>(req: Request, key: Key<A>, value: A): Request =>
  new RequestRecord(partsOf(req), req.headers, req.cancel, bind(req.attributes, key, value))

/** Returns a new Request with other headers (e.g. without `Authorization` after authentication). */
export const withHeaders = (req: Request, headers: Headers): Request => new RequestRecord(partsOf(req), headers, req.cancel, req.attributes)

/** Returns a new Request whose cancellation is `cancel` (a timeout gives inner handlers a child token). */
export const withCancel = (req: Request, cancel: CancelToken): Request =>
  new RequestRecord(partsOf(req), req.headers, cancel, req.attributes)

/** The shared parts of a request; a Request made elsewhere (a spec's literal) gets its own. */
const partsOf = (req: Request): RequestParts =>
  req instanceof RequestRecord ? req.parts : new RequestParts(req.method, req.url, req.path, req.rawPath, req.rawQuery, req.raw)

/**
 * A header's value as node gives it: a repeated header's lines joined with `, ` (`; ` for `cookie`), or
 * only the first line of the few node keeps single (`authorization`, `host`, `user-agent`, ...); an
 * array's first entry. Read a header whose lines are separate values with `headerValues`.
 */
export const header = (req: Request, name: string): string | undefined => {
  const v = req.headers[name]
  return typeof v === 'string' || v === undefined ? v : v[0]
}

/**
 * Every value of a header, one per header line, as Go's `Header.Values` (`headerValues(req, n)[0]` is
 * Go's `Header.Get`). Node joins repeated lines in its header object, so while the Request's value of
 * the header is still node's, the lines are read from the node request's `rawHeaders` (HTTP/1.1 and
 * HTTP/2 alike; node's `headersDistinct` is HTTP/1 only and builds arrays for every header). A header a
 * filter changed or added, and every header of a request made in memory, gives its own value, where an
 * array is several values. An absent header reads nothing.
 */
export const headerValues = (req: Request, name: string): ReadonlyArray<string> => {
  const v = req.headers[name]
  if (v === undefined) return none
  const own = typeof v === 'string' ? [v] : v
  return req.raw?.headers?.[name] === v ? (partsOf(req).lines(name) ?? own) : own
}

const none: ReadonlyArray<string> = []

/** Up to this many `rawHeaders` entries (name and value each count) a header's lines are found by a scan. */
const scanLimit = 64

/** The values of `name` (lower case) in node's flat `[name, value, ...]` list; names compare without case. */
const linesOf = (flat: ReadonlyArray<string>, name: string): ReadonlyArray<string> => {
  const out: string[] = []
  for (let i = 0; i + 1 < flat.length; i += 2) {
    const k = flat[i] as string
    if (k.length === name.length && k.toLowerCase() === name) out.push(flat[i + 1] as string)
  }
  return out
}

/** Every header's lines in node's flat list, by lower-case name. */
const indexLines = (flat: ReadonlyArray<string>): Map<string, string[]> => {
  const index = new Map<string, string[]>()
  for (let i = 0; i + 1 < flat.length; i += 2) {
    const k = (flat[i] as string).toLowerCase()
    const v = flat[i + 1] as string
    const known = index.get(k)
    if (known === undefined) index.set(k, [v])
    else known.push(v)
  }
  return index
}
