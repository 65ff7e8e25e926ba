import { answer } from '../../core/answered.js'
import type { Clock } from '../../core/clock.js'
import { goJson } from '../../core/go-json.js'
import type { Handler } from '../../core/handler.js'
import { header } from '../../core/request.js'
import { empty, text } from '../../core/response.js'
import type { JsonObject } from '../json-value.js'
import { admits, parseAccept } from './accept-clauses.js'
import { computeETag } from './openapi-v3-service.js'
import { serveContent } from './serve-content.js'

/** Where the v2 document is served. */
export const openApiV2Path = '/openapi/v2'

/** gnostic's OpenAPI v2 protobuf media type, as kubectl asks for it. */
export const openApiV2ProtobufType = 'application/com.github.proto-openapi.spec.v2@v1.0+protobuf'

/** One encoding of the v2 document: the media range it answers and its bytes. */
export interface V2Representation {
  readonly type: string
  readonly subType: string
  readonly contentType: string
  readonly body: Uint8Array
}

/** The v2 document as JSON (Go's `json.Marshal`), answering `application/json`. */
export const v2Json = (doc: JsonObject): V2Representation => ({
  type: 'application',
  subType: 'json',
  contentType: 'application/json',
  body: Buffer.from(goJson(doc), 'utf8'),
})

/**
 * kube-openapi's v2 `handler`: `/openapi/v2` in the first representation that the Accept header's
 * clauses (by preference) admit, with `Content-Type`, the SHA-512 of its bytes as quoted ETag,
 * `Vary: Accept` and `Last-Modified`; none admitted is 406 without a body. Any method is answered, as
 * upstream's mux handler does; paths below `/openapi/v2` are 404.
 */
export const openApiV2Handler = (representations: ReadonlyArray<V2Representation>, clock?: Clock): Handler => {
  const built = clock?.now()
  const tagged = representations.map((r) => ({ ...r, etag: `"${computeETag(r.body)}"` }))
  const notAcceptable = answer(empty(406, { vary: 'Accept' }))
  const notFound = answer(text(404, '404 page not found\n', { 'x-content-type-options': 'nosniff' }))
  return (req) => {
    if (req.path !== openApiV2Path) return notFound
    for (const clause of parseAccept(header(req, 'accept')))
      for (const r of tagged)
        if (admits(clause, r.type, r.subType))
          return answer(serveContent(req, r.body, { vary: 'Accept', 'content-type': r.contentType, etag: r.etag }, built))
    return notAcceptable
  }
}
