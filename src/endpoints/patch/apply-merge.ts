import { type JsonObject, type JsonValue, isJsonObject } from '../json-value.js'
import { type FieldPath, type FieldSet, startsWith } from './field-set.js'
import { type ListKind, type Typing, itemElement, listKindOf } from './field-walk.js'
import { setKey } from './json-text.js'
import { childSchema, extensionOf, itemSchema } from './schema-nav.js'

const child = (t: Typing, key: string): Typing => ({ schema: childSchema(t.schema, key, t.models), models: t.models })
const items = (t: Typing): Typing => ({ schema: itemSchema(t.schema, t.models), models: t.models })

/**
 * Merges an applied configuration into the live object (structured-merge-diff's `Merge`): granular
 * objects field by field, set lists as a union, map lists item by item by their keys, anything else
 * (scalars, atomic lists and maps) replaced; a null in the configuration removes the field.
 * Port note: merged lists keep the live items' order and add new items at the end.
 */
export const mergeApplied = (live: JsonValue, config: JsonValue, t: Typing): JsonValue => {
  if (isJsonObject(live) && isJsonObject(config) && extensionOf(t.schema, 'x-kubernetes-map-type', t.models) !== 'atomic') {
    const out: Record<string, JsonValue> = { ...live }
    for (const [k, v] of Object.entries(config)) {
      if (v === null) delete out[k]
      else setKey(out, k, Object.hasOwn(live, k) ? mergeApplied(live[k] as JsonValue, v, child(t, k)) : v)
    }
    return out
  }
  const kind = Array.isArray(live) && Array.isArray(config) ? listKindOf(t) : undefined
  if (kind === undefined || kind.type === 'atomic') return config
  return mergeLists(live as ReadonlyArray<JsonValue>, config as ReadonlyArray<JsonValue>, kind, items(t))
}

const mergeLists = (live: ReadonlyArray<JsonValue>, config: ReadonlyArray<JsonValue>, kind: ListKind, t: Typing): JsonValue[] => {
  const out = [...live]
  for (const item of config) {
    const e = itemElement(kind, item)
    const at = out.findIndex((x) => itemElement(kind, x) === e)
    if (at < 0) out.push(item)
    else if (kind.type === 'map') out[at] = mergeApplied(out[at] as JsonValue, item, t)
  }
  return out
}

/**
 * Removes from a (working copy of an) object the fields a manager no longer applies (structured-merge-
 * diff's prune): each path of `dropped` goes unless a path of `kept` is it or lies below it.
 */
export const pruneFields = (o: JsonObject, dropped: FieldSet, kept: FieldSet, t: Typing): JsonObject => {
  let out: JsonValue = o
  for (const p of dropped.values()) {
    if ([...kept.values()].some((k) => startsWith(k, p))) continue
    out = removeAt(out, p, t)
  }
  return out as JsonObject
}

const removeAt = (v: JsonValue, path: FieldPath, t: Typing): JsonValue => {
  const [head, ...rest] = path
  if (head === undefined) return v
  if (head.startsWith('f:') && isJsonObject(v)) {
    const k = head.slice(2)
    if (!Object.hasOwn(v, k)) return v
    const out: Record<string, JsonValue> = { ...v }
    if (rest.length === 0) delete out[k]
    else setKey(out, k, removeAt(v[k] as JsonValue, rest, child(t, k)))
    return out
  }
  if (!Array.isArray(v)) return v
  const kind = listKindOf(t)
  const list = v as ReadonlyArray<JsonValue>
  const at = list.findIndex((x, i) => (head.startsWith('i:') ? `i:${i}` : itemElement(kind, x)) === head)
  if (at < 0) return v
  if (rest.length === 0) return list.filter((_, i) => i !== at)
  return list.map((x, i) => (i === at ? removeAt(x, rest, items(t)) : x))
}
