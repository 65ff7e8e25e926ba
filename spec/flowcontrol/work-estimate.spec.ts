import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { capFinalSeats, maxSeats, maxSeatsForLevel, oneSeat, totalWork } from '../../src/flowcontrol/work-estimate.js'

const work = suite('work estimates')

work('a request holds the larger of its two phases, and is charged 3 ms per initial seat plus its final work', () => {
  const write = { initialSeats: 2, finalSeats: 5, additionalLatencyMs: 100 }
  assert.is(maxSeats(write), 5)
  assert.is(maxSeats(oneSeat), 1)
  assert.ok(Math.abs(totalWork(write) - (2 * 0.003 + 5 * 0.1)) < 1e-12)
})

work('final seats above the limit are cut to it, the latency stretched to keep the same work', () => {
  assert.equal(capFinalSeats({ initialSeats: 1, finalSeats: 8, additionalLatencyMs: 10 }, 4), {
    initialSeats: 1,
    finalSeats: 4,
    additionalLatencyMs: 20,
  })
  const fits = { initialSeats: 1, finalSeats: 3, additionalLatencyMs: 10 }
  assert.is(capFinalSeats(fits, 4), fits)
})

work("a level's widest request: 15% of its nominal limit, at most its limit over its hand size, at least one seat", () => {
  assert.is(maxSeatsForLevel(245, 6), 37) // workload-low of 600 seats
  assert.is(maxSeatsForLevel(49, 6), 8) // global-default
  assert.is(maxSeatsForLevel(4, 6), 1)
})

work.run()
