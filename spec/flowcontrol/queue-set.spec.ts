import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { type FakeClock, fakeClock } from '../../src/core/fake-clock.js'
import type { Admission, Decision, Dispatched } from '../../src/flowcontrol/admission.js'
import { type LimitResponse, newQueueSet, type QueueSet } from '../../src/flowcontrol/queue-set.js'
import { hashFlowId } from '../../src/flowcontrol/shuffle-sharding.js'
import { oneSeat, type WorkEstimate } from '../../src/flowcontrol/work-estimate.js'

const queuing = (queues: number, handSize: number, queueLengthLimit: number): LimitResponse => ({
  _tag: 'Queue',
  queues,
  handSize,
  queueLengthLimit,
})

const setOf = (response: LimitResponse, limit: number, clock: FakeClock = fakeClock(), onSeatDemand?: (n: number) => void): QueueSet => {
  const qs = newQueueSet(response, limit, onSeatDemand === undefined ? { clock } : { clock, onSeatDemand })
  if (E.isLeft(qs)) throw new Error(qs.left)
  return qs.right
}

const flow = (name: string) => hashFlowId('fs', name)
const ask = (qs: QueueSet, name = 'a', work: WorkEstimate = oneSeat, waitLimitMs = 60_000, onDecided?: (d: Decision) => void): Admission =>
  qs.startRequest(
    onDecided === undefined ? { flowHash: flow(name), work, waitLimitMs } : { flowHash: flow(name), work, waitLimitMs, onDecided },
  )

const dispatched = (a: Admission): Dispatched => {
  if (a._tag !== 'Dispatched') throw new Error(`expected Dispatched, got ${JSON.stringify(a)}`)
  return a
}
const width = (seats: number): WorkEstimate => ({ initialSeats: seats, finalSeats: 0, additionalLatencyMs: 0 })

const admission = suite('newQueueSet: admission')

admission('refuses a queuing config shuffle sharding cannot deal', () => {
  assert.equal(newQueueSet(queuing(4, 5, 10), 1, { clock: fakeClock() }), E.left('handSize 5 is greater than deckSize 4'))
})

admission('an exempt level never queues nor rejects, whatever its limit', () => {
  const qs = setOf({ _tag: 'Exempt' }, 1)
  const tags = Array.from({ length: 50 }, () => ask(qs)._tag)
  assert.ok(tags.every((t) => t === 'Dispatched'))
  assert.equal([qs.snapshot().waiting, qs.snapshot().executing, qs.snapshot().seatsInUse], [0, 50, 50])
})

admission('a level whose limit is 0 (it lent every seat) runs one request at a time, not none (upstream)', () => {
  const qs = setOf(queuing(64, 6, 50), 0)
  const first = ask(qs, 'a')
  const second = ask(qs, 'b')
  assert.equal([first._tag, second._tag], ['Dispatched', 'Queued'])
  dispatched(first).finish()
  assert.equal([qs.snapshot().executing, qs.snapshot().waiting], [1, 0])
})

admission('a Reject level dispatches what fits and rejects the rest as concurrency-limit', () => {
  const qs = setOf({ _tag: 'Reject' }, 2)
  const [a, b, c] = [ask(qs), ask(qs), ask(qs)]
  assert.equal([a._tag, b._tag, c], ['Dispatched', 'Dispatched', { _tag: 'Rejected', reason: 'concurrency-limit' }])
  dispatched(a).finish()
  assert.is(ask(qs)._tag, 'Dispatched')
  assert.is(qs.snapshot().rejected['concurrency-limit'], 1)
})

admission('property: a full level rejects exactly the overflow as queue-full', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 6 }),
      fc.integer({ min: 1, max: 5 }),
      fc.integer({ min: 1, max: 4 }),
      fc.nat(12),
      (limit, qll, queues, extra) => {
        const qs = setOf(queuing(queues, queues, qll), limit) // every flow may use every queue
        const tags = Array.from({ length: limit + queues * qll + extra }, (_, i) => ask(qs, `u${i % 3}`)._tag)
        assert.is(tags.filter((t) => t === 'Dispatched').length, limit)
        assert.is(tags.filter((t) => t === 'Queued').length, queues * qll)
        assert.is(tags.filter((t) => t === 'Rejected').length, extra)
        assert.is(qs.snapshot().rejected['queue-full'], extra)
      },
    ),
  )
})

