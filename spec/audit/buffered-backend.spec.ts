import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { type BatchConfig, batchDefaults, bufferedBackend, logBatchDefaults } from '../../src/audit/buffered-backend.js'
import fc from 'fast-check'
import { dropLogIntervalMs } from '../../src/audit/drop-reporter.js'
import type { AuditEvent } from '../../src/audit/event.js'
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
  assert.equal(batchDefaults, {
    bufferSize: 10000,
    maxBatchSize: 400,
    maxBatchWaitMs: 30000,
    throttleEnable: true,
    throttleQPS: 10,
    throttleBurst: 15,
  })
  assert.equal(logBatchDefaults, {
    bufferSize: 10000,
    maxBatchSize: 1,
    maxBatchWaitMs: 0,
    throttleEnable: false,
    throttleQPS: 0,
    throttleBurst: 0,
  })
})

Buffered('sends a batch as soon as it is full, in order', () => {
  const { mem, backend } = setup({ maxBatchSize: 3 })
  assert.is(backend.processEvents(ids(2)), true)
  assert.equal(mem.batches, [])
  backend.processEvents(ids(5, 2))
  assert.equal(sizes(mem.batches), [3, 3])
  assert.equal(
    mem.events.map((e) => e.auditID),
    ['e0', 'e1', 'e2', 'e3', 'e4', 'e5'],
  )
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
  assert.equal(
    logger.entries.map((e) => [e.msg, e.fields?.['auditID']]),
    [['audit buffer queue blocked', 'e2']],
  )
  clock.advance(30000)
  assert.equal(
    mem.events.map((e) => e.auditID),
    ['e0', 'e1'],
  )
})

Buffered('shutdown sends everything queued or waiting for the throttle, then shuts the delegate down once', async () => {
  const { mem, backend, clock } = setup({ maxBatchSize: 2, throttleEnable: true, throttleQPS: 1, throttleBurst: 1 })
  backend.processEvents(ids(7))
  assert.equal(sizes(mem.batches), [2])
  await Promise.all([backend.shutdown(), backend.shutdown()])
  assert.equal(
    mem.events.map((e) => e.auditID),
    ['e0', 'e1', 'e2', 'e3', 'e4', 'e5', 'e6'],
  )
  assert.equal(sizes(mem.batches), [2, 2, 2, 1])
  assert.is(mem.shutdowns(), 1)
  assert.is(clock.pending(), 0)
})

Buffered('events after shutdown began are reported and not processed', async () => {
  const { mem, backend, logger } = setup()
  await backend.shutdown()
  assert.is(backend.processEvents(ids(1)), true)
  assert.equal(mem.events, [])
  assert.equal(
    logger.entries.map((e) => e.msg),
    ['audit backend shut down'],
  )
})

Buffered('a throwing delegate is logged and does not stop later batches', () => {
  const clock = fakeClock(0)
  const logger = recordingLogger()
  let calls = 0
  const backend = bufferedBackend(
    { ...batchDefaults, maxBatchSize: 1, throttleEnable: false },
    {
      name: 'bad',
      processEvents: () => {
        calls++
        if (calls === 1) throw new Error('disk on fire')
        return true
      },
      shutdown: () => Promise.resolve(),
    },
    { clock, log: logger.log },
  )
  backend.processEvents(ids(2))
  assert.is(calls, 2)
  assert.equal(
    logger.entries.map((e) => e.msg),
    ['audit backend failed to process events'],
  )
  assert.is(backend.name, 'buffered<bad>')
})

const dropLines = (entries: ReadonlyArray<{ msg: string; fields?: Readonly<Record<string, unknown>> }>) =>
  entries.map((e) => [e.msg, e.fields?.['dropped'], e.fields?.['droppedTotal'], e.fields?.['auditID']])

