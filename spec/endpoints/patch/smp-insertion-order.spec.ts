import fc from 'fast-check'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { insertionOrder } from '../../../src/endpoints/patch/smp-insertion-order.js'

const test = suite('insertionOrder')

/** Upstream's insertion sort, with its `less`: an item the order lacks is smaller than anything. */
const insertionSort = <A>(items: ReadonlyArray<A>, positionOf: (a: A) => number): A[] => {
  const out = [...items]
  const less = (a: A, b: A): boolean => {
    const ia = positionOf(a)
    const ib = ia >= 0 ? positionOf(b) : -1
    return ia >= 0 && ib >= 0 ? ia < ib : true
  }
  for (let i = 1; i < out.length; i++) {
    for (let j = i; j > 0 && less(out[j] as A, out[j - 1] as A); j--) [out[j], out[j - 1]] = [out[j - 1] as A, out[j] as A]
  }
  return out
}

test('orders as the insertion sort does: unknown items to the front, known ones after the last known before them', () => {
  const order = ['a', 'b', 'c']
  const at = (s: string): number => order.indexOf(s)
  assert.equal(insertionOrder(['b', 'x', 'a'], at), ['a', 'x', 'b'])
  assert.equal(insertionOrder(['c', 'x', 'y', 'b', 'a'], at), insertionSort(['c', 'x', 'y', 'b', 'a'], at))
  assert.equal(insertionOrder([], at), [])
})

test('any items, with repeated and missing positions, come out as the insertion sort leaves them', () => {
  const item = fc.record({ id: fc.nat(), pos: fc.integer({ min: -1, max: 6 }) })
  fc.assert(
    fc.property(fc.array(item, { maxLength: 30 }), (items) => {
      const at = (x: { pos: number }): number => x.pos
      assert.equal(insertionOrder(items, at), insertionSort(items, at))
    }),
    { numRuns: 3000 },
  )
})

test('a long reversed list is ordered', () => {
  const n = 200_000
  const items = Array.from({ length: n }, (_, i) => n - 1 - i)
  const out = insertionOrder(items, (x) => x)
  assert.ok(out.every((x, i) => x === i))
})

test.run()