admission('a request waiting past its wait limit is rejected as time-out, and no earlier', async () => {
  const clock = fakeClock()
  const qs = setOf(queuing(8, 2, 10), 1, clock)
  const running = dispatched(ask(qs))
  let got: Decision | undefined
  const waiting = ask(qs, 'b', oneSeat, 100, (d) => (got = d))
  if (waiting._tag !== 'Queued') throw new Error('expected Queued')
  clock.advance(99)
  assert.equal([got, qs.snapshot().waiting], [undefined, 1])
  clock.advance(1)
  assert.equal(got, { _tag: 'Rejected', reason: 'time-out' })
  assert.equal(await waiting.decided, got)
  assert.equal([qs.snapshot().waiting, qs.snapshot().rejected['time-out']], [0, 1])
  running.finish()
  assert.is(qs.snapshot().executing, 0)
})

admission('a waiting request whose client goes away leaves as cancelled and is never dispatched', async () => {
  const clock = fakeClock()
  const qs = setOf(queuing(8, 2, 10), 1, clock)
  const running = dispatched(ask(qs))
  const waiting = ask(qs, 'b')
  if (waiting._tag !== 'Queued') throw new Error('expected Queued')
  waiting.cancel()
  running.finish()
  assert.equal(await waiting.decided, { _tag: 'Rejected', reason: 'cancelled' })
  assert.equal([qs.snapshot().executing, qs.snapshot().rejected.cancelled, qs.snapshot().dispatched], [0, 1, 1])
  assert.is(clock.pending(), 0) // its wait timer is gone too
})

admission('a queued request is dispatched when a seat frees, with the time it waited', async () => {
  const clock = fakeClock()
  const qs = setOf(queuing(8, 2, 10), 1, clock)
  const running = dispatched(ask(qs))
  const waiting = ask(qs, 'b')
  if (waiting._tag !== 'Queued') throw new Error('expected Queued')
  clock.advance(40)
  running.finish()
  running.finish() // a second finish gives nothing back twice
  const d = await waiting.decided
  assert.equal([d._tag, d._tag === 'Dispatched' && d.waitedMs], ['Dispatched', 40])
  assert.equal([qs.snapshot().executing, qs.snapshot().seatsInUse], [1, 1])
  assert.is(clock.pending(), 0) // its wait timer went with it
})

const seats = suite('newQueueSet: seats')

seats('a width-3 request waits until 3 seats are free', () => {
  const qs = setOf(queuing(8, 2, 10), 4)
  const narrow = [dispatched(ask(qs, 'a')), dispatched(ask(qs, 'b')), dispatched(ask(qs, 'c'))]
  let got: Decision | undefined
  assert.is(ask(qs, 'wide', width(3), 60_000, (d) => (got = d))._tag, 'Queued')
  narrow[0]!.finish()
  assert.is(got, undefined) // 2 free
  narrow[1]!.finish()
  assert.is(got?._tag, 'Dispatched') // 3 free
  assert.is(qs.snapshot().seatsInUse, 4)
})

seats('a request wider than the whole limit runs alone once nothing else runs', () => {
  const qs = setOf(queuing(8, 2, 10), 2)
  const first = dispatched(ask(qs))
  let got: Decision | undefined
  ask(qs, 'wide', width(5), 60_000, (d) => (got = d))
  assert.is(got, undefined)
  first.finish()
  assert.is(got?._tag, 'Dispatched')
  assert.is(qs.snapshot().seatsInUse, 5)
})

seats('final seats stay held for the additional latency after finish', () => {
  const clock = fakeClock()
  const demand: number[] = []
  const qs = setOf(queuing(8, 2, 10), 4, clock, (n) => demand.push(n))
  const write = dispatched(ask(qs, 'a', { initialSeats: 1, finalSeats: 3, additionalLatencyMs: 50 }))
  assert.is(qs.snapshot().seatsInUse, 3)
  write.finish()
  clock.advance(49)
  assert.is(qs.snapshot().seatsInUse, 3)
  clock.advance(1)
  assert.is(qs.snapshot().seatsInUse, 0)
  assert.equal(demand, [3, 3, 0])
})

