import { type JsonObject, type JsonValue, isJsonObject } from '../json-value.js'
import type { Schema, SchemaModels } from '../schema.js'
import { type FieldPath, type FieldSet, setOf } from './field-set.js'
import { jsonEqual } from './json-text.js'
import { childSchema, extensionOf, itemSchema, listMapKeys } from './schema-nav.js'

/** A schema and the models its references resolve in: what the field walks need to know a value's shape. */
export interface Typing {
  readonly schema: Schema | undefined
  readonly models: SchemaModels
}

/** How a list's items are identified: `atomic` (the list is one value), `set` (by value), `map` (by keys). */
export type ListKind =
  | { readonly type: 'atomic' }
  | { readonly type: 'set' }
  | { readonly type: 'map'; readonly keys: ReadonlyArray<string> }

/**
 * A list's kind: `x-kubernetes-list-type` when given, else from its patch strategy as upstream's schema
 * conversion derives it (`merge` with a merge key is a map list, `merge` alone a set), else atomic.
 */
export const listKindOf = (t: Typing): ListKind => {
  const declared = extensionOf(t.schema, 'x-kubernetes-list-type', t.models)
  const mergeKey = extensionOf(t.schema, 'x-kubernetes-patch-merge-key', t.models)
  if (declared === 'map') return { type: 'map', keys: listMapKeys(t.schema, t.models) }
  if (declared === 'set') return { type: 'set' }
  if (declared === 'atomic') return { type: 'atomic' }
  if ((extensionOf(t.schema, 'x-kubernetes-patch-strategy', t.models) ?? '').split(',').includes('merge')) {
    return mergeKey === undefined || mergeKey === '' ? { type: 'set' } : { type: 'map', keys: [mergeKey] }
  }
  return { type: 'atomic' }
}

/** Whether an object is granular (merged field by field) rather than `x-kubernetes-map-type: atomic`. */
const granular = (t: Typing): boolean => extensionOf(t.schema, 'x-kubernetes-map-type', t.models) !== 'atomic'

/** The path element of a list item: `k:{"name":"web"}` (key fields sorted) or `v:"x"`. */
export const itemElement = (kind: ListKind, item: JsonValue): string => {
  if (kind.type !== 'map' || !isJsonObject(item)) return `v:${JSON.stringify(item)}`
  const key: Record<string, JsonValue> = {}
  for (const k of [...kind.keys].sort()) if (Object.hasOwn(item, k)) key[k] = item[k] as JsonValue
  return `k:${JSON.stringify(key)}`
}

const child = (t: Typing, key: string): Typing => ({ schema: childSchema(t.schema, key, t.models), models: t.models })
const items = (t: Typing): Typing => ({ schema: itemSchema(t.schema, t.models), models: t.models })

/**
 * The fields an applied configuration sets (structured-merge-diff's `ToFieldSet`): its leaves, each item
 * of a set or map list, and the fields inside map-list items; an atomic list or map is one leaf.
 * Port note: an empty object is recorded as a leaf, so its applier owns it.
 */
export const appliedFields = (value: JsonObject, t: Typing): FieldSet => {
  const out: FieldPath[] = []
  leaves(value, t, [], out)
  return setOf(out.filter((p) => p.length > 0))
}

const leaves = (v: JsonValue, t: Typing, path: FieldPath, out: FieldPath[]): void => {
  if (isJsonObject(v) && granular(t) && Object.keys(v).length > 0) {
    for (const [k, x] of Object.entries(v)) leaves(x, child(t, k), [...path, `f:${k}`], out)
    return
  }
  const kind = Array.isArray(v) ? listKindOf(t) : undefined
  if (!Array.isArray(v) || kind === undefined || kind.type === 'atomic') return void out.push(path)
  for (const item of v as ReadonlyArray<JsonValue>) {
    const at = [...path, itemElement(kind, item)]
    out.push(at)
    if (kind.type === 'map' && isJsonObject(item) && granular(items(t)))
      for (const [k, x] of Object.entries(item)) leaves(x, child(items(t), k), [...at, `f:${k}`], out)
  }
}

/** What changed between two objects (structured-merge-diff's `Compare`), as field sets. */
export interface Comparison {
  readonly added: FieldSet
  readonly modified: FieldSet
  readonly removed: FieldSet
}

/** Compares two objects field by field; nulls count as absent. */
export const compareObjects = (before: JsonObject, after: JsonObject, t: Typing): Comparison => {
  const acc = { added: [] as FieldPath[], modified: [] as FieldPath[], removed: [] as FieldPath[] }
  compare(before, after, t, [], acc)
  return { added: setOf(acc.added), modified: setOf(acc.modified), removed: setOf(acc.removed) }
}

type Acc = { added: FieldPath[]; modified: FieldPath[]; removed: FieldPath[] }

const compare = (a: JsonValue, b: JsonValue, t: Typing, path: FieldPath, acc: Acc): void => {
  if (isJsonObject(a) && isJsonObject(b) && granular(t)) {
    for (const [k, x] of Object.entries(b)) {
      const y = Object.hasOwn(a, k) ? a[k] : null
      if (y === null || y === undefined) all(x, child(t, k), [...path, `f:${k}`], acc.added)
      else if (x !== null) compare(y, x, child(t, k), [...path, `f:${k}`], acc)
    }
    for (const [k, y] of Object.entries(a)) if (!Object.hasOwn(b, k) || b[k] === null) all(y, child(t, k), [...path, `f:${k}`], acc.removed)
    return
  }
  const kind = Array.isArray(a) && Array.isArray(b) ? listKindOf(t) : undefined
  if (kind !== undefined && kind.type !== 'atomic') return compareLists(a as JsonValue[], b as JsonValue[], kind, items(t), path, acc)
  if (!jsonEqual(a, b)) acc.modified.push(path)
}

const compareLists = (
  a: ReadonlyArray<JsonValue>,
  b: ReadonlyArray<JsonValue>,
  kind: ListKind,
  t: Typing,
  path: FieldPath,
  acc: Acc,
): void => {
  const before = new Map(a.map((x) => [itemElement(kind, x), x]))
  const after = new Map(b.map((x) => [itemElement(kind, x), x]))
  for (const [e, x] of after) {
    const y = before.get(e)
    if (y === undefined) all(x, t, [...path, e], acc.added)
    else if (kind.type === 'map') compare(y, x, t, [...path, e], acc)
  }
  for (const [e, y] of before) if (!after.has(e)) all(y, t, [...path, e], acc.removed)
}

/** A value's path and every path below it. */
const all = (v: JsonValue, t: Typing, path: FieldPath, out: FieldPath[]): void => {
  if (v === null) return
  out.push(path)
  if (isJsonObject(v) && granular(t)) for (const [k, x] of Object.entries(v)) all(x, child(t, k), [...path, `f:${k}`], out)
  const kind = Array.isArray(v) ? listKindOf(t) : undefined
  if (Array.isArray(v) && kind !== undefined && kind.type !== 'atomic')
    for (const x of v as ReadonlyArray<JsonValue>) all(x, items(t), [...path, itemElement(kind, x)], out)
}
