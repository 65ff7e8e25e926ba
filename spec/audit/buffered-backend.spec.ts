import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { type BatchConfig, batchDefaults, bufferedBackend, logBatchDefaults } from '../../src/audit/buffered-backend.js'
import { fakeClock, recordingLogger } from '../../src/core/index.js'
import { memoryBackend, sampleEvent } from './fixtures.js'

const setup = (cfg: Partial<BatchConfig> = {}) => {
  const clock = fakeClock(0)
  const logger = recordingLogger()
  const mem = memoryBackend()
  const backend = bufferedBackend({ ...batchDefaults, throttleEnable: false, ...cfg }, mem.backend, { clock, log: logger.log })
  return { clock, logger, mem, backend }
}
const ids = (n: number, from = 0) => Array.from({ length: n }, (_, i) => sampleEvent(`e${from + i}`))
const sizes = (batches: ReadonlyArray<ReadonlyArray<unknown>>) => batches.map((b) => b.length)

const Buffered = suite('bufferedBackend')

Buffered('has upstream defaults: buffer 10000, batch 400, 30 s, throttle 10 QPS burst 15; log batches of 1 unthrottled', () => {
  assert.equal(batchDefaults, { bufferSize: 10000, maxBatchSize: 400, maxBatchWaitMs: 30000, throttleEnable: true, throttleQPS: 10, throttleBurst: 15 })
  assert.is(logBatchDefaults.maxBatchSize, 1)
  assert.is(logBatchDefaults.throttleEnable, false)
})

Buffered('sends a batch as soon as it is full, in order', () => {
  const { mem, backend } = setup({ maxBatchSize: 3 })
  assert.is(backend.processEvents(ids(2)), true)
  assert.equal(mem.batches, [])
  backend.processEvents(ids(5, 2))
  assert.equal(sizes(mem.batches), [3, 3])
  assert.equal(mem.events.map((e) => e.auditID), ['e0', 'e1', 'e2', 'e3', 'e4', 'e5'])
})

Buffered('sends a partial batch maxBatchWait after its first event', () => {
  const { mem, backend, clock } = setup({ maxBatchSize: 10, maxBatchWaitMs: 1000 })
  backend.processEvents(ids(1))
  clock.advance(600)
  backend.processEvents(ids(2, 1))
  clock.advance(399)
  assert.equal(mem.batches, [])
  clock.advance(1)
  assert.equal(sizes(mem.batches), [3])
  assert.is(clock.pending(), 0)
})

Buffered('throttles batches with a token bucket: burst at once, then one per 1/QPS', () => {
  const { mem, backend, clock } = setup({ maxBatchSize: 1, throttleEnable: true, throttleQPS: 10, throttleBurst: 2 })
  backend.processEvents(ids(5))
  assert.equal(sizes(mem.batches), [1, 1])
  clock.advance(99)
  assert.is(mem.batches.length, 2)
  clock.advance(1)
  assert.is(mem.batches.length, 3)
  clock.advance(200)
  assert.is(mem.batches.length, 5)
})

Buffered('drops events when the buffer is full and says so, still reporting success', () => {
  const { mem, backend, logger, clock } = setup({ bufferSize: 2, maxBatchSize: 10 })
  assert.is(backend.processEvents(ids(3)), true)
  assert.equal(logger.entries.map((e) => [e.msg, e.fields?.['auditID']]), [['audit buffer queue blocked', 'e2']])
  clock.advance(30000)
  assert.equal(mem.events.map((e) => e.auditID), ['e0', 'e1'])
})

Buffered('shutdown sends everything queued or waiting for the throttle, then shuts the delegate down once', async () => {
  const { mem, backend, clock } = setup({ maxBatchSize: 2, throttleEnable: true, throttleQPS: 1, throttleBurst: 1 })
  backend.processEvents(ids(7))
  assert.equal(sizes(mem.batches), [2])
  await Promise.all([backend.shutdown(), backend.shutdown()])
  assert.equal(mem.events.map((e) => e.auditID), ['e0', 'e1', 'e2', 'e3', 'e4', 'e5', 'e6'])
  assert.equal(sizes(mem.batches), [2, 2, 2, 1])
  assert.is(mem.shutdowns(), 1)
  assert.is(clock.pending(), 0)
})

Buffered('events after shutdown began are reported and not processed', async () => {
  const { mem, backend, logger } = setup()
  await backend.shutdown()
  assert.is(backend.processEvents(ids(1)), true)
  assert.equal(mem.events, [])
  assert.equal(logger.entries.map((e) => e.msg), ['audit backend shut down'])
})

Buffered('a throwing delegate is logged and does not stop later batches', () => {
  const clock = fakeClock(0)
  const logger = recordingLogger()
  let calls = 0
  const backend = bufferedBackend({ ...batchDefaults, maxBatchSize: 1, throttleEnable: false }, {
    name: 'bad',
    processEvents: () => {
      calls++
      if (calls === 1) throw new Error('disk on fire')
      return true
    },
    shutdown: () => Promise.resolve(),
  }, { clock, log: logger.log })
  backend.processEvents(ids(2))
  assert.is(calls, 2)
  assert.equal(logger.entries.map((e) => e.msg), ['audit backend failed to process events'])
  assert.is(backend.name, 'buffered<bad>')
})

Buffered.run()
