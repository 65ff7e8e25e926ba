import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import * as O from 'fp-ts/lib/Option.js'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { fakeClock } from '../../src/core/fake-clock.js'
import {
  type DrainResult,
  type RateLimiterFactory,
  newRateLimitedSafeWaitGroup,
  watchDrainLimits,
} from '../../src/sync/rate-limited-wait-group.js'
import { newTokenBucket } from '../../src/sync/token-bucket.js'
import { flush } from '../filters/shutdown-fixtures.js'

const limits =
  (ratePerSecond: number, timeoutMs: number): RateLimiterFactory =>
  () => ({ limiter: newTokenBucket(ratePerSecond, 1), timeoutMs })

/** Starts a wait and records its result (and when it came) without awaiting it. */
const watchWait = (p: Promise<DrainResult>, now: () => number) => {
  const got: { result?: DrainResult; at?: number } = {}
  void p.then((r) => {
    got.result = r
    got.at = now()
  })
  return got
}

const group = suite('newRateLimitedSafeWaitGroup')

group('counts adds and dones without pacing or timers before wait', () => {
  const clock = fakeClock()
  const wg = newRateLimitedSafeWaitGroup(clock)
  wg.add()
  wg.add()
  wg.done()
  assert.is(wg.count(), 1)
  assert.is(clock.pending(), 0)
})

group('wait on an empty group resolves at once with 0/0 and no error, leaving no timer', async () => {
  const clock = fakeClock()
  const wg = newRateLimitedSafeWaitGroup(clock)
  const got = watchWait(wg.wait(limits(100, 1000)), clock.now)
  await flush()
  assert.equal(got.result, { before: 0, after: 0, error: O.none })
  assert.is(clock.pending(), 0)
})

group("add fails with upstream's message once wait has started", () => {
  const wg = newRateLimitedSafeWaitGroup(fakeClock())
  wg.add()
  void wg.wait(limits(100, 1000))
  assert.equal(wg.add(), E.left('add with positive delta after Wait is forbidden'))
  assert.is(wg.count(), 1)
})

group('gives the factory the count at the start of the wait', () => {
  const wg = newRateLimitedSafeWaitGroup(fakeClock())
  wg.add()
  wg.add()
  wg.add()
  const counts: number[] = []
  void wg.wait((n) => (counts.push(n), { limiter: newTokenBucket(1, 1), timeoutMs: 10 }))
  assert.equal(counts, [3])
})

group('paces dones during the drain: one token at once, then one every 1/rate seconds', async () => {
  const clock = fakeClock()
  const wg = newRateLimitedSafeWaitGroup(clock)
  for (let i = 0; i < 3; i++) wg.add()
  const got = watchWait(wg.wait(limits(100, 1000)), clock.now)
  wg.done()
  wg.done()
  wg.done()
  assert.is(wg.count(), 0)
  clock.advance(19)
  await flush()
  assert.is(got.result, undefined)
  clock.advance(1)
  await flush()
  assert.equal(got.result, { before: 3, after: 0, error: O.none })
  assert.is(got.at, 20)
  assert.is(clock.pending(), 0)
})

group('the hard timeout ends the wait with context deadline exceeded and counts the requests not done', async () => {
  const clock = fakeClock()
  const wg = newRateLimitedSafeWaitGroup(clock)
  wg.add()
  wg.add()
  const got = watchWait(wg.wait(limits(100, 250)), clock.now)
  wg.done()
  clock.advance(249)
  await flush()
  assert.is(got.result, undefined)
  clock.advance(1)
  await flush()
  assert.equal(got.result, { before: 2, after: 1, error: O.some('context deadline exceeded') })
  assert.is(clock.pending(), 0)
})

