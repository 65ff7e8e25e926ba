import * as E from 'fp-ts/lib/Either.js'
import fc from 'fast-check'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import type { JsonObject, JsonValue } from '../../../src/endpoints/json-value.js'
import { mergeSliceSeen } from '../../../src/endpoints/patch/smp-list.js'

const test = suite('mergeSliceSeen')

/** Go's slice under upstream's merge: each `$patch: delete` removes matches one at a time (first first), then new items append. */
const goSeen = (original: ReadonlyArray<JsonObject>, patch: ReadonlyArray<JsonObject>): JsonValue[] => {
  const all: JsonValue[] = [...original]
  let length = all.length
  const keyOf = (x: JsonValue): unknown => (x as JsonObject)['k']
  for (const d of patch.filter((p) => p['$patch'] === 'delete')) {
    for (
      let at = all.slice(0, length).findIndex((x) => keyOf(x) === d['k']);
      at >= 0;
      at = all.slice(0, length).findIndex((x) => keyOf(x) === d['k'])
    ) {
      all.copyWithin(at, at + 1, length)
      length--
    }
  }
  for (const p of patch.filter((x) => x['$patch'] === undefined)) {
    if (all.slice(0, length).some((x) => keyOf(x) === p['k'])) continue
    if (length < all.length) all[length] = p
    length++
  }
  return all
}

const item = fc.record({ k: fc.integer({ min: 0, max: 5 }), v: fc.nat({ max: 3 }) })
const patchItem = fc.oneof(item, fc.record({ k: fc.integer({ min: 0, max: 5 }), $patch: fc.constant('delete') }))

test('the live list as Go leaves it after deletes and appends, for any lists', () => {
  fc.assert(
    fc.property(fc.array(item, { maxLength: 12 }), fc.array(patchItem, { maxLength: 8 }), (original, patch) => {
      const r = mergeSliceSeen(original, patch, 'k', false, (a, b) => E.right({ ...a, ...b }))
      if (E.isLeft(r)) return
      assert.equal(r.right.seen, goSeen(original, patch))
    }),
    { numRuns: 3000 },
  )
})

test('deleting many items of a long list leaves the kept ones, in order', () => {
  const original = Array.from({ length: 100_000 }, (_, i) => ({ k: i }))
  const patch = Array.from({ length: 50_000 }, (_, i) => ({ k: 2 * i, $patch: 'delete' }))
  const r = mergeSliceSeen(original, patch, 'k', false, (a, b) => E.right({ ...a, ...b }))
  if (E.isLeft(r)) throw new Error(JSON.stringify(r.left))
  assert.equal(r.right.merged.slice(0, 3), [{ k: 1 }, { k: 3 }, { k: 5 }])
  assert.is(r.right.merged.length, 50_000)
})

test.run()
