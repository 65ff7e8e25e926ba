import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { fakeClock } from '../../src/core/fake-clock.js'
import { newSeatDemandIntegrator, noSeatDemand, seatDemandSmoothing, updateSeatDemandStats } from '../../src/flowcontrol/seat-demand.js'

const integrator = suite('newSeatDemandIntegrator')

integrator('averages demand over time, with its deviation and maximum, and starts the next period at the current demand', () => {
  const clock = fakeClock()
  const demand = newSeatDemandIntegrator(clock)
  demand.set(2)
  clock.advance(300)
  demand.set(6)
  clock.advance(100)
  demand.set(4)
  // 2 for 300 ms, 6 for 100 ms: mean 3, variance (4·300 + 36·100)/400 − 9 = 3
  assert.equal(demand.reset(), { durationMs: 400, average: 3, deviation: Math.sqrt(3), max: 6 })
  clock.advance(50)
  assert.equal(demand.reset(), { durationMs: 50, average: 4, deviation: 0, max: 4 })
})

integrator('an empty period reports no demand rather than NaN', () => {
  assert.equal(newSeatDemandIntegrator(fakeClock()).reset(), { durationMs: 0, average: 0, deviation: 0, max: 0 })
})

const stats = suite('updateSeatDemandStats')

stats('follows a rising envelope at once and a falling one slowly', () => {
  const up = updateSeatDemandStats(noSeatDemand, { durationMs: 10_000, average: 8, deviation: 2, max: 12 })
  assert.equal(up, { avg: 8, stdDev: 2, highWatermark: 12, smoothed: 10 })
  const down = updateSeatDemandStats(up, { durationMs: 10_000, average: 0, deviation: 0, max: 0 })
  assert.is(down.smoothed, seatDemandSmoothing * 10)
  assert.is(down.highWatermark, 0)
})

stats('an empty period only moves the high watermark', () => {
  const prev = { avg: 1, stdDev: 1, highWatermark: 3, smoothed: 2 }
  assert.equal(updateSeatDemandStats(prev, { durationMs: 0, average: 0, deviation: 0, max: 5 }), { ...prev, highWatermark: 5 })
})

integrator.run()
stats.run()
