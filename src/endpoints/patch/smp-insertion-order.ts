/**
 * The order upstream's insertion sort leaves a list in when it sorts by positions in another list
 * (`normalizeSliceOrder`), where `positionOf` is -1 for an item the other list lacks and such an item
 * counts as smaller than anything. Each item moves left while it is smaller than its neighbour: one the
 * other list lacks goes to the front; a known one goes just after the last known item at or before its
 * position. This computes that result in n log n, where the sort itself swaps n² times on a reversed list.
 * @example
 * insertionOrder(['b', 'x', 'a'], (s) => ['a', 'b'].indexOf(s)) // ['a', 'x', 'b']
 */
export const insertionOrder = <A>(items: ReadonlyArray<A>, positionOf: (a: A) => number): A[] => {
  const pos = items.map(positionOf)
  const known = items.map((_, i) => i).filter((i) => (pos[i] as number) >= 0)
  const rank = new Map([...known].sort((a, b) => (pos[a] as number) - (pos[b] as number) || a - b).map((item, r) => [item, r + 1]))
  const ranks = new Fenwick(known.length)
  const byRank: number[] = new Array(known.length + 1)
  const trailing: number[][] = new Array(known.length + 1)
  trailing[0] = []
  for (let i = 0; i < items.length; i++) {
    const r = rank.get(i)
    if (r === undefined) {
      ;(trailing[0] as number[]).push(i) // to the front: group 0, read backwards
      continue
    }
    const before = ranks.count(r - 1)
    const prev = before === 0 ? 0 : ranks.nth(before)
    trailing[r] = trailing[prev] as number[]
    trailing[prev] = []
    byRank[r] = i
    ranks.add(r)
  }
  const out: A[] = []
  const emit = (group: ReadonlyArray<number>): void => {
    for (let k = group.length - 1; k >= 0; k--) out.push(items[group[k] as number] as A)
  }
  emit(trailing[0] as number[])
  for (let r = 1; r <= known.length; r++) {
    out.push(items[byRank[r] as number] as A)
    emit(trailing[r] as number[])
  }
  return out
}

/** Counts of the ranks 1..n inserted so far. */
class Fenwick {
  private readonly tree: number[]
  constructor(private readonly n: number) {
    this.tree = new Array(n + 1).fill(0)
  }
  add(r: number): void {
    for (let i = r; i <= this.n; i += i & -i) this.tree[i] = (this.tree[i] as number) + 1
  }
  /** How many inserted ranks are at most `r`. */
  count(r: number): number {
    let s = 0
    for (let i = r; i > 0; i -= i & -i) s += this.tree[i] as number
    return s
  }
  /** The `k`-th smallest inserted rank (1-based). */
  nth(k: number): number {
    let at = 0
    let left = k
    for (let step = 1 << Math.floor(Math.log2(Math.max(this.n, 1))); step > 0; step >>= 1) {
      const next = at + step
      if (next <= this.n && (this.tree[next] as number) < left) {
        at = next
        left -= this.tree[next] as number
      }
    }
    return at + 1
  }
}