group('the hard timeout lets held dones through and cancels their timers', async () => {
  const clock = fakeClock()
  const wg = newRateLimitedSafeWaitGroup(clock)
  for (let i = 0; i < 3; i++) wg.add()
  const got = watchWait(wg.wait(limits(10, 100)), clock.now)
  wg.done()
  wg.done()
  assert.is(clock.pending(), 2)
  clock.advance(100)
  await flush()
  assert.equal(got.result, { before: 3, after: 1, error: O.some('context deadline exceeded') })
  assert.is(clock.pending(), 0)
})

group('a done whose wait would pass the deadline is not held (rate.Wait fails at once)', async () => {
  const clock = fakeClock()
  const wg = newRateLimitedSafeWaitGroup(clock)
  wg.add()
  wg.add()
  const got = watchWait(wg.wait(limits(1, 500)), clock.now)
  wg.done()
  wg.done()
  await flush()
  assert.equal(got.result, { before: 2, after: 0, error: O.none })
  assert.is(got.at, 0)
})

group('dones after the drain ended are not paced', async () => {
  const clock = fakeClock()
  const wg = newRateLimitedSafeWaitGroup(clock)
  wg.add()
  wg.add()
  const got = watchWait(wg.wait(limits(1, 10)), clock.now)
  clock.advance(10)
  await flush()
  assert.equal(got.result, { before: 2, after: 2, error: O.some('context deadline exceeded') })
  wg.done()
  wg.done()
  assert.is(wg.count(), 0)
  assert.is(clock.pending(), 0)
})

group('a second wait during a drain joins it', async () => {
  const clock = fakeClock()
  const wg = newRateLimitedSafeWaitGroup(clock)
  wg.add()
  const a = wg.wait(limits(100, 1000))
  const b = wg.wait(limits(1, 1))
  assert.is(a, b)
  wg.done()
  assert.equal(await a, { before: 1, after: 0, error: O.none })
})

group('done without a matching add throws', () => {
  assert.throws(() => newRateLimitedSafeWaitGroup(fakeClock()).done(), /negative wait group counter/)
})

group('property: n dones at the start of a drain resolve when the last token within the deadline is granted', async () => {
  const rates = [10, 20, 50, 100, 200, 250, 500, 1000]
  await fc.assert(
    fc.asyncProperty(
      fc.integer({ min: 1, max: 20 }),
      fc.constantFrom(...rates),
      fc.integer({ min: 1, max: 500 }),
      async (n, rate, timeout) => {
        const clock = fakeClock()
        const wg = newRateLimitedSafeWaitGroup(clock)
        for (let i = 0; i < n; i++) wg.add()
        const got = watchWait(wg.wait(limits(rate, timeout)), clock.now)
        for (let i = 0; i < n; i++) wg.done()
        const interval = 1000 / rate
        const held = Math.min(n - 1, Math.floor(timeout / interval))
        const expectedAt = held * interval
        if (expectedAt > 0) {
          clock.advance(expectedAt - 1)
          await flush()
          assert.is(got.result, undefined)
          clock.advance(1)
        }
        await flush()
        const tie = held > 0 && expectedAt === timeout
        assert.is(got.at, expectedAt)
        assert.equal(got.result, { before: n, after: 0, error: tie ? O.some('context deadline exceeded') : O.none })
        assert.is(clock.pending(), 0)
      },
    ),
    { numRuns: 150 },
  )
})

const drainLimits = suite('watchDrainLimits')

drainLimits('uses count / grace seconds per second when that is above 200', () => {
  const l = watchDrainLimits(2000)(1000)
  assert.is(l.timeoutMs, 2000)
  assert.equal([l.limiter.reserve(0, 1e9), l.limiter.reserve(0, 1e9)], [O.some(0), O.some(2)])
})

drainLimits('never drains slower than 200 per second', () => {
  const l = watchDrainLimits(2000)(10)
  assert.equal([l.limiter.reserve(0, 1e9), l.limiter.reserve(0, 1e9)], [O.some(0), O.some(5)])
})

group.run()
drainLimits.run()
