import type { IncomingHttpHeaders } from 'node:http'
import { Readable } from 'node:stream'
import { type Handler, type Logger, MemoryRequest, type PeerAddress, newCancelSource } from '../core/index.js'
import { loggerOf } from './listener-options.js'
import { WebExchange } from './respond-web.js'
import { serveWeb } from './serve-web.js'

/** The request `inject` makes. */
export interface InjectOptions {
  /** `GET` by default. */
  readonly method?: string
  /** The request target: path and query (`/api/v1/pods?limit=1`). */
  readonly url: string
  /** Header names in any case; an array is several header lines. */
  readonly headers?: Readonly<Record<string, string | ReadonlyArray<string>>>
  /** A string or bytes as they are; any other value as JSON (with `content-type: application/json` unless given). */
  readonly body?: string | Uint8Array | object
  /** The peer's address, for audit's `sourceIPs` and HTTP logging. */
  readonly remoteAddress?: string
  /** Where defects are logged; JSON lines on stderr by default. */
  readonly log?: Logger
}

/** What `inject` got back. */
export interface InjectResponse {
  readonly status: number
  /** Lower-case names; a repeated header's values joined with `, `, `set-cookie` an array. */
  readonly headers: Readonly<Record<string, string | ReadonlyArray<string>>>
  readonly body: Buffer
  /** The body as UTF-8 text. */
  text(): string
  /** The body parsed as JSON; throws on a body that is not JSON. */
  json(): unknown
}

/**
 * Sends one request to a Handler in memory, without sockets (like Fastify's `inject`), for tests. The
 * request is a `MemoryRequest` over HTTP/1.1 whose header lines stay separate (two `Impersonate-Group`
 * lines are two groups, as over a socket); a body gets its `content-length`. The answer goes the way
 * `toFetchHandler` gives it (status, headers, 400 for a bad target, 500 for a defect, 501 for an upgrade)
 * and its body is read to the end, so finalizers run as a server would run them (`'finished'`). A
 * stream that fails mid-way rejects, as a client sees a response cut off.
 *
 * @example
 * import { constant, text } from 'kubechain/core'
 * import { inject } from 'kubechain/serve'
 *
 * const res = await inject(constant(text(200, 'hello')), { url: '/hi' })
 * console.log(res.status, res.text()) // 200 hello
 */
export const inject = async (handler: Handler, opts: InjectOptions): Promise<InjectResponse> => {
  const raw = memoryRequestFor(opts)
  const ex = new WebExchange(raw, newCancelSource(), loggerOf(opts), () => false)
  const res = await serveWeb(handler, ex)
  const body = Buffer.from(await res.arrayBuffer())
  return {
    status: res.status,
    headers: recordOf(res.headers),
    body,
    text: () => body.toString('utf8'),
    json: () => JSON.parse(body.toString('utf8')) as unknown,
  }
}

/** The raw request of `opts`: node's header object and flat lines, the body as a Readable. */
const memoryRequestFor = (opts: InjectOptions): MemoryRequest => {
  const body = bodyOf(opts.body)
  const lines: Array<readonly [string, string]> = []
  for (const name in opts.headers) {
    const value = opts.headers[name] as string | ReadonlyArray<string>
    for (const v of typeof value === 'string' ? [value] : value) lines.push([name.toLowerCase(), v])
  }
  const has = (name: string): boolean => lines.some(([n]) => n === name)
  if (body !== undefined && !has('content-length')) lines.push(['content-length', String(body.bytes.byteLength)])
  if (body?.json === true && !has('content-type')) lines.push(['content-type', 'application/json'])
  const headers: IncomingHttpHeaders = {}
  const rawHeaders: string[] = []
  for (const [name, value] of lines) {
    rawHeaders.push(name, value)
    joinHeader(headers, name, value)
  }
  const open = body === undefined ? () => Readable.from([]) : () => Readable.from([body.bytes])
  const peer: PeerAddress | undefined = opts.remoteAddress === undefined ? undefined : { remoteAddress: opts.remoteAddress }
  return new MemoryRequest((opts.method ?? 'GET').toUpperCase(), opts.url, headers, rawHeaders, open, peer)
}

const bodyOf = (body: InjectOptions['body']): { readonly bytes: Uint8Array; readonly json: boolean } | undefined => {
  if (body === undefined) return undefined
  if (typeof body === 'string') return { bytes: Buffer.from(body), json: false }
  if (body instanceof Uint8Array) return { bytes: body, json: false }
  return { bytes: Buffer.from(JSON.stringify(body)), json: true }
}

/**
 * Adds a header line to node's header object as node:http does: the first line only of the headers node
 * keeps single, `set-cookie` an array, `cookie` joined with `; `, any other joined with `, `.
 */
const joinHeader = (headers: IncomingHttpHeaders, name: string, value: string): void => {
  const known = headers[name]
  if (name === 'set-cookie') headers['set-cookie'] = [...(headers['set-cookie'] ?? []), value]
  else if (known === undefined) headers[name] = value
  else if (!keptSingle.has(name)) headers[name] = `${known as string}${name === 'cookie' ? '; ' : ', '}${value}`
}

/** The headers whose repeated lines node:http drops after the first. */
const keptSingle: ReadonlySet<string> = new Set([
  'age',
  'authorization',
  'content-length',
  'content-type',
  'etag',
  'expires',
  'from',
  'host',
  'if-modified-since',
  'if-unmodified-since',
  'last-modified',
  'location',
  'max-forwards',
  'proxy-authorization',
  'referer',
  'retry-after',
  'server',
  'user-agent',
])

const recordOf = (headers: Headers): Record<string, string | ReadonlyArray<string>> => {
  const out: Record<string, string | ReadonlyArray<string>> = {}
  for (const [name, value] of headers) if (name !== 'set-cookie') out[name] = value
  const cookies = headers.getSetCookie()
  if (cookies.length > 0) out['set-cookie'] = cookies
  return out
}
