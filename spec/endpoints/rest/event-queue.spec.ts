import type * as t from 'io-ts'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { type CloseCause, type WatchBounds, newEventQueue } from '../../../src/endpoints/rest/event-queue.js'

const bounds = (maxEvents: number, maxBytes: number): WatchBounds => ({ maxEvents: maxEvents as t.Int, maxBytes: maxBytes as t.Int })
const roomy = bounds(100, 1 << 20)
const b = (s: string): Uint8Array => Buffer.from(s)

/** A queue that records every onClose call. */
const recorded = (limits: WatchBounds = roomy) => {
  const causes: CloseCause[] = []
  const q = newEventQueue(limits, (c) => void causes.push(c))
  return { q, causes, it: q.chunks[Symbol.asyncIterator]() }
}

/** Reads what is queued right now, as text, until the queue would wait or ends. */
const drain = async (it: AsyncIterator<Uint8Array>, n: number): Promise<string[]> => {
  const out: string[] = []
  for (let i = 0; i < n; i++) {
    const r = await it.next()
    out.push(r.done === true ? '<end>' : Buffer.from(r.value).toString())
    if (r.done === true) break
  }
  return out
}

const queue = suite('newEventQueue')

queue('delivers primed then live chunks in order, then ends after close', async () => {
  const { q, causes, it } = recorded()
  q.prime(b('a'))
  q.push(b('b'))
  assert.equal(await drain(it, 2), ['a', 'b'])
  const pending = it.next()
  q.push(b('c'))
  assert.is(Buffer.from((await pending).value as Uint8Array).toString(), 'c')
  q.push(b('d'))
  q.close()
  q.close()
  assert.is(q.push(b('ignored')), false)
  assert.equal(await drain(it, 3), ['d', '<end>'])
  assert.equal(causes, [{ _tag: 'Closed' }])
})

queue('a waiting reader ends when the queue closes', async () => {
  const { q, it } = recorded()
  const pending = it.next()
  q.close()
  assert.equal(await pending, { done: true, value: undefined })
})

queue('a consumer that stops early runs onClose once', async () => {
  const { q, causes } = recorded()
  q.push(b('a'))
  for await (const _ of q.chunks) break
  q.close()
  assert.equal(causes, [{ _tag: 'Closed' }])
})

queue('a push past maxEvents drops what is queued, closes with Overflow once, and ends the reader', async () => {
  const { q, causes, it } = recorded(bounds(2, 1 << 20))
  assert.ok(q.push(b('a')))
  assert.ok(q.push(b('bb')))
  assert.is(q.push(b('c')), false)
  assert.is(q.push(b('d')), false)
  q.close()
  assert.equal(causes, [{ _tag: 'Overflow', queuedEvents: 2, queuedBytes: 3 }])
  assert.equal(await drain(it, 2), ['<end>'])
})

queue('a push past maxBytes overflows even under maxEvents', async () => {
  const { q, causes, it } = recorded(bounds(100, 10))
  assert.ok(q.push(b('123456')))
  assert.ok(q.push(b('7890')))
  assert.is(q.push(b('x')), false)
  assert.equal(causes, [{ _tag: 'Overflow', queuedEvents: 2, queuedBytes: 10 }])
  assert.equal(await drain(it, 1), ['<end>'])
})

queue('an event larger than maxBytes enters a queue without live events', async () => {
  const { q, causes, it } = recorded(bounds(100, 4))
  assert.ok(q.push(b('0123456789')))
  assert.equal(await drain(it, 1), ['0123456789'])
  assert.ok(q.push(b('abcdefghij')))
  assert.is(q.push(b('k')), false)
  assert.is(causes[0]?._tag, 'Overflow')
})

queue('reading makes room again', async () => {
  const { q, causes, it } = recorded(bounds(1, 3))
  for (const s of ['abc', 'def', 'ghi']) {
    assert.ok(q.push(b(s)))
    assert.equal(await drain(it, 1), [s])
  }
  assert.equal(causes, [])
})

queue('primed chunks and chunks handed to a waiting reader are not counted', async () => {
  const { q, causes, it } = recorded(bounds(1, 1))
  const pending = it.next()
  assert.ok(q.push(b('handed')))
  assert.is(Buffer.from((await pending).value as Uint8Array).toString(), 'handed')
  for (const s of ['p1', 'p2', 'p3']) q.prime(b(s))
  assert.ok(q.push(b('live')))
  assert.equal(causes, [])
  assert.is(q.push(b('more')), false)
  assert.equal(causes, [{ _tag: 'Overflow', queuedEvents: 1, queuedBytes: 4 }])
})

queue.run()
