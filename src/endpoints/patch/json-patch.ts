import * as E from 'fp-ts/lib/Either.js'
import type { ApiError } from '../../core/status.js'
import { badRequest, requestEntityTooLarge } from '../../core/status-errors.js'
import { type JsonObject, type JsonValue, isJsonObject } from '../json-value.js'
import { type JsonPatchLimits, applyOperations, defaultJsonPatchLimits } from './json-patch-ops.js'
import { goJsonType, parseJsonBytes, tooDeep } from './json-text.js'
import { patchNotApplicable, patchedObjectInvalid } from './patch-errors.js'

/** Upstream's cap on the operations of one JSON patch (`maxJSONPatchOperations`). */
export const maxJsonPatchOperations = 10000

/**
 * Applies an `application/json-patch+json` body (RFC 6902) to the live object, as upstream's
 * `jsonPatcher`: a body that is not a JSON array of objects is 400 with the decoder's message; more than
 * 10000 operations is 413 `Request entity too large: The allowed maximum operations in a JSON patch is
 * 10000, got N`; an operation that does not apply (failed `test`, missing path, bad index) is upstream's
 * causeless 422 `the server rejected our request due to an error in our request`; a result that is not an
 * object is 422 Invalid on field `patch`. Type and name checks of the result are the handler's.
 * @example
 * applyJsonPatch({ data: { a: '1' } }, Buffer.from('[{"op":"replace","path":"/data/a","value":"2"}]')) // right({ data: { a: '2' } })
 */
export const applyJsonPatch = (
  live: JsonObject,
  patch: Uint8Array,
  limits: JsonPatchLimits = defaultJsonPatchLimits,
): E.Either<ApiError, JsonObject> => {
  const ops = decodeOperations(patch)
  if (E.isLeft(ops)) return ops
  if (ops.right.length > maxJsonPatchOperations) {
    return E.left(
      requestEntityTooLarge(`The allowed maximum operations in a JSON patch is ${maxJsonPatchOperations}, got ${ops.right.length}`),
    )
  }
  // Copies can nest a document in itself; a result too deep to encode does not apply.
  const applied = E.flatten(
    E.tryCatch(
      () => applyOperations(live, ops.right, limits),
      () => 'too deep',
    ),
  )
  if (E.isLeft(applied) || tooDeep(applied.right)) return E.left(patchNotApplicable)
  return asObject(applied.right)
}

/** The operations of a JSON patch body; `null` is no operations, as Go decodes it. */
const decodeOperations = (patch: Uint8Array): E.Either<ApiError, ReadonlyArray<JsonValue>> => {
  const parsed = parseJsonBytes(patch)
  if (E.isLeft(parsed)) return E.left(badRequest(parsed.left))
  const value = parsed.right
  if (value === null) return E.right([])
  if (!Array.isArray(value)) return E.left(badRequest(`json: cannot unmarshal ${goJsonType(value)} into Go value of type jsonpatch.Patch`))
  const bad = value.find((op: JsonValue) => op !== null && !isJsonObject(op))
  if (bad !== undefined) return E.left(badRequest(`json: cannot unmarshal ${goJsonType(bad)} into Go value of type jsonpatch.Operation`))
  return E.right(value)
}

/** The message upstream's decoder gives for a document that is not an object, when it reads its type. */
const typeMetaStruct = 'struct { APIVersion string "json:\\"apiVersion,omitempty\\""; Kind string "json:\\"kind,omitempty\\"" }'

/** A patched document as an object, or upstream's 422 Invalid on field `patch` quoting it. */
export const asObject = (patched: JsonValue): E.Either<ApiError, JsonObject> =>
  isJsonObject(patched)
    ? E.right(patched)
    : E.left(
        patchedObjectInvalid(
          JSON.stringify(patched),
          `couldn't get version/kind; json parse error: json: cannot unmarshal ${goJsonType(patched)} into Go value of type ${typeMetaStruct}`,
        ),
      )
