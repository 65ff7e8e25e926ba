import type { HttpResponse, ResponseHeaders } from '../../core/response.js'
import { bytes, empty } from '../../core/response.js'
import type { Request } from '../../core/request.js'
import { header } from '../../core/request.js'

/** An HTTP date as Go's `http.TimeFormat` writes it: `Mon, 02 Jan 2006 15:04:05 GMT`. */
export const httpDate = (ms: number): string => new Date(ms).toUTCString()

/**
 * Answers with `body` as Go's `http.ServeContent` does for a document whose ETag is already set in
 * `headers`: a matching `If-None-Match` is 304 for GET and HEAD (no Content-Type, no Last-Modified) and
 * 412 for other methods; else 200 with `Last-Modified` (when known) and `Accept-Ranges: bytes`.
 */
export const serveContent = (req: Request, body: Uint8Array, headers: ResponseHeaders, lastModified: number | undefined): HttpResponse => {
  const etag = headers['etag']
  const readOnly = req.method === 'GET' || req.method === 'HEAD'
  if (typeof etag === 'string' && noneMatch(header(req, 'if-none-match'), etag)) {
    if (!readOnly) return empty(412, without(headers, 'content-type'))
    return empty(304, without(headers, 'content-type'))
  }
  const out: Record<string, string | ReadonlyArray<string>> = { ...headers, 'accept-ranges': 'bytes' }
  if (lastModified !== undefined) out['last-modified'] = httpDate(lastModified)
  return bytes(200, body, out) // the adapter writes a HEAD response's headers only
}

/** Whether an `If-None-Match` header names `etag` (weakly) or is `*`. */
const noneMatch = (value: string | undefined, etag: string): boolean => {
  if (value === undefined) return false
  const bare = etag.replace(/^W\//, '')
  return value.split(',').some((t) => {
    const tag = t.trim()
    return tag === '*' || tag.replace(/^W\//, '') === bare
  })
}

const without = (headers: ResponseHeaders, name: string): ResponseHeaders => {
  const out: Record<string, string | ReadonlyArray<string>> = {}
  for (const k in headers) if (k !== name) out[k] = headers[k] as string | ReadonlyArray<string>
  return out
}
