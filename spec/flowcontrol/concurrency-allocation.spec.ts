import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { type AllocationItem, computeConcurrencyAllocation } from '../../src/flowcontrol/concurrency-allocation.js'

const allocation = suite('computeConcurrencyAllocation')

const allocs = (sum: number, items: ReadonlyArray<AllocationItem>): ReadonlyArray<number> => {
  const got = computeConcurrencyAllocation(sum, items)
  if (E.isLeft(got)) throw new Error(got.left)
  return got.right.allocs.map((a) => Math.round(a * 1e6) / 1e6)
}

allocation('scales every target by one proportion when no bound binds', () => {
  assert.equal(
    allocs(30, [
      { lowerBound: 0, upperBound: 100, target: 1 },
      { lowerBound: 0, upperBound: 100, target: 2 },
    ]),
    [10, 20],
  )
})

allocation('a clamped item keeps its bound and the rest share what is left in proportion', () => {
  assert.equal(
    allocs(30, [
      { lowerBound: 0, upperBound: 5, target: 10 },
      { lowerBound: 0, upperBound: 100, target: 10 },
      { lowerBound: 0, upperBound: 100, target: 30 },
    ]),
    [5, 6.25, 18.75],
  )
})

allocation('lower bounds that use up the sum are the answer, and so are upper bounds that just reach it', () => {
  assert.equal(
    allocs(3, [
      { lowerBound: 1, upperBound: 4, target: 2 },
      { lowerBound: 2, upperBound: 4, target: 2 },
    ]),
    [1, 2],
  )
  assert.equal(
    allocs(8, [
      { lowerBound: 1, upperBound: 4, target: 2 },
      { lowerBound: 2, upperBound: 4, target: 2 },
    ]),
    [4, 4],
  )
})

allocation('refuses impossible problems with upstream messages', () => {
  assert.equal(computeConcurrencyAllocation(-1, []), E.left('negative sums are not supported'))
  assert.equal(
    computeConcurrencyAllocation(1, [{ lowerBound: 2, upperBound: 3, target: 2 }]),
    E.left('lower bounds sum to 2, which is higher than the required sum of 1'),
  )
  assert.equal(
    computeConcurrencyAllocation(9, [{ lowerBound: 2, upperBound: 3, target: 2 }]),
    E.left('upper bounds sum to 3, which is lower than the required sum of 9'),
  )
  assert.equal(
    computeConcurrencyAllocation(2, [{ lowerBound: 2, upperBound: 3, target: 1 }]),
    E.left('target 0 is 1, which is below its lower bound of 2'),
  )
})

const problem = fc
  .array(
    fc.record({
      lowerBound: fc.integer({ min: 0, max: 50 }),
      extra: fc.integer({ min: 0, max: 50 }),
      room: fc.integer({ min: 0, max: 100 }),
    }),
    { minLength: 1, maxLength: 8 },
  )
  .chain((raw) => {
    const items = raw.map((r) => ({ lowerBound: r.lowerBound, target: r.lowerBound + r.extra, upperBound: r.lowerBound + r.room }))
    const low = items.reduce((s, i) => s + i.lowerBound, 0)
    const high = items.reduce((s, i) => s + i.upperBound, 0)
    return fc.tuple(fc.constant(items), fc.integer({ min: low, max: high }))
  })

allocation('property: a solvable problem gets allocations within bounds that sum to the required sum, fair to unclamped targets', () => {
  fc.assert(
    fc.property(problem, ([items, sum]) => {
      const got = computeConcurrencyAllocation(sum, items)
      if (E.isLeft(got)) throw new Error(got.left)
      const { allocs: out, fairProp } = got.right
      assert.ok(Math.abs(out.reduce((s, a) => s + a, 0) - sum) < 1e-6)
      for (const [j, item] of items.entries()) {
        assert.ok(out[j]! >= item.lowerBound - 1e-9 && out[j]! <= item.upperBound + 1e-9)
        const strictlyInside = out[j]! > item.lowerBound + 1e-6 && out[j]! < item.upperBound - 1e-6
        if (strictlyInside) assert.ok(Math.abs(out[j]! - Math.max(item.target, 0.001) * fairProp) < 1e-6)
      }
    }),
  )
})

allocation.run()
