import * as E from 'fp-ts/lib/Either.js'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { fakeClock } from '../../src/core/fake-clock.js'
import { rebalanceLimits } from '../../src/flowcontrol/borrowing.js'
import { type CurrentLimit, newConcurrencyController } from '../../src/flowcontrol/concurrency-controller.js'
import type { LevelShares } from '../../src/flowcontrol/concurrency-limits.js'
import { newQueueSet } from '../../src/flowcontrol/queue-set.js'
import { hashFlowId } from '../../src/flowcontrol/shuffle-sharding.js'
import { oneSeat } from '../../src/flowcontrol/work-estimate.js'

// Two levels of 10 nominal seats each out of 20; each may lend half and borrow up to its whole nominal limit.
const levels: ReadonlyArray<LevelShares> = [
  { name: 'busy', nominalConcurrencyShares: 1, lendablePercent: 50, borrowingLimitPercent: 100 },
  { name: 'idle', nominalConcurrencyShares: 1, lendablePercent: 50, borrowingLimitPercent: 100 },
]
const currentCLs = (limits: ReadonlyArray<CurrentLimit>) => limits.map((l) => l.currentCL)
const steady = (seats: number) => ({ durationMs: 10_000, average: seats, deviation: 0, max: seats })

const rebalance = suite('rebalanceLimits')

rebalance('a busy level borrows what an idle one may lend, and gives it back only slowly', () => {
  const ctl = newConcurrencyController(fakeClock(), 20, levels)
  const start = ctl
    .limits()
    .map((limits) => ({ limits, stats: { avg: 0, stdDev: 0, highWatermark: 0, smoothed: 0 }, currentCL: limits.currentCL }))
  const first = rebalanceLimits(20, start, [steady(18), steady(0)])
  assert.equal(
    first.levels.map((l) => l.currentCL),
    [15, 5],
  ) // idle keeps its 5 unlendable seats
  const second = rebalanceLimits(20, first.levels, [steady(0), steady(0)])
  assert.equal(
    second.levels.map((l) => l.currentCL),
    [15, 5],
  ) // the smoothed demand decays over minutes
  assert.is(second.error, undefined)
})

rebalance('a level keeps as much of its nominal limit as its demand reached in the period, even when its mean was low', () => {
  const ctl = newConcurrencyController(fakeClock(), 20, levels)
  const start = ctl
    .limits()
    .map((limits) => ({ limits, stats: { avg: 0, stdDev: 0, highWatermark: 0, smoothed: 0 }, currentCL: limits.currentCL }))
  // busy peaked at 9 seats but averaged 1; idle averaged 20 (it wants everything)
  const out = rebalanceLimits(20, start, [{ durationMs: 10_000, average: 1, deviation: 0, max: 9 }, steady(20)])
  assert.equal(
    out.levels.map((l) => l.currentCL),
    [9, 11],
  )
})

rebalance('keeps the current limits when the bounds cannot be met, and says why', () => {
  const ctl = newConcurrencyController(fakeClock(), 20, levels)
  const start = ctl.limits().map((limits) => ({ limits, stats: { avg: 0, stdDev: 0, highWatermark: 0, smoothed: 0 }, currentCL: 7 }))
  const out = rebalanceLimits(100, start, [steady(0), steady(0)])
  assert.equal(
    out.levels.map((l) => l.currentCL),
    [7, 7],
  )
  assert.is(out.error, 'upper bounds sum to 40, which is lower than the required sum of 100')
})

const controller = suite('newConcurrencyController')

controller('starts with levels that showed no demand sharing the seats by their floors', () => {
  const limits = newConcurrencyController(fakeClock(), 20, levels).limits()
  assert.equal(currentCLs(limits), [10, 10])
  assert.equal([limits[0]!.minCL, limits[0]!.maxCL, limits[0]!.initialCL], [5, 20, 8])
})

controller("rebalances every 10 s from the queue sets' seat demand until stopped", () => {
  const clock = fakeClock()
  const ctl = newConcurrencyController(clock, 20, levels)
  const built = newQueueSet({ _tag: 'Queue', queues: 8, handSize: 2, queueLengthLimit: 50 }, 10, {
    clock,
    onSeatDemand: ctl.seatDemandOf('busy')!,
  })
  if (E.isLeft(built)) throw new Error(built.left)
  const busy = built.right
  for (let i = 0; i < 18; i++) busy.startRequest({ flowHash: hashFlowId('fs', `u${i}`), work: oneSeat, waitLimitMs: 60_000 })
  const applied: number[][] = []
  const stop = ctl.start((limits) => {
    applied.push(currentCLs(limits))
    busy.setConcurrencyLimit(limits[0]!.currentCL)
  })
  clock.advance(9_999)
  assert.equal(applied, [])
  clock.advance(1)
  assert.equal(applied, [[15, 5]])
  assert.equal([busy.snapshot().executing, busy.snapshot().waiting], [15, 3])
  clock.advance(10_000)
  assert.is(applied.length, 2)
  stop()
  clock.advance(30_000)
  assert.is(applied.length, 2)
  assert.is(ctl.seatDemandOf('nope'), undefined)
})

rebalance.run()
controller.run()
