import { Readable } from 'node:stream'
import {
  type CancelToken,
  type Chunk,
  type Handler,
  type HeaderValue,
  type Request,
  type Response,
  bytes,
  empty,
  flushedAtOnceBytes,
  header,
  plainError,
  requestBody,
  stream,
  toResponse,
  unescape,
} from '../core/index.js'
import { type ChainContext, chainContext } from './chain-context.js'

/** A Web app's fetch function, given the ChainContext of the chain in front of it. */
export type ContextFetch = (request: globalThis.Request, ctx: ChainContext) => globalThis.Response | Promise<globalThis.Response>

/**
 * The reverse of `toFetchHandler`: a Web app (a Hono app's `fetch`, say) as the inner handler of a chain,
 * handed the ChainContext (user, RequestInfo, audit ID, the Request) the chain settled on.
 *
 * The Web Request: url `http(s)://<Host, or localhost><target>` (a Host that is not a bare authority
 * gives `localhost`); the headers as the chain left them (authentication strips `Authorization`), HTTP/2
 * pseudo-headers left out; for a method other than GET and HEAD, the raw request's body as a
 * ReadableStream (`duplex: 'half'`); the request's AbortSignal.
 * The Web Response: status and headers (every `set-cookie` kept apart); no body is Empty; a body with a
 * `content-length` of at most `flushedAtOnceBytes` is read whole into a Bytes body (a complete response:
 * seats are released when it is answered); any other body is a Stream read as the client takes it, and
 * cancelled when the request's token is (its deadline passed, its client left). Anything but a Response
 * is a defect.
 *
 * The app must route the path the chain authorized: a target whose path the Web URL parser would change
 * (dot segments, `%2e`, backslashes, `*`) gets `400` without calling the app, and a method the Fetch
 * standard forbids (`CONNECT`, `TRACE`, `TRACK`) gets `405`.
 *
 * @example
 * import { Hono } from 'hono'
 * import type { ChainContext } from 'kubechain/serve'
 * import { fromFetchHandler } from 'kubechain/serve'
 *
 * const app = new Hono<{ Bindings: { kubechain: ChainContext } }>()
 * app.get('/whoami', (c) => c.text(c.env.kubechain.user?.name ?? 'nobody'))
 * export const inner = fromFetchHandler((req, ctx) => app.fetch(req, { kubechain: ctx }))
 */
export const fromFetchHandler =
  (fetch: ContextFetch): Handler =>
  async (req) => {
    if (forbiddenMethods.has(req.method.toUpperCase())) return methodNotAllowed(req.method)
    const url = urlOf(req)
    if (!keepsPath(url, req.path)) return pathChanged(req.url)
    return responseOf(await fetch(webRequestOf(req, url), chainContext(req)), req.cancel)
  }

/** The methods `new Request` refuses. */
const forbiddenMethods: ReadonlySet<string> = new Set(['CONNECT', 'TRACE', 'TRACK'])

const methodNotAllowed = (method: string): Response =>
  toResponse(plainError(405, `expected a method a Web Request can carry, got ${JSON.stringify(method)}`))

const pathChanged = (target: string): Response =>
  toResponse(plainError(400, `expected a request path the Web URL parser keeps as it is, got ${JSON.stringify(target)}`))

/**
 * True when `url` parses to the path the chain decided on: the WHATWG parser removes dot segments (also
 * `%2e`) and reads `\\` as `/`, so the app would route a path the chain never authorized.
 */
const keepsPath = (url: string, path: string): boolean => {
  if (!URL.canParse(url)) return false
  const decoded = unescape(new URL(url).pathname)
  return decoded._tag === 'Right' && decoded.right === path
}

/** The Web Request of a chain's Request, at `url`. */
const webRequestOf = (req: Request, url: string): globalThis.Request => {
  const headers = new Headers()
  for (const name in req.headers) {
    const value = req.headers[name]
    if (value === undefined || name.startsWith(':')) continue
    if (typeof value === 'string') headers.append(name, value)
    else for (const v of value) headers.append(name, v)
  }
  const withBody = req.method !== 'GET' && req.method !== 'HEAD' && req.raw !== undefined
  const body = withBody && req.raw !== undefined ? (Readable.toWeb(requestBody(req.raw)) as ReadableStream<Uint8Array>) : null
  return new Request(url, { method: req.method, headers, body, duplex: 'half', signal: req.signal } as RequestInit)
}

