import * as E from 'fp-ts/lib/Either.js'
import { type JsonObject, type JsonValue, isJsonObject } from '../json-value.js'
import { goFormat } from './go-format.js'
import type { SmpError } from './smp-error.js'
import { smpUnknown } from './smp-error.js'
import { deduplicateScalars, firstPositions, scalarKey } from './smp-index.js'
import { normalizeElementOrder, partitionByPresence } from './smp-order.js'
import { goEq, keyFinder, noMergeKey, sliceElementType } from './smp-values.js'

/** Merges two maps of a merging list that share a merge-key value. */
export type MergeItem = (original: JsonObject, patch: JsonObject) => E.Either<SmpError, JsonObject>

/** A merged list, and the live list as upstream's caller still sees it afterwards (see `mergeSliceSeen`). */
export interface MergedSlice {
  readonly merged: JsonValue[]
  readonly seen: ReadonlyArray<JsonValue>
}

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
): E.Either<SmpError, JsonValue[]> =>
  E.map((m: MergedSlice) => m.merged)(mergeSliceSeen(original, patch, mergeKey, isDeleteList, mergeItem))

/**
 * `mergeSlice`, also giving the live list as upstream's `$setElementOrder` code sees it afterwards: Go
 * deletes and appends in the live list's own array, so that view has the kept items shifted left, then
 * the first added items where deleted ones were. Upstream orders server-only items by that view.
 * Port note: only map lists are followed this way; for scalar lists the view depends on Go's capacity.
 */
export const mergeSliceSeen = (
  original: ReadonlyArray<JsonValue>,
  patch: ReadonlyArray<JsonValue>,
  mergeKey: string,
  isDeleteList: boolean,
  mergeItem: MergeItem,
): E.Either<SmpError, MergedSlice> => {
  if (original.length === 0 && patch.length === 0) return E.right({ merged: [...original], seen: original })
  const kind = sliceElementType(original, patch)
  if (E.isLeft(kind)) return kind
  if (kind.right !== 'map') {
    const inPatch = firstPositions(patch, (x) => x)
    if (isDeleteList) return E.right({ merged: original.filter((v) => inPatch(v) < 0), seen: original })
    return seenAs(original, ordered(deduplicateScalars([...original, ...patch]), patch, original, mergeKey, kind.right))
  }
  if (mergeKey === '') return E.left(smpUnknown('cannot merge lists without merge key for type struct'))
  const backing = new Backing(original)
  const special = withoutSpecialElements(backing, patch as JsonObject[], mergeKey)
  if (E.isLeft(special)) return special
  const live = special.right.replace ?? backing.view()
  const merged = mergeByKey(live, special.right.patch, mergeKey, mergeItem, special.right.replace === undefined ? backing : undefined)
  if (E.isLeft(merged)) return merged
  return seenAs(backing.all, ordered(merged.right, special.right.patch, live, mergeKey, 'map'))
}

const seenAs = (seen: ReadonlyArray<JsonValue>, merged: E.Either<SmpError, JsonValue[]>): E.Either<SmpError, MergedSlice> =>
  E.map((m: JsonValue[]) => ({ merged: m, seen }))(merged)