Buffered('a full buffer is counted, and logged at once then at most once a second with the sum, never silently', () => {
  const { backend, logger, clock } = setup({ bufferSize: 2, maxBatchSize: 100 })
  backend.processEvents(ids(5))
  assert.is(backend.droppedEvents?.(), 3)
  assert.equal(
    dropLines(logger.entries),
    [['audit buffer queue blocked', 1, 1, 'e2']],
    'the first drop is logged at once, the next two wait',
  )
  clock.advance(dropLogIntervalMs - 1)
  assert.is(logger.entries.length, 1)
  clock.advance(1)
  assert.equal(dropLines(logger.entries).slice(1), [['audit buffer queue blocked', 2, 3, 'e3']])
  clock.advance(5 * dropLogIntervalMs)
  backend.processEvents(ids(1, 5))
  assert.equal(
    dropLines(logger.entries).slice(2),
    [['audit buffer queue blocked', 1, 4, 'e5']],
    'a drop after a quiet second is logged at once',
  )
  assert.is(backend.droppedEvents?.(), 4)
})

Buffered('shutdown logs the drops not logged yet, and drops after shutdown are counted too', async () => {
  const { backend, logger } = setup({ bufferSize: 1, maxBatchSize: 100 })
  backend.processEvents(ids(3))
  assert.is(logger.entries.length, 1)
  await backend.shutdown()
  assert.equal(dropLines(logger.entries), [
    ['audit buffer queue blocked', 1, 1, 'e1'],
    ['audit buffer queue blocked', 1, 2, 'e2'],
  ])
  backend.processEvents(ids(2, 3))
  assert.is(backend.droppedEvents?.(), 4)
  assert.equal(dropLines(logger.entries).slice(2), [['audit backend shut down', 1, 1, 'e3']])
})

Buffered('counts what its delegate lost too', () => {
  const { mem } = setup()
  const backend = bufferedBackend(batchDefaults, { ...mem.backend, droppedEvents: () => 7 }, { clock: fakeClock(0), log: () => undefined })
  assert.is(backend.droppedEvents?.(), 7)
})

// The audit step gives a request's last event before the wait group releases the request, so nothing of a
// drained server comes after shutdown; spec/e2e/graceful-stop-audit.spec.ts proves it under load.
Buffered(
  'shutdown stops taking events at once: what was queued is sent, an event given after the call is dropped and counted',
  async () => {
    const { mem, backend } = setup({ maxBatchSize: 100 })
    backend.processEvents(ids(1))
    const stopping = backend.shutdown()
    backend.processEvents(ids(1, 1))
    await stopping
    assert.equal(
      mem.events.map((e) => e.auditID),
      ['e0'],
    )
    assert.is(backend.droppedEvents?.(), 1)
  },
)

// What a SIGKILL can lose is what the backend holds and has not handed to its delegate. With the
// throttle off that is a partial batch: fewer than maxBatchSize events, none older than maxBatchWait.
const arbStep = fc.oneof(fc.record({ events: fc.integer({ min: 1, max: 7 }) }), fc.record({ advance: fc.integer({ min: 0, max: 120 }) }))

Buffered('unthrottled, it holds back fewer than maxBatchSize events, none older than maxBatchWait; log defaults hold back none', () => {
  fc.assert(
    fc.property(
      fc.boolean(),
      fc.integer({ min: 1, max: 6 }),
      fc.integer({ min: 0, max: 100 }),
      fc.array(arbStep, { maxLength: 30 }),
      (logDefaults, size, waitMs, steps) => {
        const cfg: BatchConfig = logDefaults
          ? logBatchDefaults
          : { ...batchDefaults, throttleEnable: false, maxBatchSize: size, maxBatchWaitMs: waitMs }
        const { mem, backend, clock } = setup(cfg)
        const given: Array<{ e: AuditEvent; at: number }> = []
        for (const step of steps) {
          if ('events' in step) {
            const evs = ids(step.events, given.length)
            for (const e of evs) given.push({ e, at: clock.now() })
            backend.processEvents(evs)
          } else clock.advance(step.advance)
          const held = given.slice(mem.events.length)
          assert.equal(
            mem.events,
            given.slice(0, mem.events.length).map((g) => g.e),
            'delivered in order',
          )
          assert.ok(held.length < cfg.maxBatchSize || held.length === 0, `holds ${held.length} with batches of ${cfg.maxBatchSize}`)
          assert.ok(
            held.every((g) => clock.now() - g.at < Math.max(cfg.maxBatchWaitMs, 1)),
            'nothing held as long as maxBatchWait',
          )
          if (logDefaults) assert.is(held.length, 0)
        }
      },
    ),
    { numRuns: 300 },
  )
})

Buffered.run()
