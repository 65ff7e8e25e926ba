import * as E from 'fp-ts/lib/Either.js'
import type { ApiError } from '../../core/status.js'
import { badRequest } from '../../core/status-errors.js'
import { type FieldRequirement, parseFieldSelector } from '../../request/field-selector.js'
import type { JsonObject } from '../json-value.js'
import { labelsOf, metaString } from './object-meta.js'
import { compileLabelSelector } from './label-matcher.js'

/** Which objects a list, watch or deletecollection selects. */
export type Selection = (object: JsonObject) => boolean

const namespacedFields: ReadonlyArray<string> = ['metadata.name', 'metadata.namespace']
const clusterFields: ReadonlyArray<string> = ['metadata.name']

/**
 * Compiles `labelSelector` and `fieldSelector` query values into one predicate. Field selectors may
 * use `metadata.name` and, when `namespaced`, `metadata.namespace` only (upstream's default field sets);
 * a selector that does not parse, or another field, is 400 BadRequest. `name` (from the path or a
 * single-object watch) narrows the selection further when not empty.
 * @example
 * compileSelection('app=web', 'metadata.name!=old', '') // right(predicate)
 */
export const compileSelection = (
  labelSelector: string,
  fieldSelector: string,
  name: string,
  namespaced = true,
): E.Either<ApiError, Selection> => {
  const labels = compileLabelSelector(labelSelector)
  if (E.isLeft(labels)) return E.left(badRequest(`unable to parse requirement: ${labels.left}`))
  const fields = parseFieldSelector(fieldSelector)
  if (E.isLeft(fields)) return E.left(badRequest(fields.left))
  const known = namespaced ? namespacedFields : clusterFields
  const unknown = fields.right.find((r) => !known.includes(r.field))
  if (unknown !== undefined) {
    return E.left(badRequest(`"${unknown.field}" is not a known field selector: only ${known.map((f) => `"${f}"`).join(', ')}`))
  }
  const matchLabels = labels.right
  const reqs = fields.right
  return E.right(
    (o) => (name === '' || metaString(o, 'name') === name) && reqs.every((r) => fieldMatches(r, o)) && matchLabels(labelsOf(o)),
  )
}

const fieldMatches = (r: FieldRequirement, o: JsonObject): boolean => {
  const actual = metaString(o, r.field === 'metadata.name' ? 'name' : 'namespace')
  return r.operator === '!=' ? actual !== r.value : actual === r.value
}
