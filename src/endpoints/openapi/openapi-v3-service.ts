import { createHash } from 'node:crypto'
import type { Clock } from '../../core/clock.js'
import { goJson } from '../../core/go-json.js'
import type { Handler } from '../../core/handler.js'
import { header } from '../../core/request.js'
import { queryValue } from '../../core/query.js'
import { type ResponseHeaders, empty, text } from '../../core/response.js'
import type { JsonObject } from '../json-value.js'
import { admits, parseAccept } from '../media-types.js'
import { httpDate, serveContent } from './serve-content.js'

/** The root the v3 documents are served under. */
export const openApiV3Root = '/openapi/v3'

/** A group version's v3 document as served: its index key (`api/v1`), bytes and hash. */
export interface V3Entry {
  readonly key: string
  readonly body: Uint8Array
  readonly hash: string
}

/** kube-openapi's `computeETag`: the SHA-512 of the bytes, upper-case hex. */
export const computeETag = (body: Uint8Array): string => createHash('sha512').update(body).digest('hex').toUpperCase()

/** The JSON bytes of a document (Go's `json.Marshal`: compact, `<>&` escaped) and their hash. */
export const v3Entry = (key: string, doc: JsonObject): V3Entry => {
  const body = Buffer.from(goJson(doc), 'utf8')
  return { key, body, hash: computeETag(body) }
}

/** kube-openapi's `constructServerRelativeURL`: `/openapi/v3/<key>?hash=<hash>`. */
export const serverRelativeUrl = (entry: Pick<V3Entry, 'key' | 'hash'>): string =>
  `${openApiV3Root}/${entry.key}?hash=${encodeURIComponent(entry.hash)}`

/**
 * kube-openapi's `handler3`: `/openapi/v3` is the index of group versions, each with the URL of its
 * document and that document's hash; `/openapi/v3/<key>` is the document as `application/json` with its
 * hash as quoted ETag and `Vary: Accept`. A `hash` query that is stale is a 301 to the current URL; one
 * that matches adds `Cache-Control: public, immutable` and `Expires` a year ahead. An Accept header that
 * admits no JSON is 406 without a body (the protobuf forms are not served here). Any method is answered
 * as upstream's mux handler does; documents are encoded once, here.
 */
export const openApiV3Handler = (entries: ReadonlyArray<V3Entry>, clock?: Clock): Handler => {
  const built = clock?.now()
  const byKey = new Map(entries.map((e) => [e.key, e]))
  const paths = Object.fromEntries(
    [...entries].sort((a, b) => (a.key < b.key ? -1 : 1)).map((e) => [e.key, { serverRelativeURL: serverRelativeUrl(e) }]),
  )
  const index = Buffer.from(goJson({ paths }), 'utf8')
  const indexHeaders: ResponseHeaders = { 'content-type': 'application/json', etag: `"${computeETag(index)}"` }
  const notFound = text(404, '404 page not found\n', { 'x-content-type-options': 'nosniff' })
  return (req) => {
    if (req.path === openApiV3Root) return serveContent(req, index, indexHeaders, clock?.now())
    const entry = req.path.startsWith(`${openApiV3Root}/`) ? byKey.get(req.path.slice(openApiV3Root.length + 1)) : undefined
    if (entry === undefined) return notFound
    return groupVersion(req, entry, built, clock)
  }
}

const groupVersion = (req: Parameters<Handler>[0], entry: V3Entry, built: number | undefined, clock: Clock | undefined) => {
  const vary = { vary: 'Accept' }
  if (!parseAccept(header(req, 'accept') || '*/*').some((c) => admits(c, 'application', 'json'))) return empty(406, vary)
  const headers: Record<string, string> = { ...vary, 'content-type': 'application/json', etag: `"${entry.hash}"` }
  const hash = queryValue(req, 'hash')
  if (hash !== undefined && hash !== '') {
    if (hash !== entry.hash) return empty(301, { ...headers, location: serverRelativeUrl(entry) })
    headers['cache-control'] = 'public, immutable'
    if (clock !== undefined) headers['expires'] = inAYear(clock.now())
  }
  return serveContent(req, entry.body, headers, built)
}

/** Go's `time.Now().AddDate(1, 0, 0).Format(time.RFC1123)` in UTC: `Tue, 07 Dec 2027 03:31:49 UTC`. */
const inAYear = (now: number): string => {
  const d = new Date(now)
  d.setUTCFullYear(d.getUTCFullYear() + 1)
  return httpDate(d.getTime()).replace(/GMT$/, 'UTC')
}
