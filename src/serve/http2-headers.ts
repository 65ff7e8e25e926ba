import { type Http2ServerResponse, type OutgoingHttpHeaders, type ServerHttp2Stream, sensitiveHeaders } from 'node:http2'
import type { HeaderValue, ResponseHeaders } from '../core/index.js'

/** Headers HTTP/2 forbids (RFC 9113 8.2.2); node's compatibility API throws or warns on them. */
const connectionSpecific: ReadonlyArray<string> = [
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'upgrade',
  'http2-settings',
  'te',
]

/** The headers without HTTP/2's forbidden connection-specific ones; the same object when there are none. */
export const forHttp2 = (headers: ResponseHeaders): ResponseHeaders => {
  for (const name of connectionSpecific) if (name in headers) return strip(headers)
  return headers
}

const strip = (headers: ResponseHeaders): ResponseHeaders => {
  const out: Record<string, HeaderValue> = {}
  for (const name in headers) {
    const value = headers[name]
    if (value !== undefined && !connectionSpecific.includes(name)) out[name] = value
  }
  return out
}

const closeToken = /(?:^|,)[ \t]*close[ \t]*(?:,|$)/i

/** True when a `Connection` header value has the `close` token. */
export const asksToClose = (value: HeaderValue | undefined): boolean =>
  value === undefined ? false : typeof value === 'string' ? closeToken.test(value) : value.some((v) => closeToken.test(v))

/**
 * Upstream's `Connection: close` on HTTP/2: the session sends GOAWAY and closes once its open streams
 * (this response included) are done, as Go's HTTP/2 server does.
 */
export const goAwayIfAsked = (res: Http2ServerResponse, headers: ResponseHeaders): void => goAwayOnClose(res.stream, headers)

/** `goAwayIfAsked` on the stream itself. */
export const goAwayOnClose = (stream: ServerHttp2Stream, headers: ResponseHeaders): void => {
  if (asksToClose(headers['connection'])) stream.session?.close()
}

/** An HTTP token (RFC 9110 §5.6.2), as node checks header names. */
const token = /^[\^_`a-zA-Z\-0-9!#$%&'*+.|~]+$/

/**
 * The header block `stream.respond` takes: `:status`, the headers without HTTP/2's connection-specific
 * ones, and `content-length: <length>` when a length is given (replacing any). A name that is not an
 * HTTP token throws node's `ERR_INVALID_HTTP_TOKEN`, as node:http's `writeHead` does (node's HTTP/2
 * `respond` only refuses a name with a space). An `Audit-Id` is sent as a never-indexed field (see
 * `neverIndexed`). One loop, one object; node's `respond` copies it once more and adds `date`.
 */
export const http2ResponseHeaders = (status: number, headers: ResponseHeaders, length?: number): OutgoingHttpHeaders => {
  const out: OutgoingHttpHeaders = { ':status': status }
  for (const name in headers) {
    const value = headers[name]
    if (value === undefined || connectionSpecific.includes(name)) continue
    if (!token.test(name)) throw invalidName(name)
    out[name] = value as string | string[]
  }
  if (length !== undefined) out['content-length'] = String(length)
  if (out['audit-id'] !== undefined) (out as Record<symbol, unknown>)[sensitiveHeaders] = neverIndexed
  return out
}

/**
 * Response fields whose value is new on every response, sent as HPACK literals that are never indexed
 * (RFC 7541 §6.2.3, node's `sensitiveHeaders`). Indexed, each response's Audit-Id would be inserted into
 * the session's HPACK dynamic table only to evict fields that do repeat (`content-type`, `cache-control`,
 * `date`), and the encoder would search and evict on every response; the bytes the client decodes are the
 * same field either way.
 */
const neverIndexed: ReadonlyArray<string> = ['audit-id']

const invalidName = (name: string): Error =>
  Object.assign(new TypeError(`Header name must be a valid HTTP token ["${name}"]`), { code: 'ERR_INVALID_HTTP_TOKEN' })
