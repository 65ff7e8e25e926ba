import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { fakeClock } from '../../src/core/fake-clock.js'
import type { Decision } from '../../src/flowcontrol/admission.js'
import { newQueueSet } from '../../src/flowcontrol/queue-set.js'
import { hashFlowId } from '../../src/flowcontrol/shuffle-sharding.js'
import { oneSeat } from '../../src/flowcontrol/work-estimate.js'

const handSize = 6

interface Run {
  readonly seats: number // the level's concurrency limit
  readonly heavy: number // the heavy flow's concurrent requests, resubmitted as each finishes
  readonly lights: number // light flows, each with one request at a time
  readonly serviceMs: number // every request's service time
}

interface LightStats {
  done: number
  maxWaitMs: number
}

/** Runs one level on a fake clock for 60 service times; returns what each light flow got. */
const simulate = (r: Run): LightStats[] => {
  const clock = fakeClock()
  const built = newQueueSet({ _tag: 'Queue', queues: 64, handSize, queueLengthLimit: 50 }, r.seats, { clock })
  if (E.isLeft(built)) throw new Error(built.left)
  const qs = built.right
  const endMs = 60 * r.serviceMs
  const submit = (flow: string, onDispatch: (waitedMs: number) => void): void => {
    const serve = (d: Decision): void => {
      if (d._tag === 'Rejected') throw new Error(`${flow} rejected: ${d.reason}`)
      onDispatch(d.waitedMs)
      clock.setTimer(d.finish, r.serviceMs)
    }
    const a = qs.startRequest({ flowHash: hashFlowId('fs', flow), work: oneSeat, waitLimitMs: 10 * endMs, onDecided: serve })
    if (a._tag !== 'Queued') serve(a)
  }
  const heavy = (): void => submit('heavy', () => clock.setTimer(() => clock.now() < endMs && heavy(), r.serviceMs))
  const stats = Array.from({ length: r.lights }, () => ({ done: 0, maxWaitMs: 0 }))
  const light = (i: number): void =>
    submit(`light-${i}`, (waited) => {
      stats[i]!.maxWaitMs = Math.max(stats[i]!.maxWaitMs, waited)
      clock.setTimer(() => (stats[i]!.done++, clock.now() < endMs && light(i)), r.serviceMs)
    })
  for (let j = 0; j < r.heavy; j++) heavy()
  for (let i = 0; i < r.lights; i++) clock.setTimer(() => light(i), 1 + i)
  clock.advance(endMs)
  return stats
}

const runs: fc.Arbitrary<Run> = fc
  .record({
    seats: fc.integer({ min: 1, max: 8 }),
    lights: fc.integer({ min: 1, max: 4 }),
    serviceMs: fc.integer({ min: 50, max: 1000 }),
    extra: fc.nat(100),
  })
  .map(({ seats, lights, serviceMs, extra }) => ({ seats, lights, serviceMs, heavy: 5 * (handSize + lights + seats) + extra }))

const fairness = suite('queue set fairness')

// Fair queuing shares seats among queues, and a heavy flow spreads over at most its hand of queues, so a light
// flow's fair share is min(1, seats / (handSize + lights)) seats. Dispatch never preempts: a light request
// that arrives when every seat is taken waits for one to free, and a heavy queue charged only the estimated
// 3 ms for requests still running can win a few turns before the light one; the tolerances below cover both.
fairness('property: each light flow gets at least half its fair share and never waits behind the heavy backlog', () => {
  fc.assert(
    fc.property(runs, (r) => {
      const fairSeats = Math.min(1, r.seats / (handSize + r.lights))
      const endMs = 60 * r.serviceMs
      const waitBoundMs = 2 * ((handSize + r.lights) / r.seats + 1) * r.serviceMs
      const backlogDrainMs = (r.heavy * r.serviceMs) / r.seats
      assert.ok(waitBoundMs < 0.5 * backlogDrainMs) // the bound (at most 40% of it) is well short of the heavy backlog
      for (const [i, light] of simulate(r).entries()) {
        const seatShare = (light.done * r.serviceMs) / endMs
        assert.ok(seatShare >= 0.5 * fairSeats, `light-${i} got ${seatShare.toFixed(3)} seats, fair share ${fairSeats.toFixed(3)}`)
        assert.ok(light.maxWaitMs <= waitBoundMs, `light-${i} waited ${light.maxWaitMs} ms, bound ${waitBoundMs} ms`)
      }
    }),
    { numRuns: 100 },
  )
})

fairness('alone, a light flow never waits and holds its one seat the whole time', () => {
  const [light] = simulate({ seats: 4, heavy: 0, lights: 1, serviceMs: 100 })
  assert.equal(light, { done: 59, maxWaitMs: 0 })
})

fairness.run()
