import * as E from 'fp-ts/lib/Either.js'
import * as O from 'fp-ts/lib/Option.js'
import * as TE from 'fp-ts/lib/TaskEither.js'
import { pipe } from 'fp-ts/lib/function.js'
import { type UserInfo, userKey } from '../auth/user.js'
import type { Handler } from '../core/handler.js'
import { type Request, get } from '../core/request.js'
import { type ApiError, toResponse } from '../core/status.js'
import { badRequest } from '../core/status-errors.js'
import { type JsonObject, isJsonObject } from '../endpoints/json-value.js'
import { readObject } from '../endpoints/read-object.js'
import type { ResourceDefinition } from '../endpoints/resource-definition.js'
import { readBodyLimited } from '../core/read-body.js'
import { methodNotAllowed, routeNotFound } from '../endpoints/api-errors.js'
import { apiJson } from './api-json.js'
import { maxRequestBodyBytes } from '../endpoints/read-object.js'

/**
 * What a review's REST storage does with a decoded body (upstream `Create` of a review's `REST`): the
 * object to answer 201 with, or an error. `user` is `undefined` when the request has none, so each review
 * checks for it where upstream does.
 */
export type Review = (user: UserInfo | undefined, object: JsonObject) => E.Either<ApiError, JsonObject>

/** Reads a request's body as the object a review decodes. */
export type ReadReview = (req: Request) => TE.TaskEither<ApiError, JsonObject>

/** The body as JSON only (3 MiB cap, 413 beyond; `decodeJsonObject`). */
export const readJsonReview: ReadReview = (req) => pipe(readBodyLimited(req, maxRequestBodyBytes), TE.chainEitherK(decodeJsonObject))

/**
 * The body as the shared decoder reads `def`'s kind: JSON, YAML or Kubernetes protobuf (what kubectl
 * sends), else 415. Unknown fields are ignored: no models of the review kinds are served yet.
 * @example
 * accessReviewHandler(selfSubjectAccessReviewsPath, selfSubjectAccessReview(authorizer), readReviewObject(selfSubjectAccessReviewDefinition))
 */
export const readReviewObject =
  (def: ResourceDefinition): ReadReview =>
  (req) =>
    readObject(req, def, {}, 'Ignore')

/**
 * `POST <path>` for a review that stores nothing: reads the body with `read` (JSON only by default),
 * hands the object to `review` with the request's user, and answers 201 with the result. Other methods
 * are 405 and other paths 404, as go-restful answers. A `dryRun` query changes nothing, as nothing is stored.
 * @example
 * const handler = accessReviewHandler(selfSubjectAccessReviewsPath, selfSubjectAccessReview(authorizer))
 */
export const accessReviewHandler = (path: string, review: Review, read: ReadReview = readJsonReview): Handler => {
  const missing = toResponse(routeNotFound)
  const notAllowed = toResponse(methodNotAllowed)
  return (req) => {
    if (req.path !== path) return missing
    if (req.method !== 'POST') return notAllowed
    return pipe(
      read(req),
      TE.chainEitherK((object) => review(O.toUndefined(get(req, userKey)), object)),
      TE.match(toResponse, (object) => apiJson(201, object)),
    )()
  }
}

/**
 * A body as a JSON object; `null` is an empty object (Go decodes it into the zero value). Malformed JSON
 * and other values are 400, with the message of upstream's version/kind sniffing.
 */
export const decodeJsonObject = (body: Uint8Array): E.Either<ApiError, JsonObject> =>
  pipe(
    E.tryCatch(
      () => JSON.parse(Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8')) as unknown,
      (e) => parseError(e instanceof Error ? e.message : String(e)),
    ),
    E.chain((value) =>
      value === null ? E.right({}) : isJsonObject(value) ? E.right(value as JsonObject) : E.left(parseError(notAnObject(value))),
    ),
  )

const parseError = (detail: string): ApiError => badRequest(`couldn't get version/kind; json parse error: ${detail}`)

const notAnObject = (value: unknown): string => {
  const type = Array.isArray(value) ? 'array' : typeof value === 'boolean' ? 'bool' : typeof value
  return `json: cannot unmarshal ${type} into Go value of type struct { APIVersion string "json:\\"apiVersion,omitempty\\""; Kind string "json:\\"kind,omitempty\\"" }`
}
