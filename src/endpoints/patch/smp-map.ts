import * as E from 'fp-ts/lib/Either.js'
import { type JsonObject, type JsonValue, isJsonObject } from '../json-value.js'
import type { Schema, SchemaModels } from '../schema.js'
import { goFormat, goTypeName } from './go-format.js'
import { setKey } from './json-text.js'
import { pruneNulls } from './merge-patch.js'
import { childSchema, extensionOf, itemSchema } from './schema-nav.js'
import { type SmpError, smpErrors, smpUnknown } from './smp-error.js'
import { mergeSlice } from './smp-list.js'
import { mergeSetElementOrders } from './smp-set-order.js'
import { type Rec, directiveKey, goEq } from './smp-values.js'

/** What a field's patch metadata says: its strategy (without `retainKeys`) and its merge key. */
export interface PatchMeta {
  readonly strategy: string
  readonly mergeKey: string
  readonly schema: Schema | undefined
}

/** The patch metadata of an object's field, from `x-kubernetes-patch-strategy` and `-merge-key`. */
export const patchMetaOf = (parent: Schema | undefined, key: string, models: SchemaModels): PatchMeta => {
  const schema = childSchema(parent, key, models)
  const strategies = (extensionOf(schema, 'x-kubernetes-patch-strategy', models) ?? '')
    .split(',')
    .filter((s) => s !== '' && s !== 'retainKeys')
  return { strategy: strategies[0] ?? '', mergeKey: extensionOf(schema, 'x-kubernetes-patch-merge-key', models) ?? '', schema }
}

/**
 * Merges a patch map into a live map as upstream's `mergeMap` with `StrategicMergeMapPatch`'s options:
 * `$patch: replace|delete` on the map, `$retainKeys`, `$setElementOrder/<list>`, then each field: null
 * deletes, a field the live map lacks is taken from the patch, differing types are replaced, maps merge
 * (unless their strategy is `replace`), lists merge only with strategy `merge`. Both maps are working
 * copies: they are changed in place.
 */
export const mergeMap = (original: Rec, patch: Rec, schema: Schema | undefined, models: SchemaModels): E.Either<SmpError, Rec> => {
  if (Object.hasOwn(patch, '$patch')) return mapDirective(patch['$patch'] ?? null, patch)
  const retained = applyRetainKeys(original, patch)
  if (retained !== undefined) return E.left(retained)
  const ordered = mergeSetElementOrders(original, patch, (key) => patchMetaOf(schema, key, models), mergeItemsIn(schema, models))
  if (ordered !== undefined) return E.left(ordered)
  for (const [k, patchV] of Object.entries(patch)) {
    const merged = mergeField(original, k, patchV, schema, models)
    if (merged !== undefined) return E.left(merged)
  }
  return E.right(original)
}

const mapDirective = (directive: JsonValue, patch: Rec): E.Either<SmpError, Rec> => {
  if (directive === 'replace') {
    const { $patch: _, ...rest } = patch
    return E.right(rest)
  }
  if (directive === 'delete') return E.right({})
  return E.left(smpUnknown(`unknown patch type: ${goFormat(directive)} in map: ${goFormat(patch)}`))
}

/** `$retainKeys`: every patch field must be listed; live fields not listed are dropped. */
const applyRetainKeys = (original: Rec, patch: Rec): SmpError | undefined => {
  if (!Object.hasOwn(patch, '$retainKeys')) return undefined
  const list = patch['$retainKeys']
  delete patch['$retainKeys']
  if (!Array.isArray(list)) return smpErrors.badRetainKeys
  const listed = (k: string): boolean => list.some((x: JsonValue) => goEq(x, k))
  for (const [k, v] of Object.entries(patch)) {
    if (v === null || k.startsWith('$deleteFromPrimitiveList') || k.startsWith('$setElementOrder')) continue
    if (!listed(k)) return smpErrors.badRetainKeys
  }
  for (const k of Object.keys(original)) if (!listed(k)) delete original[k]
  return undefined
}

const mergeItemsIn = (schema: Schema | undefined, models: SchemaModels) => (key: string) => {
  const items = itemSchema(patchMetaOf(schema, key, models).schema, models)
  return (o: JsonObject, p: JsonObject): E.Either<SmpError, JsonObject> => mergeMap({ ...o }, { ...p }, items, models)
}

const mergeField = (
  original: Rec,
  k: string,
  patchV: JsonValue,
  schema: Schema | undefined,
  models: SchemaModels,
): SmpError | undefined => {
  let key = k
  const isDeleteList = k.startsWith('$deleteFromPrimitiveList')
  if (isDeleteList) {
    const unprefixed = directiveKey(k, '$deleteFromPrimitiveList')
    if (E.isLeft(unprefixed)) return unprefixed.left
    key = unprefixed.right
  }
  if (patchV === null) {
    delete original[key]
    return undefined
  }
  const live = original[key]
  if (!Object.hasOwn(original, key)) return void setKey(original, key, pruneNulls(patchV))
  if (live === undefined || goTypeName(live) !== goTypeName(patchV)) return void setKey(original, key, patchV)
  const meta = patchMetaOf(schema, key, models)
  const merged = mergeValue(live, patchV, meta, isDeleteList, models, mergeItemsIn(schema, models)(key))
  if (E.isLeft(merged)) return merged.left
  setKey(original, key, merged.right)
  return undefined
}

const mergeValue = (
  live: JsonValue,
  patchV: JsonValue,
  meta: PatchMeta,
  isDeleteList: boolean,
  models: SchemaModels,
  mergeItem: (o: JsonObject, p: JsonObject) => E.Either<SmpError, JsonObject>,
): E.Either<SmpError, JsonValue> => {
  if (isJsonObject(live) && isJsonObject(patchV))
    return meta.strategy === 'replace' ? E.right(patchV) : mergeMap({ ...live }, { ...patchV }, meta.schema, models)
  if (Array.isArray(live) && Array.isArray(patchV))
    return meta.strategy === 'merge' ? mergeSlice(live, patchV, meta.mergeKey, isDeleteList, mergeItem) : E.right(patchV)
  return E.right(patchV)
}