/** A Go slice over the live list's array: deletions shift its items left, appends fill its freed tail. */
class Backing {
  readonly all: JsonValue[]
  length: number
  constructor(items: ReadonlyArray<JsonValue>) {
    this.all = [...items]
    this.length = items.length
  }
  view(): JsonValue[] {
    return this.all.slice(0, this.length)
  }
  /**
   * Removes, for each value in turn, every item whose `key` has it (first to last), leaving `all` as
   * removing them one by one would: each removal leaves the view's last item behind in the freed slot.
   * Only before any append: positions in `all` are still the live list's.
   */
  removeEach(key: string, values: ReadonlyArray<JsonValue | undefined>): void {
    const groups = new Map<string, number[]>()
    this.all.forEach((x, i) => {
      const k = isJsonObject(x) && Object.hasOwn(x, key) ? scalarKey(x[key]) : undefined
      const g = k === undefined ? undefined : groups.get(k)
      if (g !== undefined) g.push(i)
      else if (k !== undefined) groups.set(k, [i])
    })
    const removed = new Set<number>()
    const left = new Map<number, JsonValue>()
    let last = this.length - 1
    for (const k of values.map(scalarKey)) {
      for (const i of (k === undefined ? undefined : groups.get(k)) ?? []) {
        if (removed.has(i)) continue
        while (removed.has(last)) last--
        left.set(this.length - 1, this.all[last] as JsonValue)
        removed.add(i)
        this.length--
      }
    }
    const kept = this.all.filter((_, i) => !removed.has(i))
    left.forEach((v, at) => (kept[at] = v))
    kept.forEach((v, i) => (this.all[i] = v))
  }
  append(item: JsonValue): void {
    if (this.length < this.all.length) this.all[this.length] = item
    this.length++
  }
}

const ordered = (
  merged: JsonValue[],
  patch: ReadonlyArray<JsonValue>,
  original: ReadonlyArray<JsonValue>,
  mergeKey: string,
  kind: string,
): E.Either<SmpError, JsonValue[]> => {
  const parts = partitionByPresence(merged, patch, mergeKey)
  if (E.isLeft(parts)) return parts
  return normalizeElementOrder(parts.right.patch, parts.right.serverOnly, patch, original, mergeKey, kind)
}

/** Applies the `$patch` items of a merging list (`mergeSliceWithSpecialElements`); `replace` is the new live list. */
const withoutSpecialElements = (
  backing: Backing,
  patch: ReadonlyArray<JsonObject>,
  mergeKey: string,
): E.Either<SmpError, { readonly patch: JsonObject[]; readonly replace?: JsonObject[] }> => {
  const plain: JsonObject[] = []
  const deleted: Array<JsonValue | undefined> = []
  let replace = false
  for (const item of patch) {
    if (!Object.hasOwn(item, '$patch')) {
      plain.push(item)
      continue
    }
    const directive = item['$patch']
    if (directive === 'delete') {
      if (!Object.hasOwn(item, mergeKey)) return E.left(noMergeKey(item, mergeKey))
      deleted.push(item[mergeKey])
    } else if (directive === 'replace') replace = true
    else if (directive === 'merge') return E.left(smpUnknown('merging lists cannot yet be specified in the patch'))
    else return E.left(smpUnknown(`unknown patch type: ${goFormat(directive)} in map: ${goFormat(item)}`))
  }
  backing.removeEach(mergeKey, deleted)
  return E.right(replace ? { patch: [], replace: plain } : { patch: plain })
}

/** Merges each patch map into the live map with the same merge-key value, or appends it. */
const mergeByKey = (
  original: ReadonlyArray<JsonValue>,
  patch: ReadonlyArray<JsonObject>,
  mergeKey: string,
  mergeItem: MergeItem,
  backing: Backing | undefined,
): E.Either<SmpError, JsonValue[]> => {
  const out: JsonValue[] = [...original]
  let find = keyFinder(out, mergeKey)
  for (const item of patch) {
    if (!Object.hasOwn(item, mergeKey)) return E.left(noMergeKey(item, mergeKey))
    const at = find.find(item[mergeKey])
    if (E.isLeft(at)) return at
    const live = out[at.right]
    if (at.right < 0 || !isJsonObject(live)) {
      out.push(item)
      backing?.append(item)
      find.appended(out.length - 1)
      continue
    }
    const merged = mergeItem(live, item)
    if (E.isLeft(merged)) return merged
    out[at.right] = merged.right
    // A merged item keeps its merge-key value unless the patch deleted it; then the index is rebuilt.
    if (!Object.hasOwn(merged.right, mergeKey) || !goEq(merged.right[mergeKey], live[mergeKey])) find = keyFinder(out, mergeKey)
  }
  return E.right(out)
}
