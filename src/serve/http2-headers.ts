import type { Http2ServerResponse } from 'node:http2'
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
export const goAwayIfAsked = (res: Http2ServerResponse, headers: ResponseHeaders): void => {
  if (asksToClose(headers['connection'])) res.stream.session?.close()
}
