import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { encodeEvent } from '../../src/audit/encode-event.js'
import { truncateBackend, truncateDefaults, truncatedAnnotation } from '../../src/audit/truncate-backend.js'
import { recordingLogger } from '../../src/core/index.js'
import { memoryBackend, sampleEvent } from './fixtures.js'

const size = (e: Parameters<typeof encodeEvent>[0]) => Buffer.byteLength(encodeEvent(e))
const base = size(sampleEvent('e0'))

const Truncate = suite('truncateBackend')

Truncate('has upstream defaults: 100 KiB events, 10 MiB batches', () => {
  assert.equal(truncateDefaults, { maxEventSize: 102400, maxBatchSize: 10485760 })
})

Truncate('passes events that fit unchanged', () => {
  const mem = memoryBackend()
  const e = sampleEvent('e0')
  assert.is(truncateBackend({ maxEventSize: base, maxBatchSize: 1e9 }, mem.backend, { log: () => undefined }).processEvents([e]), true)
  assert.is(mem.events[0], e)
})

Truncate('an oversized event loses its objects and is annotated audit.k8s.io/truncated: "true"', () => {
  const mem = memoryBackend()
  const big = sampleEvent('e0', {
    level: 'RequestResponse',
    requestObject: { data: 'x'.repeat(500) },
    responseObject: { data: 'y'.repeat(500) },
    annotations: { a: 'b' },
  })
  truncateBackend({ maxEventSize: base + 200, maxBatchSize: 1e9 }, mem.backend, { log: () => undefined }).processEvents([big])
  const out = mem.events[0]
  assert.is(out?.requestObject, undefined)
  assert.is(out?.responseObject, undefined)
  assert.equal(out?.annotations, { a: 'b', [truncatedAnnotation]: 'true' })
  assert.is(out?.auditID, 'e0')
})

Truncate('an event still too large is dropped, logged and counted with what its delegate lost', () => {
  const mem = memoryBackend()
  const logger = recordingLogger()
  const huge = sampleEvent('e0', { requestURI: `/${'z'.repeat(1000)}`, requestObject: { a: 1 } })
  const backend = truncateBackend(
    { maxEventSize: base + 100, maxBatchSize: 1e9 },
    { ...mem.backend, droppedEvents: () => 2 },
    { log: logger.log },
  )
  assert.is(backend.droppedEvents?.(), 2)
  assert.is(backend.processEvents([huge, sampleEvent('e1')]), true)
  assert.equal(
    mem.events.map((e) => e.auditID),
    ['e1'],
  )
  assert.equal(
    logger.entries.map((e) => e.msg),
    ['audit event is too large and was dropped'],
  )
  assert.is(backend.droppedEvents?.(), 3)
})

Truncate('splits events into batches of at most maxBatchSize bytes', () => {
  const mem = memoryBackend()
  const events = Array.from({ length: 5 }, (_, i) => sampleEvent(`e${i}`))
  truncateBackend({ maxEventSize: base, maxBatchSize: 2 * base + 1 }, mem.backend, { log: () => undefined }).processEvents(events)
  assert.equal(
    mem.batches.map((b) => b.length),
    [2, 2, 1],
  )
  assert.equal(
    mem.events.map((e) => e.auditID),
    ['e0', 'e1', 'e2', 'e3', 'e4'],
  )
})

Truncate('reports failure when any delegate call failed', () => {
  const mem = memoryBackend({ fail: true })
  assert.is(truncateBackend(truncateDefaults, mem.backend, { log: () => undefined }).processEvents([sampleEvent('a')]), false)
})

Truncate.run()
