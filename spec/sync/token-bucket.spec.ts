import fc from 'fast-check'
import * as O from 'fp-ts/lib/Option.js'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { newTokenBucket } from '../../src/sync/token-bucket.js'

const bucket = suite('newTokenBucket')

bucket('starts full: the first reservation does not wait', () => {
  assert.equal(newTokenBucket(200, 1).reserve(1000, 0), O.some(0))
})

bucket('queues reservations made at one instant one token interval apart', () => {
  const b = newTokenBucket(200, 1)
  assert.equal(
    [0, 1, 2, 3].map(() => b.reserve(0, 1000)),
    [O.some(0), O.some(5), O.some(10), O.some(15)],
  )
})

bucket('refills with time: after one interval the next token is free again', () => {
  const b = newTokenBucket(100, 1)
  assert.equal(b.reserve(0, 1000), O.some(0))
  assert.equal(b.reserve(4, 1000), O.some(6))
  assert.equal(b.reserve(20, 1000), O.some(0))
})

bucket('holds at most burst tokens after a long idle time', () => {
  const b = newTokenBucket(10, 2)
  assert.equal(b.reserve(0, 1000), O.some(0))
  assert.equal(b.reserve(0, 1000), O.some(0))
  assert.equal(b.reserve(60_000, 1000), O.some(0))
  assert.equal(b.reserve(60_000, 1000), O.some(0))
  assert.equal(b.reserve(60_000, 1000), O.some(100))
})

bucket('answers none without taking a token when the wait would pass maxWaitMs', () => {
  const b = newTokenBucket(10, 1)
  b.reserve(0, 1000)
  assert.equal(b.reserve(0, 99), O.none)
  assert.equal(b.reserve(0, 100), O.some(100))
})

bucket('a zero rate gives the initial burst and then nothing', () => {
  const b = newTokenBucket(0, 1)
  assert.equal(b.reserve(0, 1e9), O.some(0))
  assert.equal(b.reserve(1e6, 1e9), O.none)
})

bucket('an infinite rate never waits', () => {
  const b = newTokenBucket(Infinity, 1)
  assert.equal(
    [1, 2, 3].map(() => b.reserve(0, 0)),
    [O.some(0), O.some(0), O.some(0)],
  )
})

bucket('property: n reservations at one instant wait ceil(k * 1000 / rate) for k = 0..n-1', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 2000 }), fc.integer({ min: 1, max: 30 }), (rate, n) => {
      const b = newTokenBucket(rate, 1)
      const waits = Array.from({ length: n }, () => b.reserve(7, Infinity))
      assert.equal(
        waits,
        Array.from({ length: n }, (_, k) => O.some(Math.ceil((k * 1000) / rate))),
      )
    }),
    { numRuns: 200 },
  )
})

bucket.run()
