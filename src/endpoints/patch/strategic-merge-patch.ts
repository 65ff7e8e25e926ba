import * as E from 'fp-ts/lib/Either.js'
import type { ApiError } from '../../core/status.js'
import { badRequest } from '../../core/status-errors.js'
import { type JsonObject, isJsonObject } from '../json-value.js'
import type { Schema, SchemaModels } from '../schema.js'
import { cloneJson, goJsonType, parseJsonBytes } from './json-text.js'
import { mergeMap } from './smp-map.js'
import { smpApiError } from './smp-error.js'
import type { Rec } from './smp-values.js'

/**
 * Applies an `application/strategic-merge-patch+json` body to the live object, as upstream's
 * `smpPatcher` (`StrategicMergeMapPatch`), driven by the kind's schema: objects merge field by field and
 * `null` deletes; a list merges only where its field says `x-kubernetes-patch-strategy: merge` (by its
 * `x-kubernetes-patch-merge-key`, or as a set of scalars), else the patch's list replaces it; the
 * directives `$patch: replace|delete` (maps and list items), `$retainKeys`,
 * `$deleteFromPrimitiveList/<list>` and `$setElementOrder/<list>` are honoured. A ConfigMap's `data` and
 * `metadata.labels`/`annotations` are plain map merges, so kubectl's `label`, `annotate` and its second
 * client-side `apply` (which also sets `kubectl.kubernetes.io/last-applied-configuration`) work as upstream.
 * Errors: a body that is not a JSON object is 400 with the decoder's message; a malformed directive 400
 * (`invalid patch format of retainKeys`); a list of lists the causeless 422; a missing merge key 500
 * `map: map[image:x] does not contain declared merge key: name`.
 * Port notes: a field the live object lacks is added without its nulls, where upstream stores them and
 * its typed decoding zeroes them; a field unknown to the schema is merged without patch metadata, where
 * upstream's struct lookup fails.
 * @example
 * applyStrategicMergePatch(object, Buffer.from('{"metadata":{"labels":{"tier":"web"}}}'), { $ref: 'io.k8s.api.core.v1.ConfigMap' }, models)
 */
export const applyStrategicMergePatch = (
  live: JsonObject,
  patch: Uint8Array,
  schema: Schema,
  models: SchemaModels,
): E.Either<ApiError, JsonObject> => {
  const parsed = parseJsonBytes(patch)
  if (E.isLeft(parsed)) return E.left(badRequest(parsed.left))
  const value = parsed.right
  if (value === null) return E.right(live)
  if (!isJsonObject(value))
    return E.left(badRequest(`json: cannot unmarshal ${goJsonType(value)} into Go value of type map[string]interface {}`))
  const merged = mergeMap(cloneJson(live) as Rec, { ...value }, schema, models)
  return E.isLeft(merged) ? E.left(smpApiError(merged.left)) : E.right(merged.right)
}
