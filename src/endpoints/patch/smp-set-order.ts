import * as E from 'fp-ts/lib/Either.js'
import { type JsonValue, isJsonObject } from '../json-value.js'
import { goFormat } from './go-format.js'
import { setKey } from './json-text.js'
import { type MergeItem, type MergedSlice, mergeSliceSeen } from './smp-list.js'
import type { SmpError } from './smp-error.js'
import { smpUnknown } from './smp-error.js'
import { normalizeElementOrder, partitionByPresence } from './smp-order.js'
import { type Rec, badArgType, directiveKey, goEq, noMergeKey, sliceElementType } from './smp-values.js'

interface ListMeta {
  readonly strategy: string
  readonly mergeKey: string
}

/**
 * Applies each `$setElementOrder/<list>` of a patch map (upstream's `mergePatchIntoOriginal`): the list
 * is merged with the patch's list of the same name, then ordered by the directive, patch items first,
 * server-only items at their places. The patch's list is consumed so the field loop skips it.
 */
export const mergeSetElementOrders = (
  original: Rec,
  patch: Rec,
  metaOf: (key: string) => ListMeta,
  mergeItemFor: (key: string) => MergeItem,
): SmpError | undefined => {
  for (const key of Object.keys(patch)) {
    if (!key.startsWith('$setElementOrder')) continue
    const order = patch[key]
    delete patch[key]
    if (!Array.isArray(order)) return badArgType('[]interface {}', order)
    const listKey = directiveKey(key, '$setElementOrder')
    if (E.isLeft(listKey)) return listKey.left
    const k = listKey.right
    const live = Object.hasOwn(original, k) ? original[k] : undefined
    const sent = Object.hasOwn(patch, k) ? patch[k] : undefined
    if (live === undefined && sent === undefined) return undefined
    if (live !== undefined && !Array.isArray(live)) return badArgType('[]interface {}', live)
    if (sent !== undefined && !Array.isArray(sent)) return badArgType('[]interface {}', sent)
    const done = orderOne(live, sent, order, metaOf(k), mergeItemFor(k))
    if (E.isLeft(done)) return done.left
    setKey(original, k, done.right)
    delete patch[k]
  }
  return undefined
}

const orderOne = (
  found: ReadonlyArray<JsonValue> | undefined,
  sent: ReadonlyArray<JsonValue> | undefined,
  order: ReadonlyArray<JsonValue>,
  meta: ListMeta,
  mergeItem: MergeItem,
): E.Either<SmpError, JsonValue[]> => {
  const invalid = checkOrder(sent ?? [], order, meta.mergeKey)
  if (invalid !== undefined) return E.left(invalid)
  const live = found ?? []
  const both = found !== undefined && sent !== undefined && meta.strategy === 'merge'
  const merged = both
    ? mergeSliceSeen(live, sent, meta.mergeKey, false, mergeItem)
    : E.right<SmpError, MergedSlice>({ merged: [...(sent ?? live)], seen: live })
  if (E.isLeft(merged)) return merged
  const parts = partitionByPresence(merged.right.merged, order, meta.mergeKey)
  if (E.isLeft(parts)) return parts
  const kind = sliceElementType(live, sent ?? [])
  if (E.isLeft(kind)) return kind
  // Upstream orders server-only items by the live list as its own merge left it in place.
  return normalizeElementOrder(parts.right.patch, parts.right.serverOnly, order, merged.right.seen, meta.mergeKey, kind.right)
}

/** The patch list's items must appear in the directive, in its order (`validatePatchWithSetOrderList`). */
const checkOrder = (sent: ReadonlyArray<JsonValue>, order: ReadonlyArray<JsonValue>, mergeKey: string): SmpError | undefined => {
  if (sent.length === 0 || order.length === 0) return undefined
  if (mergeKey !== '') {
    const notMap = sent.find((x) => !isJsonObject(x))
    if (notMap !== undefined) return badArgType('map[string]interface {}', notMap)
  }
  const kept = mergeKey === '' ? sent : sent.filter((x) => !(isJsonObject(x) && x['$patch'] === 'delete'))
  let p = 0
  let s = 0
  while (p < kept.length && s < order.length) {
    const item = kept[p] as JsonValue
    if (isJsonObject(item) && Object.hasOwn(item, '$patch')) {
      p++
      continue
    }
    const eq = keyEqual(item, order[s] as JsonValue, mergeKey)
    if (E.isLeft(eq)) return eq.left
    if (eq.right) p++
    s++
  }
  if (p < kept.length && s >= order.length) {
    return smpUnknown(
      `The order in patch list:\n${goFormat(sent as JsonValue)}\n doesn't match $setElementOrder list:\n${goFormat(order as JsonValue)}\n`,
    )
  }
  return undefined
}

const keyEqual = (left: JsonValue, right: JsonValue, mergeKey: string): E.Either<SmpError, boolean> => {
  if (mergeKey === '') return E.right(goEq(left, right))
  if (!isJsonObject(left)) return E.left(badArgType('map[string]interface {}', left))
  if (!isJsonObject(right)) return E.left(badArgType('map[string]interface {}', right))
  if (!Object.hasOwn(left, mergeKey)) return E.left(noMergeKey(left, mergeKey))
  if (!Object.hasOwn(right, mergeKey)) return E.left(noMergeKey(right, mergeKey))
  return E.right(goEq(left[mergeKey], right[mergeKey]))
}
