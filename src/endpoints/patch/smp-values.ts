import * as E from 'fp-ts/lib/Either.js'
import { type JsonObject, type JsonValue, isJsonObject } from '../json-value.js'
import { goFormat, goTypeName } from './go-format.js'
import { scalarKey } from './smp-index.js'
import { type SmpError, smpErrors, smpUnknown } from './smp-error.js'

/** A mutable JSON object, as the strategic merge patch edits its working copies. */
export type Rec = Record<string, JsonValue>

/** Go's `==` on two decoded values: scalars by value, null equal to null; maps and lists never equal. */
export const goEq = (a: JsonValue | undefined, b: JsonValue | undefined): boolean => {
  const an = a === undefined || a === null
  const bn = b === undefined || b === null
  if (an || bn) return an && bn
  return typeof a !== 'object' && a === b
}

/** `mergepatch.ErrNoMergeKey`. */
export const noMergeKey = (m: JsonObject, key: string): SmpError =>
  smpUnknown(`map: ${goFormat(m)} does not contain declared merge key: ${key}`)

/** `mergepatch.ErrBadArgType(expected, actual)`. */
export const badArgType = (expected: string, actual: JsonValue | undefined): SmpError =>
  smpUnknown(`expected a ${expected}, but received a ${goTypeName(actual)}`)

/** The element kind shared by the items of some lists (`sliceElementType`): `map` or a scalar kind. */
export const sliceElementType = (...slices: ReadonlyArray<ReadonlyArray<JsonValue>>): E.Either<SmpError, string> => {
  let prev: string | undefined
  for (const s of slices) {
    for (const v of s) {
      const t = goTypeName(v)
      if (prev === undefined && Array.isArray(v)) return E.left(smpErrors.noListOfLists)
      if (prev !== undefined && prev !== t)
        return E.left(smpUnknown(`list element types are not identical: ${goFormat(slices as JsonValue)}`))
      prev = t
    }
  }
  if (prev === undefined) return E.left(smpUnknown('no elements in any of the given slices'))
  return E.right(prev === 'map[string]interface {}' ? 'map' : prev)
}

/** The key after `<prefix>/` of a directive key (`extractKey`), or the directive's format error. */
export const directiveKey = (key: string, prefix: '$deleteFromPrimitiveList' | '$setElementOrder'): E.Either<SmpError, string> => {
  const cut = key.indexOf('/')
  if (cut < 0 || key.slice(0, cut) !== prefix) {
    return E.left(prefix === '$setElementOrder' ? smpErrors.badSetElementOrder : smpErrors.badPrimitiveList)
  }
  return E.right(key.slice(cut + 1))
}

/** The index of an item in a list, by merge-key value for maps, by value otherwise (`index`); -1 if absent. */
export const indexIn = (list: ReadonlyArray<JsonValue>, item: JsonValue, mergeKey: string, kind: string): number => {
  const val = (x: JsonValue): JsonValue | undefined => (kind === 'map' ? (isJsonObject(x) ? x[mergeKey] : undefined) : x)
  const want = val(item)
  return list.findIndex((x) => goEq(val(x), want))
}

/** The first map in a list whose merge key has a value (`findMapInSliceBasedOnKeyValue`). */
export const findByKey = (list: ReadonlyArray<JsonValue>, key: string, value: JsonValue | undefined): E.Either<SmpError, number> => {
  for (let i = 0; i < list.length; i++) {
    const item = list[i]
    if (!isJsonObject(item)) return E.left(smpUnknown(`value for key ${i} is not a map.`))
    if (Object.hasOwn(item, key) && goEq(item[key], value)) return E.right(i)
  }
  return E.right(-1)
}

/** `findByKey` over one list, from an index built once; `appended` adds an item pushed onto the list since. */
export interface KeyFinder {
  readonly find: (value: JsonValue | undefined) => E.Either<SmpError, number>
  readonly appended: (i: number) => void
}

/** A `KeyFinder` over `list`; the items already indexed must not change while it is used. */
export const keyFinder = (list: ReadonlyArray<JsonValue>, key: string): KeyFinder => {
  const first = new Map<string, number>()
  let firstNonMap = -1
  const appended = (i: number): void => {
    const item = list[i] as JsonValue
    if (!isJsonObject(item)) firstNonMap = firstNonMap < 0 ? i : firstNonMap
    const k = isJsonObject(item) && Object.hasOwn(item, key) ? scalarKey(item[key]) : undefined
    if (k !== undefined && !first.has(k)) first.set(k, i)
  }
  list.forEach((_, i) => appended(i))
  const find = (value: JsonValue | undefined): E.Either<SmpError, number> => {
    const k = scalarKey(value)
    const at = k === undefined ? -1 : (first.get(k) ?? -1)
    if (firstNonMap >= 0 && (at < 0 || firstNonMap < at)) return E.left(smpUnknown(`value for key ${firstNonMap} is not a map.`))
    return E.right(at)
  }
  return { find, appended }
}