/**
 * `scheme://host/target`; a Host that is not a bare authority (`x/y?`, `user@x`) gives `localhost`. An
 * absolute-form target keeps its scheme and authority, the same way (a `new Request` with credentials throws).
 */
const urlOf = (req: Request): string => {
  const absolute = absoluteForm.exec(req.url)
  if (absolute !== null) return `${absolute[1]}://${authorityOf(absolute[1] ?? '', absolute[2])}${absolute[3] || '/'}`
  if (!req.url.startsWith('/')) return req.url // `*`: no URL
  const scheme = (req.raw?.socket as { encrypted?: boolean } | undefined)?.encrypted === true ? 'https' : 'http'
  return `${scheme}://${authorityOf(scheme, header(req, 'host') ?? header(req, ':authority'))}${req.url}`
}

/** An absolute-form target, as `parseTarget` takes it: scheme, authority, the rest. */
const absoluteForm = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\/([^/?#]*)(.*)$/

/** `host` as the URL parser serialises it, when it is an authority and nothing more; else `localhost`. */
const authorityOf = (scheme: string, host: string | undefined): string => {
  if (host === undefined || !URL.canParse(`${scheme}://${host}/`)) return 'localhost'
  const u = new URL(`${scheme}://${host}/`)
  return u.href === `${scheme}://${u.host}/` ? u.host : 'localhost'
}

/** A chain's Response of a Web Response. */
const responseOf = async (res: globalThis.Response, gone: CancelToken): Promise<Response> => {
  if (!isResponse(res)) throw new Error(`expected a Response from the fetch handler, got ${res === null ? 'null' : typeof res}`)
  if (res.type === 'error') throw new Error('expected a response from the fetch handler, got a network error')
  const headers = headersOf(res.headers)
  if (res.body === null) return empty(res.status, headers)
  const length = Number(res.headers.get('content-length') ?? Number.NaN)
  if (length <= flushedAtOnceBytes) return bytes(res.status, new Uint8Array(await res.arrayBuffer()), headers)
  return stream(res.status, chunksOf(res.body, gone), headers)
}

/** Duck-typed, so a Response of another fetch implementation (undici's package, a polyfill) is one too. */
const isResponse = (res: unknown): res is globalThis.Response =>
  typeof res === 'object' &&
  res !== null &&
  typeof (res as { status?: unknown }).status === 'number' &&
  typeof (res as { headers?: { get?: unknown } }).headers?.get === 'function'

const headersOf = (headers: Headers): Record<string, HeaderValue> => {
  const out: Record<string, HeaderValue> = {}
  for (const [name, value] of headers) if (name !== 'set-cookie') out[name] = value
  const cookies = headers.getSetCookie()
  if (cookies.length > 0) out['set-cookie'] = cookies
  return out
}

/**
 * The chunks of a Web body. Stopping early (`return`) or `gone` cancelled (the deadline passed, the
 * client left) cancels the body at once, ending a read still waiting on it: a body that never sends
 * again is not kept for ever by a writer waiting for its next chunk.
 */
const chunksOf = (body: ReadableStream<Uint8Array>, gone: CancelToken): AsyncIterable<Chunk> => ({
  [Symbol.asyncIterator]: (): AsyncIterator<Chunk> => {
    const reader = body.getReader()
    let over = false
    let unsubscribe = (): void => undefined
    const stop = (): Promise<IteratorReturnResult<undefined>> => {
      unsubscribe()
      if (!over) reader.cancel().catch(() => undefined) // a body given up on: its error is of no use
      over = true
      return Promise.resolve({ done: true, value: undefined })
    }
    unsubscribe = gone.onCancel(() => void stop())
    return {
      next: async () => {
        try {
          const read = await reader.read()
          if (!read.done) return { done: false, value: read.value }
          over = true
          return stop()
        } catch (e) {
          over = true
          unsubscribe()
          throw e
        }
      },
      return: stop,
    }
  },
})