seats('a wide request leaving the head of its queue lets the narrower one behind it run', () => {
  const qs = setOf(queuing(1, 1, 10), 4) // one queue: the narrow request waits behind the wide one
  dispatched(ask(qs, 'a'))
  dispatched(ask(qs, 'b'))
  const wide = ask(qs, 'c', width(3))
  let narrow: Decision | undefined
  assert.is(ask(qs, 'd', oneSeat, 60_000, (d) => (narrow = d))._tag, 'Queued')
  if (wide._tag !== 'Queued') throw new Error('expected Queued')
  wide.cancel()
  assert.is(narrow?._tag, 'Dispatched')
})

seats('final seats above the limit are cut to it at dispatch and held longer, keeping the same work', () => {
  const clock = fakeClock()
  const qs = setOf(queuing(8, 2, 10), 2, clock)
  const write = dispatched(ask(qs, 'a', { initialSeats: 1, finalSeats: 4, additionalLatencyMs: 10 }))
  assert.is(qs.snapshot().seatsInUse, 2)
  write.finish()
  clock.advance(19)
  assert.is(qs.snapshot().seatsInUse, 2)
  clock.advance(1)
  assert.is(qs.snapshot().seatsInUse, 0)
})

seats('raising the concurrency limit dispatches what now fits', () => {
  const qs = setOf(queuing(8, 2, 10), 1)
  const got: Decision[] = []
  const first = ask(qs, 'a')
  for (const name of ['b', 'c', 'd']) ask(qs, name, oneSeat, 60_000, (d) => got.push(d))
  qs.setConcurrencyLimit(3)
  assert.is(first._tag, 'Dispatched')
  assert.equal(
    got.map((d) => d._tag),
    ['Dispatched', 'Dispatched'],
  )
  assert.equal([qs.snapshot().waiting, qs.snapshot().concurrencyLimit], [1, 3])
})

const order = suite('newQueueSet: order')

order('one flow is served first in, first out', () => {
  const qs = setOf(queuing(1, 1, 10), 1)
  const first = dispatched(ask(qs))
  const served: number[] = []
  for (let i = 0; i < 4; i++) ask(qs, 'a', oneSeat, 60_000, (d) => d._tag === 'Dispatched' && (served.push(i), d.finish()))
  first.finish()
  assert.equal(served, [0, 1, 2, 3])
})

order('a light flow is served within one round of the queues, not after the heavy backlog', () => {
  const clock = fakeClock()
  const qs = setOf(queuing(64, 6, 50), 1, clock)
  const log: string[] = []
  const run = (name: string) => (d: Decision) => {
    if (d._tag !== 'Dispatched') return
    log.push(name)
    clock.setTimer(d.finish, 100)
  }
  const submit = (name: string) => {
    const a = ask(qs, name, oneSeat, 60_000, run(name))
    if (a._tag !== 'Queued') run(name)(a)
  }
  for (let i = 0; i < 20; i++) submit('heavy')
  clock.advance(50)
  submit('light')
  clock.advance(1_000)
  // heavy's 19 waiting requests sit in its hand of 6 queues, and each queue gets one turn before any gets a
  // second: light follows the running request and at most one turn of each of heavy's other 5 queues
  const at = log.indexOf('light')
  assert.ok(at >= 1 && at <= 6, `light was dispatched at ${at} of ${log.join(',')}`)
})

order('queues whose next requests finish at the same virtual time take turns', () => {
  const qs = setOf(queuing(64, 1, 10), 1)
  const served: string[] = []
  const first = dispatched(ask(qs, 'a'))
  // zero service time: every queue's virtual start stays where it was, so only the round-robin breaks ties
  const serveAndFinish = (name: string) => (d: Decision) => d._tag === 'Dispatched' && (served.push(name), d.finish())
  for (let i = 0; i < 3; i++) for (const name of ['a', 'b']) ask(qs, name, oneSeat, 60_000, serveAndFinish(name))
  first.finish()
  // the scan starts after the queue last served, so b goes before a's second request
  assert.equal(served, ['b', 'a', 'b', 'a', 'b', 'a'])
})

admission.run()
seats.run()
order.run()
