import * as E from 'fp-ts/lib/Either.js'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { type FakeClock, fakeClock } from '../../src/core/fake-clock.js'
import type { Admission, Dispatched } from '../../src/flowcontrol/admission.js'
import type { RequestDescriptor } from '../../src/flowcontrol/apf-state.js'
import { type LimitResponse, newQueueSet, type QueueSet } from '../../src/flowcontrol/queue-set.js'
import { hashFlowId } from '../../src/flowcontrol/shuffle-sharding.js'
import { oneSeat, type WorkEstimate } from '../../src/flowcontrol/work-estimate.js'

const setOf = (response: LimitResponse, limit: number, clock: FakeClock): QueueSet => {
  const qs = newQueueSet(response, limit, { clock })
  if (E.isLeft(qs)) throw new Error(qs.left)
  return qs.right
}
const oneQueue: LimitResponse = { _tag: 'Queue', queues: 1, handSize: 1, queueLengthLimit: 10 }

const descriptor = (user: string): RequestDescriptor => ({
  flowSchema: 'global-default',
  priorityLevel: 'global-default',
  flowDistinguisher: user,
  userName: user,
  verb: 'get',
  path: '/api/v1/namespaces/default/configmaps/a',
  arrivedAt: 0,
})

const ask = (qs: QueueSet, user: string | undefined, work: WorkEstimate = oneSeat): Admission =>
  qs.startRequest({
    flowHash: hashFlowId('global-default', user ?? 'anon'),
    work,
    waitLimitMs: 60_000,
    ...(user === undefined ? {} : { descriptor: descriptor(user) }),
  })

const dispatched = (a: Admission): Dispatched => {
  if (a._tag !== 'Dispatched') throw new Error(`expected Dispatched, got ${a._tag}`)
  return a
}

const listing = suite('QueueSet.requests')

listing('keeps the descriptor of a waiting and an executing request, with arrival, start and seats', () => {
  const clock = fakeClock(1000)
  const qs = setOf(oneQueue, 1, clock)
  const alice = dispatched(ask(qs, 'alice'))
  clock.advance(7)
  ask(qs, 'bob', { initialSeats: 1, finalSeats: 3, additionalLatencyMs: 200 })
  const [q] = qs.requests().queues
  assert.is(q!.executing.length, 1)
  assert.is(q!.executing[0]!.descriptor?.userName, 'alice')
  assert.is(q!.executing[0]!.arrivedAt, 1000)
  assert.is(q!.executing[0]!.startedAt, 1000)
  assert.is(q!.executing[0]!.virtualStart, undefined)
  assert.is(q!.waiting.length, 1)
  const bob = q!.waiting[0]!
  assert.equal([bob.descriptor?.userName, bob.arrivedAt, bob.startedAt], ['bob', 1007, undefined])
  assert.equal([bob.initialSeats, bob.finalSeats, bob.additionalLatencyMs], [1, 3, 200])
  alice.finish()
  assert.equal(
    qs.requests().queues[0]!.executing.map((r) => r.descriptor?.userName),
    ['bob'],
  )
  assert.is(qs.requests().queues[0]!.executing[0]!.startedAt, 1007)
})

listing('gives waiting requests virtual start and finish: each starts where the one ahead finishes', () => {
  const clock = fakeClock()
  const qs = setOf(oneQueue, 1, clock)
  dispatched(ask(qs, 'alice'))
  ask(qs, 'bob')
  ask(qs, 'carol', { initialSeats: 1, finalSeats: 1, additionalLatencyMs: 1000 })
  const [bob, carol] = qs.requests().queues[0]!.waiting
  assert.is(carol!.virtualStart, bob!.virtualFinish)
  assert.ok(Math.abs(bob!.virtualFinish! - bob!.virtualStart! - 0.003) < 1e-12)
  assert.ok(Math.abs(carol!.virtualFinish! - carol!.virtualStart! - 1.003) < 1e-12)
})

listing('lists a waiting request without descriptor (its place counts) but tracks no executing one', () => {
  const clock = fakeClock()
  const qs = setOf(oneQueue, 1, clock)
  const first = dispatched(ask(qs, undefined))
  ask(qs, undefined)
  ask(qs, 'bob')
  const [q] = qs.requests().queues
  assert.is(q!.executing.length, 0)
  assert.equal(
    q!.waiting.map((r) => r.descriptor?.userName),
    [undefined, 'bob'],
  )
  first.finish()
  assert.equal(
    qs.requests().queues[0]!.waiting.map((r) => r.descriptor?.userName),
    ['bob'],
  )
})

listing('an exempt or rejecting level runs its requests outside any queue until they finish', () => {
  const clock = fakeClock()
  for (const response of [{ _tag: 'Exempt' }, { _tag: 'Reject' }] as const) {
    const qs = setOf(response, 2, clock)
    const a = dispatched(ask(qs, 'alice'))
    assert.equal(qs.requests(), { queues: [], queueless: [qs.requests().queueless[0]!] })
    assert.is(qs.requests().queueless[0]!.descriptor?.userName, 'alice')
    a.finish()
    a.finish()
    assert.is(qs.requests().queueless.length, 0)
  }
})

listing('a request that times out or is cancelled leaves the listing', () => {
  const clock = fakeClock()
  const qs = setOf(oneQueue, 1, clock)
  dispatched(ask(qs, 'alice'))
  const bob = ask(qs, 'bob')
  qs.startRequest({ flowHash: hashFlowId('global-default', 'carol'), work: oneSeat, waitLimitMs: 5, descriptor: descriptor('carol') })
  clock.advance(5)
  assert.equal(
    qs.requests().queues[0]!.waiting.map((r) => r.descriptor?.userName),
    ['bob'],
  )
  if (bob._tag === 'Queued') bob.cancel()
  assert.is(qs.requests().queues[0]!.waiting.length, 0)
})

listing('the snapshot sums the waiting requests of each queue', () => {
  const clock = fakeClock()
  const qs = setOf(oneQueue, 1, clock)
  dispatched(ask(qs, 'alice'))
  ask(qs, 'bob', { initialSeats: 2, finalSeats: 3, additionalLatencyMs: 1000 })
  ask(qs, 'carol')
  const q = qs.snapshot().queues[0]!
  assert.equal([q.initialSeatsSum, q.maxSeatsSum], [3, 4])
  assert.ok(Math.abs(q.totalWorkSum - (2 * 0.003 + 3 + 0.003)) < 1e-12)
})

listing.run()
