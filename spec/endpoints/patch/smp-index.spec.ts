import fc from 'fast-check'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import type { JsonValue } from '../../../src/endpoints/json-value.js'
import { deduplicateScalars, firstPositions, scalarKey } from '../../../src/endpoints/patch/smp-index.js'
import { goEq } from '../../../src/endpoints/patch/smp-values.js'

const test = suite('smp-index')

/** Upstream's de-duplication as Go writes it: a scan over every later item. */
const goDeduplicate = (items: ReadonlyArray<JsonValue>): JsonValue[] => {
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

const scalar = fc.oneof(
  fc.constantFrom<JsonValue>('a', 'b', 'c', 1, 2, '1', true, false, null),
  fc.string({ maxLength: 2 }),
  fc.integer({ min: -3, max: 3 }),
)

test('de-duplication leaves the list Go leaves, in its order', () => {
  assert.equal(deduplicateScalars(['a', 'b', 'a', 'c', 'b', 'a']), goDeduplicate(['a', 'b', 'a', 'c', 'b', 'a']))
  assert.equal(deduplicateScalars(['a', 'b', 'a', 'c']), ['a', 'b', 'c'])
  assert.equal(deduplicateScalars(['x', 'a', 'b', 'a']), ['x', 'a', 'b'])
  assert.equal(deduplicateScalars(['a', 'a', 'b', 'c', 'a']), ['a', 'c', 'b'])
  fc.assert(
    fc.property(fc.array(scalar, { maxLength: 40 }), (items) => assert.equal(deduplicateScalars(items), goDeduplicate(items))),
    { numRuns: 2000 },
  )
})

test('de-duplication of a long list with duplicates takes one pass, not a scan per item', () => {
  const items = Array.from({ length: 200_000 }, (_, i) => `f${i % 100_000}`)
  const out = deduplicateScalars(items)
  assert.is(out.length, 100_000)
  assert.is(new Set(out).size, 100_000)
})

test('values Go finds equal share a key; maps and lists have none', () => {
  assert.is(scalarKey(null), scalarKey(undefined))
  assert.is.not(scalarKey('1'), scalarKey(1))
  assert.is.not(scalarKey(true), scalarKey('true'))
  assert.is(scalarKey({}), undefined)
  assert.is(scalarKey([]), undefined)
})

test('first positions answer as a scan of the list would', () => {
  fc.assert(
    fc.property(fc.array(fc.oneof(scalar, fc.constant<JsonValue>({})), { maxLength: 20 }), scalar, (list, want) => {
      assert.is(
        firstPositions(list, (x) => x)(want),
        list.findIndex((x) => goEq(x, want)),
      )
    }),
  )
})

test.run()
