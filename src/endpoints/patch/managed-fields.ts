import * as O from 'fp-ts/lib/Option.js'
import { type JsonObject, type JsonValue, isJsonObject } from '../json-value.js'
import { type FieldSet, difference, fromFieldsV1, setOf, toFieldsV1, union, withoutPrefix } from './field-set.js'
import { capUpdateManagers } from './cap-managers.js'
import { type Typing, compareObjects } from './field-walk.js'

/** One manager's entry of `metadata.managedFields`, its fields decoded. */
export interface ManagerEntry {
  readonly manager: string
  readonly operation: 'Apply' | 'Update'
  readonly apiVersion: string
  /** RFC 3339; absent when upstream would leave it out. */
  readonly time?: string
  readonly subresource?: string
  readonly fields: FieldSet
}

/** The managed-fields entries of an object; malformed entries are skipped. */
export const managersOf = (o: JsonObject | undefined): ReadonlyArray<ManagerEntry> => {
  const meta = o?.['metadata']
  const list = isJsonObject(meta) ? meta['managedFields'] : undefined
  return Array.isArray(list) ? (list as ReadonlyArray<JsonValue>).flatMap(decodeEntry) : []
}

const str = (o: JsonObject, k: string): string | undefined => (typeof o[k] === 'string' ? (o[k] as string) : undefined)

const decodeEntry = (e: JsonValue): ReadonlyArray<ManagerEntry> => {
  if (!isJsonObject(e)) return []
  const operation = str(e, 'operation')
  if (operation !== 'Apply' && operation !== 'Update') return []
  const time = str(e, 'time')
  const subresource = str(e, 'subresource')
  const base = {
    manager: str(e, 'manager') ?? '',
    operation,
    apiVersion: str(e, 'apiVersion') ?? '',
    fields: fromFieldsV1(e['fieldsV1']),
  } as const
  return [{ ...base, ...(time === undefined ? {} : { time }), ...(subresource === undefined ? {} : { subresource }) }]
}

/** The entries as `metadata.managedFields`, sorted as upstream sorts them: Apply first, then by time, manager, apiVersion. */
export const encodeManagers = (entries: ReadonlyArray<ManagerEntry>): ReadonlyArray<JsonObject> =>
  [...entries].sort(entryOrder).map((e) => ({
    manager: e.manager,
    operation: e.operation,
    apiVersion: e.apiVersion,
    ...(e.time === undefined ? {} : { time: e.time }),
    fieldsType: 'FieldsV1',
    fieldsV1: toFieldsV1(e.fields),
    ...(e.subresource === undefined ? {} : { subresource: e.subresource }),
  }))

const seconds = (t: string | undefined): number => (t === undefined ? 0 : Math.floor(Date.parse(t) / 1000) || 0)

const entryOrder = (p: ManagerEntry, q: ManagerEntry): number => {
  if (p.operation !== q.operation) return p.operation < q.operation ? -1 : 1
  if (seconds(p.time) !== seconds(q.time)) return seconds(p.time) - seconds(q.time)
  if (p.manager !== q.manager) return p.manager < q.manager ? -1 : 1
  return p.apiVersion < q.apiVersion ? -1 : p.apiVersion > q.apiVersion ? 1 : 0
}

/** Whether two entries are the same manager: appliers by name, updaters by name and apiVersion. */
export const sameManager = (a: ManagerEntry, b: ManagerEntry): boolean =>
  a.manager === b.manager &&
  a.operation === b.operation &&
  (a.subresource ?? '') === (b.subresource ?? '') &&
  (a.operation === 'Apply' || a.apiVersion === b.apiVersion)

/** A manager as conflicts name it: `"kubectl"` for an applier, `"kubectl-edit" using v1` for an updater. */
export const printManager = (e: ManagerEntry): string => {
  const name =
    e.subresource === undefined || e.subresource === ''
      ? JSON.stringify(e.manager)
      : `${JSON.stringify(e.manager)} with subresource ${JSON.stringify(e.subresource)}`
  return e.operation === 'Update' ? `${name} using ${e.apiVersion}` : name
}

const strippedMeta = ['name', 'namespace', 'creationTimestamp', 'selfLink', 'uid', 'clusterName', 'generation', 'resourceVersion'].map(
  (f) => ['f:metadata', `f:${f}`],
)

/** A set without the fields no manager owns (upstream's `stripMeta`): apiVersion, kind, metadata's system fields. */
export const stripMeta = (s: FieldSet): FieldSet =>
  withoutPrefix(difference(s, setOf([['f:apiVersion'], ['f:kind'], ['f:metadata'], ...strippedMeta])), ['f:metadata', 'f:managedFields'])

/** An object with the given entries as its `metadata.managedFields` (none removes the field; past ten updaters, the oldest merge into `ancient-changes`). */
export const withManagers = (o: JsonObject, entries: ReadonlyArray<ManagerEntry>): JsonObject => {
  const meta = isJsonObject(o['metadata']) ? o['metadata'] : {}
  const { managedFields: _, ...rest } = meta
  const live = capUpdateManagers(entries.filter((e) => e.fields.size > 0))
  return { ...o, metadata: live.length === 0 ? rest : { ...rest, managedFields: encodeManagers(live) } }
}

/**
 * Records an ordinary write (create, update, a non-apply patch) in `metadata.managedFields`, as upstream's
 * field manager does for `Update`: the fields the write added or changed move to `manager`'s Update entry
 * for the object's apiVersion (stamped `now`), and leave every other manager, as do fields it removed.
 * A write that changes nothing keeps the entries as they were. Lists are atomic unless `typing` says
 * otherwise. Port note: entries a client sends in the new object are ignored; upstream honours them.
 * @example
 * recordUpdate(O.none, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' }, data: { x: '1' } }, 'kubectl-create', '2024-01-02T03:04:05Z')
 */
export const recordUpdate = (old: O.Option<JsonObject>, next: JsonObject, manager: string, now: string, typing?: Typing): JsonObject => {
  const before = O.isSome(old) ? old.value : {}
  const cmp = compareObjects(before, next, typing ?? { schema: undefined, models: {} })
  const changed = stripMeta(union(cmp.added, cmp.modified))
  const removed = stripMeta(cmp.removed)
  const self: ManagerEntry = {
    manager,
    operation: 'Update',
    apiVersion: typeof next['apiVersion'] === 'string' ? next['apiVersion'] : '',
    fields: new Map(),
  }
  const entries = managersOf(before).map((e) => ({
    ...e,
    fields: difference(difference(e.fields, removed), sameManager(e, self) ? new Map() : changed),
  }))
  if (changed.size === 0) return withManagers(next, entries)
  const previous = entries.find((e) => sameManager(e, self))
  const mine: ManagerEntry = { ...self, time: now, fields: union(previous?.fields ?? new Map(), changed) }
  return withManagers(next, [...entries.filter((e) => !sameManager(e, self)), mine])
}
