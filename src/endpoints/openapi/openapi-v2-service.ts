import type { Clock } from '../../core/clock.js'
import type { Handler } from '../../core/handler.js'
import { header } from '../../core/request.js'
import { empty, text } from '../../core/response.js'
import { admits, parseAccept } from '../media-types.js'
import { computeETag } from './openapi-v3-service.js'
import { serveContent } from './serve-content.js'

/** Where the v2 document is served. */
export const openApiV2Path = '/openapi/v2'

/** gnostic's v2 protobuf subtype as kubectl asks for it (deprecated upstream, still accepted). */
export const protobufV2SubTypeDeprecated = 'com.github.proto-openapi.spec.v2@v1.0+protobuf'
/** gnostic's v2 protobuf subtype, the one every protobuf answer is labelled with (`@` is not a token character). */
export const protobufV2SubType = 'com.github.proto-openapi.spec.v2.v1.0+protobuf'

/** The v2 document's encodings: JSON always, gnostic protobuf when given. */
export interface V2Bodies {
  readonly json: Uint8Array
  readonly protobuf?: Uint8Array
}

/**
 * kube-openapi's v2 `handler`: `/openapi/v2` in the first encoding that the Accept header's clauses (by
 * preference) admit: `application/json`, or gnostic protobuf for either protobuf subtype, labelled
 * `application/com.github.proto-openapi.spec.v2.v1.0+protobuf`. Both carry the SHA-512 of the JSON as
 * quoted ETag, `Vary: Accept` and `Last-Modified`; none admitted is 406 without a body. Any method is
 * answered, as upstream's mux handler does; paths below `/openapi/v2` are 404.
 */
export const openApiV2Handler = (bodies: V2Bodies, clock?: Clock): Handler => {
  const built = clock?.now()
  const etag = `"${computeETag(bodies.json)}"`
  const protobufType = `application/${protobufV2SubType}`
  const accepted = [
    { subType: 'json', contentType: 'application/json', body: bodies.json },
    ...(bodies.protobuf === undefined
      ? []
      : [protobufV2SubTypeDeprecated, protobufV2SubType].map((subType) => ({
          subType,
          contentType: protobufType,
          body: bodies.protobuf as Uint8Array,
        }))),
  ]
  const notAcceptable = empty(406, { vary: 'Accept' })
  const notFound = text(404, '404 page not found\n', { 'x-content-type-options': 'nosniff' })
  return (req) => {
    if (req.path !== openApiV2Path) return notFound
    for (const clause of parseAccept(header(req, 'accept') || '*/*'))
      for (const a of accepted)
        if (admits(clause, 'application', a.subType))
          return serveContent(req, a.body, { vary: 'Accept', 'content-type': a.contentType, etag }, built)
    return notAcceptable
  }
}
