import type { JsonValue } from '../json-value.js'

/**
 * A text equal for two values exactly when `goEq` finds them equal: scalars by type and value, `null`
 * and absence alike; maps and lists (which equal nothing) have none.
 */
export const scalarKey = (v: JsonValue | undefined): string | undefined => {
  if (v === undefined || v === null) return 'n'
  switch (typeof v) {
    case 'string':
      return `s${v}`
    case 'number':
      return `d${v}`
    case 'boolean':
      return v ? 'T' : 'F'
    default:
      return undefined
  }
}

/**
 * The position of the first item of `list` whose value (`valueOf`) is Go-equal to a wanted value, or -1;
 * built once, so each look-up costs a hash instead of a scan of the list.
 */
export const firstPositions = (
  list: ReadonlyArray<JsonValue>,
  valueOf: (x: JsonValue) => JsonValue | undefined,
): ((want: JsonValue | undefined) => number) => {
  const first = new Map<string, number>()
  list.forEach((x, i) => {
    const k = scalarKey(valueOf(x))
    if (k !== undefined && !first.has(k)) first.set(k, i)
  })
  return (want) => {
    const k = scalarKey(want)
    return k === undefined ? -1 : (first.get(k) ?? -1)
  }
}

/**
 * Go's in-place de-duplication of a list of scalars (`deduplicateScalars`): for each item in turn, every
 * later equal item is overwritten by the list's last item (which is then checked in its place) and the
 * list shortened. The same result as that scan, found through a heap of positions per value, so a long
 * list with duplicates costs n log n rather than n².
 */
export const deduplicateScalars = (items: ReadonlyArray<JsonValue>): JsonValue[] => {
  const s = [...items]
  const keys = s.map(scalarKey)
  const heaps = new Map<string, number[]>()
  keys.forEach((k, i) => push(heaps, k, i))
  let last = s.length - 1
  for (let i = 0; i < last; i++) {
    const k = keys[i]
    if (k === undefined) continue
    const heap = heaps.get(k) as number[]
    for (let p = nextEqual(heap, i, last, keys, k); p !== undefined; p = nextEqual(heap, i, last, keys, k)) {
      s[p] = s[last] as JsonValue
      keys[p] = keys[last]
      push(heaps, keys[p], p)
      last--
    }
  }
  return s.slice(0, last + 1)
}

/** The smallest position after `i` still holding the value `k`; positions that no longer do are dropped. */
const nextEqual = (heap: number[], i: number, last: number, keys: ReadonlyArray<string | undefined>, k: string): number | undefined => {
  for (let top = heap[0]; top !== undefined; top = heap[0]) {
    heapPop(heap)
    if (top > i && top <= last && keys[top] === k) return top
  }
  return undefined
}

const push = (heaps: Map<string, number[]>, k: string | undefined, p: number): void => {
  if (k === undefined) return
  const heap = heaps.get(k) ?? []
  if (heap.length === 0) heaps.set(k, heap)
  heap.push(p)
  for (let c = heap.length - 1, parent = (c - 1) >> 1; c > 0 && (heap[parent] as number) > p; c = parent, parent = (c - 1) >> 1) {
    heap[c] = heap[parent] as number
    heap[parent] = p
  }
}

const heapPop = (heap: number[]): void => {
  const end = heap.pop() as number
  if (heap.length === 0) return
  let c = 0
  for (;;) {
    const l = 2 * c + 1
    const m = l + 1 < heap.length && (heap[l + 1] as number) < (heap[l] as number) ? l + 1 : l
    if (l >= heap.length || (heap[m] as number) >= end) break
    heap[c] = heap[m] as number
    c = m
  }
  heap[c] = end
}
