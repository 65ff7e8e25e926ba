import * as O from 'fp-ts/lib/Option.js'
import type { Clock } from '../../core/clock.js'
import { type JsonObject, type JsonValue, isJsonObject } from '../json-value.js'
import { recordUpdate } from '../patch/managed-fields.js'
import { type ResourceDefinition, apiVersionOf } from '../resource-definition.js'
import type { SchemaModels } from '../schema.js'
import type { WriteOptions } from '../write-options.js'
import { inGoOrder, metaOf, metaString, rfc3339 } from './object-meta.js'

/** How a checked object is stored: the write's options, and whether it records an Update entry in managedFields (server-side apply records its own). */
export type StoreOptions = WriteOptions & { readonly recordsUpdate?: boolean }

const kept = ['generateName', 'resourceVersion'] as const
const keptMaps = ['labels', 'annotations'] as const
const keptLists = ['ownerReferences', 'finalizers', 'managedFields'] as const

/**
 * The draft of an object from what the client sent: `kind` and `apiVersion` of `def`, the name and
 * namespace of the request, the metadata clients may set (empty maps and lists dropped, as Go's
 * `omitempty` drops them; server-owned fields
 * such as uid dropped), and the kind's own fields (`fieldOrder`, else all; null ones dropped).
 * @example
 * toDraft(configMapDefinition, { data: { a: '1' } }, 'default', 'web') // { kind: 'ConfigMap', apiVersion: 'v1', metadata: { name: 'web', namespace: 'default' }, data: { a: '1' } }
 */
export const toDraft = (
  def: ResourceDefinition,
  input: JsonObject,
  namespace: string,
  name: string,
  fieldOrder?: ReadonlyArray<string>,
): JsonObject => {
  const m = metaOf(input)
  const meta: Record<string, JsonValue> = { name }
  if (def.namespaced) meta['namespace'] = namespace
  for (const k of kept) if (m[k] !== undefined && m[k] !== null && m[k] !== '') meta[k] = m[k] as JsonValue
  for (const k of keptMaps) if (isJsonObject(m[k]) && Object.keys(m[k] as JsonObject).length > 0) meta[k] = m[k] as JsonValue
  for (const k of keptLists) if (Array.isArray(m[k]) && (m[k] as ReadonlyArray<JsonValue>).length > 0) meta[k] = m[k] as JsonValue
  const body: Record<string, JsonValue> = {}
  for (const [k, v] of Object.entries(input)) if (v !== null && k !== 'kind' && k !== 'apiVersion' && k !== 'metadata') body[k] = v
  return inGoOrder({ kind: def.kind, apiVersion: apiVersionOf(def), metadata: meta, ...body }, fieldOrder)
}

/** The draft as it would be stored, for validation: the old object's uid, empty server-set fields. */
export const asStored = (draft: JsonObject, like?: JsonObject): JsonObject => ({
  ...draft,
  metadata: { ...metaOf(draft), uid: like === undefined ? '' : metaString(like, 'uid'), creationTimestamp: '', resourceVersion: '' },
})

/** Records a write's managed fields: the old object (none on a create), the draft and the write's options. */
export type Managed = (old: O.Option<JsonObject>, draft: JsonObject, opts: StoreOptions) => JsonObject

/**
 * Records a write in `metadata.managedFields` as upstream's field manager does for an Update: the
 * fields it added or changed move to the write's manager; managed fields a client sent are not taken
 * (the old object's are). Server-side apply's result already carries its entries and is kept.
 */
export const managedBy =
  (def: ResourceDefinition, deps: { readonly clock: Clock; readonly models: SchemaModels }): Managed =>
  (old, draft, opts) => {
    if (opts.recordsUpdate === false) return draft
    const prior = O.isSome(old) ? metaOf(old.value)['managedFields'] : undefined
    const { managedFields: _, ...meta } = metaOf(draft)
    const next = { ...draft, metadata: prior === undefined ? meta : { ...meta, managedFields: prior } }
    return recordUpdate(old, next, opts.manager, rfc3339(deps.clock.now()), { schema: { $ref: def.model }, models: deps.models })
  }

/** Upstream's answer to deleting an object: a Success Status naming it (no `code`: it is zero, left out). */
export const deletedStatus = (def: ResourceDefinition, old: JsonObject): JsonObject => ({
  kind: 'Status',
  apiVersion: 'v1',
  metadata: {},
  status: 'Success',
  details: {
    name: metaString(old, 'name'),
    ...(def.group === '' ? {} : { group: def.group }),
    kind: def.resource,
    uid: metaString(old, 'uid'),
  },
})
