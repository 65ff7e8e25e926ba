import { ageSince } from './human-duration.js'
import { type JsonObject, type JsonValue, isJsonObject } from './json-value.js'
import type { ResourceDefinition, TableColumn } from './resource-definition.js'

/** What each row carries besides its cells (the `includeObject` query parameter). */
export type IncludeObject = 'None' | 'Metadata' | 'Object'

/** How a Table is built: what rows carry, the time ages count to, the list's metadata, and whether headers come. */
export interface TableOptions {
  readonly includeObject: IncludeObject
  /** Milliseconds since the epoch: ages are `now - creationTimestamp`. */
  readonly now: number
  /** The list's `metadata` (resourceVersion, continue, remainingItemCount); without it, one object's resourceVersion. */
  readonly listMeta?: JsonObject
  /** `false` writes `columnDefinitions: null`, as upstream's watch does after its first event. */
  readonly withColumns: boolean
  /** The Table's version, as the client asked: `meta.k8s.io/v1` unless `v1beta1`. */
  readonly version?: 'v1' | 'v1beta1'
}

/** `metav1.ObjectMeta`'s description of `name`: the Name column's. */
export const nameDescription =
  'Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names'

/** `metav1.ObjectMeta`'s description of `creationTimestamp`: the Age column's. */
export const creationTimestampDescription =
  'CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata'

const metadataOf = (o: JsonObject): JsonObject => (isJsonObject(o['metadata']) ? o['metadata'] : {})

const nameColumn: TableColumn = {
  name: 'Name',
  type: 'string',
  format: 'name',
  description: nameDescription,
  priority: 0,
  cell: (o) => metadataOf(o)['name'] ?? '',
}

const columnDefinition = (c: TableColumn): JsonObject => ({
  name: c.name,
  type: c.type,
  format: c.format,
  description: c.description,
  priority: c.priority,
})

/**
 * A `metav1.Table` of objects, as upstream's printers build it for `Accept: application/json;as=Table;
 * v=v1;g=meta.k8s.io`: columns `Name`, the definition's columns, `Age` (every priority, as upstream
 * generates wide tables and kubectl hides the rest); one row per object with its cells and, per
 * `includeObject`, its PartialObjectMetadata (`Metadata`, the default), the object (`Object`) or `null` (`None`).
 * @example
 * const list = store.list('default')
 * toTable(configMapDefinition, list.items, { includeObject: 'Metadata', now: Date.now(), listMeta: { resourceVersion: list.resourceVersion }, withColumns: true })
 */
export const toTable = (def: ResourceDefinition, objects: ReadonlyArray<JsonObject>, opts: TableOptions): JsonObject => {
  const version = opts.version ?? 'v1'
  const age: TableColumn = {
    name: 'Age',
    type: 'string',
    format: '',
    description: creationTimestampDescription,
    priority: 0,
    cell: (o) => ageSince(metadataOf(o)['creationTimestamp'], opts.now),
  }
  const columns = [nameColumn, ...def.columns, age]
  return {
    kind: 'Table',
    apiVersion: `meta.k8s.io/${version}`,
    metadata: tableMeta(objects, opts.listMeta),
    columnDefinitions: opts.withColumns ? columns.map(columnDefinition) : null,
    rows: objects.map((o) => ({ cells: columns.map((c) => c.cell(o)), object: rowObject(o, opts.includeObject, version) })),
  }
}

const rowObject = (o: JsonObject, include: IncludeObject, version: string): JsonValue =>
  include === 'Object' ? o : include === 'Metadata' ? asPartialObjectMetadata(o, version) : null

/** An object's metadata alone, as `meta.AsPartialObjectMetadata` with kind `PartialObjectMetadata`. */
export const asPartialObjectMetadata = (o: JsonObject, version: string): JsonObject => ({
  kind: 'PartialObjectMetadata',
  apiVersion: `meta.k8s.io/${version}`,
  metadata: metadataOf(o),
})

/** A list's metadata fields a Table keeps (empty ones left out); without a list, the one object's resourceVersion. */
export const listMetaOf = (listMeta: JsonObject): JsonObject => {
  const out: Record<string, JsonValue> = {}
  for (const k of ['resourceVersion', 'continue', 'remainingItemCount']) {
    const v = listMeta[k]
    if (v !== undefined && v !== '' && v !== null) out[k] = v
  }
  return out
}

const tableMeta = (objects: ReadonlyArray<JsonObject>, listMeta: JsonObject | undefined): JsonObject => {
  if (listMeta !== undefined) return listMetaOf(listMeta)
  const rv = objects.length === 1 ? metadataOf(objects[0] as JsonObject)['resourceVersion'] : undefined
  return typeof rv === 'string' && rv !== '' ? { resourceVersion: rv } : {}
}
