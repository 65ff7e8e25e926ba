import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { newEventQueue } from '../../src/example-api/event-queue.js'

const queue = suite('newEventQueue')

queue('delivers queued and later chunks in order, then ends after close', async () => {
  let closed = 0
  const q = newEventQueue(() => closed++)
  q.push('a')
  const it = q.chunks[Symbol.asyncIterator]()
  assert.equal(await it.next(), { done: false, value: 'a' })
  const pending = it.next()
  q.push('b')
  assert.equal(await pending, { done: false, value: 'b' })
  q.push('c')
  q.close()
  q.close()
  q.push('ignored')
  assert.equal(await it.next(), { done: false, value: 'c' })
  assert.equal(await it.next(), { done: true, value: undefined })
  assert.is(closed, 1)
})

queue('a waiting reader ends when the queue closes', async () => {
  const q = newEventQueue(() => undefined)
  const pending = q.chunks[Symbol.asyncIterator]().next()
  q.close()
  assert.equal(await pending, { done: true, value: undefined })
})

queue('a consumer that stops early runs onClose', async () => {
  let closed = 0
  const q = newEventQueue(() => closed++)
  q.push('a')
  for await (const _ of q.chunks) break
  assert.is(closed, 1)
})

queue.run()
