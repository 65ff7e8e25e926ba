import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import * as TE from 'fp-ts/lib/TaskEither.js'
import { type UserInfo, userKey } from '../auth/user.js'
import type { Handler } from '../core/handler.js'
import { get } from '../core/request.js'
import { type ApiError, toResponse } from '../core/status.js'
import { badRequest } from '../core/status-errors.js'
import { readBodyLimited } from '../core/read-body.js'
import { type InputFormat, negotiateInput } from '../endpoints/negotiate-input.js'
import { decodeProtobufObject } from '../endpoints/protobuf/decode-protobuf-object.js'
import type { ResourceDefinition } from '../endpoints/resource-definition.js'
import { parse } from 'yaml'
import { methodNotAllowed, routeNotFound } from '../endpoints/api-errors.js'
import { apiJson } from './api-json.js'
import { maxRequestBodyBytes } from '../endpoints/read-object.js'

/** SelfSubjectReviews as the API machinery knows them (create only, cluster-scoped). */
export const selfSubjectReviewDefinition: ResourceDefinition = {
  group: 'authentication.k8s.io',
  version: 'v1',
  kind: 'SelfSubjectReview',
  listKind: 'SelfSubjectReviewList',
  resource: 'selfsubjectreviews',
  singularName: 'selfsubjectreview',
  namespaced: false,
  shortNames: [],
  verbs: ['create'],
  model: 'io.k8s.api.authentication.v1.SelfSubjectReview',
  columns: [],
}

/** The resource path this handler serves. */
export const selfSubjectReviewsPath = '/apis/authentication.k8s.io/v1/selfsubjectreviews'

/**
 * `POST /apis/authentication.k8s.io/v1/selfsubjectreviews`: 201 with a SelfSubjectReview whose
 * `status.userInfo` is the request's user (empty uid, groups and extra left out, as Go's `omitempty`).
 * The body is read (3 MiB cap, 413 beyond) and, if present, decoded as JSON, YAML or Kubernetes
 * protobuf (what kubectl sends; another Content-Type is 415); without a user it is 400
 * `no user present on request`, as upstream's REST storage answers. Other paths are 404, other methods 405.
 * @example
 * const services = [{ root: selfSubjectReviewsPath, handler: selfSubjectReviewHandler }]
 */
export const selfSubjectReviewHandler: Handler = (req) => {
  if (req.path !== selfSubjectReviewsPath) return toResponse(routeNotFound)
  if (req.method !== 'POST') return toResponse(methodNotAllowed)
  return pipe(
    TE.fromEither(negotiateInput(req)),
    TE.chain((format) =>
      pipe(
        readBodyLimited(req, maxRequestBodyBytes),
        TE.chainEitherK((body) => checkBody(format, body)),
      ),
    ),
    TE.chain(() => TE.fromOption(() => badRequest('no user present on request'))(get(req, userKey))),
    TE.match(toResponse, (user) => apiJson(201, review(user))),
  )()
}

/** An empty body, or one that decodes as a SelfSubjectReview; malformed bodies are 400 as upstream's decoders answer. */
const checkBody = (format: InputFormat, body: Uint8Array): E.Either<ApiError, unknown> => {
  if (body.length === 0) return E.right(undefined)
  if (format === 'protobuf') return decodeProtobufObject(body, selfSubjectReviewDefinition)
  return E.tryCatch(
    () =>
      (format === 'yaml'
        ? parse(Buffer.from(body).toString('utf8'))
        : JSON.parse(Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8'))) as unknown,
    (e) => badRequest(`couldn't get version/kind; ${format} parse error: ${e instanceof Error ? e.message : String(e)}`),
  )
}

const review = (user: UserInfo): unknown => ({
  kind: 'SelfSubjectReview',
  apiVersion: 'authentication.k8s.io/v1',
  metadata: { creationTimestamp: null },
  status: { userInfo: userInfoJson(user) },
})

const userInfoJson = (u: UserInfo): Record<string, unknown> => {
  const out: Record<string, unknown> = { username: u.name }
  if (u.uid !== '') out['uid'] = u.uid
  if (u.groups.length > 0) out['groups'] = u.groups
  if (Object.keys(u.extra).length > 0) out['extra'] = u.extra
  return out
}
