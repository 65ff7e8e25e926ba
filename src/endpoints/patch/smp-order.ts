import * as E from 'fp-ts/lib/Either.js'
import { type JsonValue, isJsonObject } from '../json-value.js'
import type { SmpError } from './smp-error.js'
import { firstPositions } from './smp-index.js'
import { insertionOrder } from './smp-insertion-order.js'
import { badArgType, keyFinder, noMergeKey } from './smp-values.js'

/**
 * Orders a merged list as upstream's `normalizeElementOrder`: the items named by the patch (or its
 * `$setElementOrder`) in that order, the items only the server had in the server's order, then the two
 * interleaved by the server's order where both are known (`mergeSortedSlice`), patch items first otherwise.
 */
export const normalizeElementOrder = (
  patch: JsonValue[],
  serverOnly: JsonValue[],
  patchOrder: ReadonlyArray<JsonValue>,
  serverOrder: ReadonlyArray<JsonValue>,
  mergeKey: string,
  kind: string,
): E.Either<SmpError, JsonValue[]> => {
  const p = normalizeSliceOrder(patch, patchOrder, mergeKey, kind)
  if (E.isLeft(p)) return p
  const s = normalizeSliceOrder(serverOnly, serverOrder, mergeKey, kind)
  if (E.isLeft(s)) return s
  return E.right(mergeSorted(s.right, p.right, serverOrder, mergeKey, kind))
}

const mergeSorted = (
  left: JsonValue[],
  right: JsonValue[],
  serverOrder: ReadonlyArray<JsonValue>,
  mergeKey: string,
  kind: string,
): JsonValue[] => {
  const at = positionIn(serverOrder, mergeKey, kind)
  const out: JsonValue[] = []
  let i = 0
  let j = 0
  while (i < left.length || j < right.length) {
    if (i >= left.length) out.push(right[j++] as JsonValue)
    else if (j >= right.length) out.push(left[i++] as JsonValue)
    else {
      const li = at(left[i] as JsonValue)
      const ri = at(right[j] as JsonValue)
      out.push(li >= 0 && ri >= 0 && li < ri ? (left[i++] as JsonValue) : (right[j++] as JsonValue))
    }
  }
  return out
}

/** Sorts a list by another's order as upstream does (an insertion sort; `$patch: delete` items last). */
const normalizeSliceOrder = (
  toSort: JsonValue[],
  order: ReadonlyArray<JsonValue>,
  mergeKey: string,
  kind: string,
): E.Either<SmpError, JsonValue[]> => {
  let items = [...toSort]
  let deletes: JsonValue[] = []
  if (kind === 'map') {
    const bad = checkMergeKeys(mergeKey, items, order)
    if (bad !== undefined) return E.left(bad)
    deletes = items.filter(isDeleteItem)
    items = items.filter((x) => !isDeleteItem(x))
  }
  const at = positionIn(order, mergeKey, kind)
  items = insertionOrder(items, at)
  return E.right([...items, ...deletes])
}

const isDeleteItem = (x: JsonValue): boolean => isJsonObject(x) && x['$patch'] === 'delete'

/** Every item of the lists is a map with the merge key (`validateMergeKeyInLists`). */
const checkMergeKeys = (mergeKey: string, ...lists: ReadonlyArray<ReadonlyArray<JsonValue>>): SmpError | undefined => {
  for (const list of lists) {
    for (const item of list) {
      if (!isJsonObject(item)) return badArgType('map[string]interface {}', item)
      if (!Object.hasOwn(item, mergeKey)) return noMergeKey(item, mergeKey)
    }
  }
  return undefined
}

/** Splits merged items into those the list names and those only the server had. */
export const partitionByPresence = (
  merged: ReadonlyArray<JsonValue>,
  by: ReadonlyArray<JsonValue>,
  mergeKey: string,
): E.Either<SmpError, { readonly patch: JsonValue[]; readonly serverOnly: JsonValue[] }> => {
  const patch: JsonValue[] = []
  const serverOnly: JsonValue[] = []
  const inBy = firstPositions(by, (x) => x)
  const { find } = keyFinder(by, mergeKey)
  for (const v of merged) {
    if (mergeKey === '') {
      ;(inBy(v) >= 0 ? patch : serverOnly).push(v)
      continue
    }
    if (!isJsonObject(v)) return E.left(badArgType('map[string]interface {}', v))
    if (!Object.hasOwn(v, mergeKey)) return E.left(noMergeKey(v, mergeKey))
    const found = find(v[mergeKey])
    if (E.isLeft(found)) return found
    ;(found.right >= 0 ? patch : serverOnly).push(v)
  }
  return E.right({ patch, serverOnly })
}

/** `indexIn` over one list, answered from an index built once (the value is a map's merge key, or the item). */
const positionIn = (list: ReadonlyArray<JsonValue>, mergeKey: string, kind: string): ((item: JsonValue) => number) => {
  const valueOf = (x: JsonValue): JsonValue | undefined => (kind === 'map' ? (isJsonObject(x) ? x[mergeKey] : undefined) : x)
  const first = firstPositions(list, valueOf)
  return (item) => first(valueOf(item))
}
