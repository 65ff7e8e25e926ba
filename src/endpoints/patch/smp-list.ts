import * as E from 'fp-ts/lib/Either.js'
import { type JsonObject, type JsonValue, isJsonObject } from '../json-value.js'
import { goFormat } from './go-format.js'
import type { SmpError } from './smp-error.js'
import { smpUnknown } from './smp-error.js'
import { normalizeElementOrder, partitionByPresence } from './smp-order.js'
import { findByKey, goEq, noMergeKey, sliceElementType } from './smp-values.js'

/** Merges two maps of a merging list that share a merge-key value. */
export type MergeItem = (original: JsonObject, patch: JsonObject) => E.Either<SmpError, JsonObject>

/**
 * Merges a patch list into a live list whose field has patch strategy `merge` (upstream's `mergeSlice`):
 * scalars are unioned (or, for a `$deleteFromPrimitiveList`, removed); maps are matched by their merge
 * key and merged, new ones added, `{"<key>": v, "$patch": "delete"}` removes, `{"$patch": "replace"}`
 * makes the list exactly the patch's other items. The result is ordered as upstream orders it.
 */
export const mergeSlice = (
  original: ReadonlyArray<JsonValue>,
  patch: ReadonlyArray<JsonValue>,
  mergeKey: string,
  isDeleteList: boolean,
  mergeItem: MergeItem,
): E.Either<SmpError, JsonValue[]> => {
  if (original.length === 0 && patch.length === 0) return E.right([...original])
  const kind = sliceElementType(original, patch)
  if (E.isLeft(kind)) return kind
  if (kind.right !== 'map') {
    if (isDeleteList) return E.right(original.filter((v) => !patch.some((d) => goEq(d, v))))
    return ordered(deduplicateScalars([...original, ...patch]), patch, original, mergeKey, kind.right)
  }
  if (mergeKey === '') return E.left(smpUnknown('cannot merge lists without merge key for type struct'))
  const special = withoutSpecialElements(original as JsonObject[], patch as JsonObject[], mergeKey)
  if (E.isLeft(special)) return special
  const merged = mergeByKey(special.right.original, special.right.patch, mergeKey, mergeItem)
  if (E.isLeft(merged)) return merged
  return ordered(merged.right, special.right.patch, special.right.original, mergeKey, 'map')
}

const ordered = (merged: JsonValue[], patch: ReadonlyArray<JsonValue>, original: ReadonlyArray<JsonValue>, mergeKey: string, kind: string): E.Either<SmpError, JsonValue[]> => {
  const parts = partitionByPresence(merged, patch, mergeKey)
  if (E.isLeft(parts)) return parts
  return normalizeElementOrder(parts.right.patch, parts.right.serverOnly, patch, original, mergeKey, kind)
}

/** Go's in-place de-duplication: a later duplicate is replaced by the last item, so order can change. */
const deduplicateScalars = (items: JsonValue[]): JsonValue[] => {
  let s = [...items]
  let last = s.length - 1
  for (let i = 0; i < last; i++) {
    for (let j = i + 1; j <= last; j++) {
      if (goEq(s[i], s[j])) {
        s[j] = s[last] as JsonValue
        s = s.slice(0, last)
        last--
        j--
      }
    }
  }
  return s
}

/** Applies the `$patch` items of a merging list (`mergeSliceWithSpecialElements`). */
const withoutSpecialElements = (
  original: JsonObject[],
  patch: ReadonlyArray<JsonObject>,
  mergeKey: string,
): E.Either<SmpError, { readonly original: JsonObject[]; readonly patch: JsonObject[] }> => {
  let live = [...original]
  const plain: JsonObject[] = []
  let replace = false
  for (const item of patch) {
    if (!Object.hasOwn(item, '$patch')) {
      plain.push(item)
      continue
    }
    const directive = item['$patch']
    if (directive === 'delete') {
      if (!Object.hasOwn(item, mergeKey)) return E.left(noMergeKey(item, mergeKey))
      live = live.filter((x) => !(Object.hasOwn(x, mergeKey) && goEq(x[mergeKey], item[mergeKey])))
    } else if (directive === 'replace') replace = true
    else if (directive === 'merge') return E.left(smpUnknown('merging lists cannot yet be specified in the patch'))
    else return E.left(smpUnknown(`unknown patch type: ${goFormat(directive)} in map: ${goFormat(item)}`))
  }
  return E.right(replace ? { original: plain, patch: [] } : { original: live, patch: plain })
}

/** Merges each patch map into the live map with the same merge-key value, or appends it. */
const mergeByKey = (original: JsonObject[], patch: ReadonlyArray<JsonObject>, mergeKey: string, mergeItem: MergeItem): E.Either<SmpError, JsonValue[]> => {
  const out: JsonValue[] = [...original]
  for (const item of patch) {
    if (!Object.hasOwn(item, mergeKey)) return E.left(noMergeKey(item, mergeKey))
    const at = findByKey(out, mergeKey, item[mergeKey])
    if (E.isLeft(at)) return at
    const live = out[at.right]
    if (at.right < 0 || !isJsonObject(live)) {
      out.push(item)
      continue
    }
    const merged = mergeItem(live, item)
    if (E.isLeft(merged)) return merged
    out[at.right] = merged.right
  }
  return E.right(out)
}
