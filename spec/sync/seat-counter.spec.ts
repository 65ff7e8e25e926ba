import fc from 'fast-check'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { newSeatCounter } from '../../src/sync/seat-counter.js'

const seats = suite('newSeatCounter')

seats('hands out exactly limit seats, then refuses until one is released', () => {
  const s = newSeatCounter(2)
  assert.equal([s.tryAcquire(), s.tryAcquire(), s.tryAcquire()], [true, true, false])
  assert.is(s.inFlight(), 2)
  s.release()
  assert.ok(s.tryAcquire())
  assert.is(s.limit, 2)
})

seats('throws on a release without a seat taken', () => {
  assert.throws(() => newSeatCounter(1).release(), /seat released but none was taken/)
})

seats('takeWatermark gives the highest count of the period and restarts at the current count', () => {
  const s = newSeatCounter(5)
  s.tryAcquire()
  s.tryAcquire()
  s.tryAcquire()
  s.release()
  s.release()
  assert.is(s.takeWatermark(), 3)
  assert.is(s.takeWatermark(), 1)
})

seats('property: inFlight never exceeds the limit nor goes below zero', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 5 }), fc.array(fc.boolean(), { maxLength: 40 }), (limit, ops) => {
      const s = newSeatCounter(limit)
      let model = 0
      for (const acquire of ops) {
        if (acquire) {
          assert.is(s.tryAcquire(), model < limit)
          model = Math.min(limit, model + 1)
        } else if (model > 0) {
          s.release()
          model -= 1
        }
        assert.is(s.inFlight(), model)
      }
    }),
    { numRuns: 100 },
  )
})

seats.run()
