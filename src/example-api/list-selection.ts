import * as E from 'fp-ts/lib/Either.js'
import type { ApiError } from '../core/status.js'
import { badRequest } from '../core/status-errors.js'
import { type FieldRequirement, parseFieldSelector } from '../request/field-selector.js'
import type { ConfigMap } from './configmap-codec.js'
import { compileLabelSelector } from './label-matcher.js'

/** Which objects a list, watch or deletecollection selects. */
export type Selection = (cm: ConfigMap) => boolean

const knownFields: ReadonlySet<string> = new Set(['metadata.name', 'metadata.namespace'])

/**
 * Compiles `labelSelector` and `fieldSelector` query values into one predicate. Field selectors may
 * use `metadata.name` and `metadata.namespace` only (upstream's default field set for ConfigMaps);
 * a selector that does not parse, or another field, is 400 BadRequest. `name` (from the path or a
 * single-object watch) narrows the selection further when not empty.
 * @example
 * compileSelection('app=web', 'metadata.name!=old', '') // right(predicate)
 */
export const compileSelection = (labelSelector: string, fieldSelector: string, name: string): E.Either<ApiError, Selection> => {
  const labels = compileLabelSelector(labelSelector)
  if (E.isLeft(labels)) return E.left(badRequest(`unable to parse requirement: ${labels.left}`))
  const fields = parseFieldSelector(fieldSelector)
  if (E.isLeft(fields)) return E.left(badRequest(fields.left))
  const unknown = fields.right.find((r) => !knownFields.has(r.field))
  if (unknown !== undefined) {
    return E.left(badRequest(`"${unknown.field}" is not a known field selector: only "metadata.name", "metadata.namespace"`))
  }
  const matchLabels = labels.right
  const reqs = fields.right
  return E.right(
    (cm) => (name === '' || cm.metadata.name === name) && reqs.every((r) => fieldMatches(r, cm)) && matchLabels(cm.metadata.labels),
  )
}

const fieldMatches = (r: FieldRequirement, cm: ConfigMap): boolean => {
  const actual = r.field === 'metadata.name' ? cm.metadata.name : cm.metadata.namespace
  return r.operator === '!=' ? actual !== r.value : actual === r.value
}
