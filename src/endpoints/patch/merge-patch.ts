import * as E from 'fp-ts/lib/Either.js'
import type { ApiError } from '../../core/status.js'
import { badRequest } from '../../core/status-errors.js'
import { type JsonObject, type JsonValue, isJsonObject } from '../json-value.js'
import { asObject } from './json-patch.js'
import { parseJsonBytes, setKey } from './json-text.js'

/**
 * Applies an `application/merge-patch+json` body (RFC 7386) to the live object, as upstream's
 * `jsonPatcher` with evanphx/json-patch's `MergePatch`: objects merge key by key, `null` deletes a key,
 * anything else (arrays included) replaces, and nulls inside added values are dropped. Malformed JSON,
 * `null`, a string or a number is 400 `Invalid JSON Patch`; an array patch replaces the whole document,
 * which is then 422 Invalid on field `patch` as it is not an object.
 * @example
 * applyMergePatch({ data: { a: '1', b: '2' } }, Buffer.from('{"data":{"a":null,"c":"3"}}')) // right({ data: { b: '2', c: '3' } })
 */
export const applyMergePatch = (live: JsonObject, patch: Uint8Array): E.Either<ApiError, JsonObject> => {
  const parsed = parseJsonBytes(patch)
  if (E.isLeft(parsed) || parsed.right === null) return E.left(badRequest('Invalid JSON Patch'))
  const value = parsed.right
  if (Array.isArray(value)) return asObject(pruneNulls(value))
  if (!isJsonObject(value)) return E.left(badRequest('Invalid JSON Patch'))
  return E.right(mergeObjects(live, value))
}

/** RFC 7386 `MergePatch(target, patch)` for two objects. */
export const mergeObjects = (target: JsonObject, patch: JsonObject): JsonObject => {
  const out: Record<string, JsonValue> = { ...target }
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) {
      delete out[k]
      continue
    }
    const cur = out[k]
    // As the library: a value over an object is taken as sent; over anything else, without its nulls.
    setKey(out, k, isJsonObject(cur) ? (isJsonObject(v) ? mergeObjects(cur, v) : v) : pruneNulls(v))
  }
  return out
}

/** A value with every null inside its objects and arrays removed (what a merge patch adds). */
export const pruneNulls = (v: JsonValue): JsonValue => {
  if (Array.isArray(v)) return v.filter((x: JsonValue) => x !== null).map(pruneNulls)
  if (!isJsonObject(v)) return v
  const out: Record<string, JsonValue> = {}
  for (const [k, x] of Object.entries(v)) if (x !== null) setKey(out, k, pruneNulls(x))
  return out
}
