import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { withAuditMode } from '../../src/audit/backend-mode.js'
import { batchDefaults } from '../../src/audit/buffered-backend.js'
import { fakeClock } from '../../src/core/index.js'
import { memoryBackend, sampleEvent } from './fixtures.js'

const deps = { clock: fakeClock(0), log: () => undefined }

const Mode = suite('withAuditMode')

Mode('blocking writes synchronously and always reports success', async () => {
  const mem = memoryBackend({ fail: true })
  const backend = withAuditMode('blocking', mem.backend, batchDefaults, deps)
  assert.is(backend.processEvents([sampleEvent('a')]), true)
  assert.is(mem.events.length, 1)
  await backend.shutdown()
  assert.is(mem.shutdowns(), 1)
})

Mode('blocking-strict writes synchronously and reports failures', () => {
  const mem = memoryBackend({ fail: true })
  assert.is(withAuditMode('blocking-strict', mem.backend, batchDefaults, deps).processEvents([sampleEvent('a')]), false)
  assert.is(mem.events.length, 1)
})

Mode('batch buffers until the batch is full or shutdown', async () => {
  const mem = memoryBackend({ fail: true })
  const backend = withAuditMode('batch', mem.backend, batchDefaults, deps)
  assert.is(backend.processEvents([sampleEvent('a')]), true)
  assert.is(mem.events.length, 0)
  await backend.shutdown()
  assert.is(mem.events.length, 1)
})

Mode('blocking passes on what its delegate counts as dropped; batch adds its own drops to it', () => {
  const mem = memoryBackend()
  const counting = { ...mem.backend, droppedEvents: () => 3 }
  assert.is(withAuditMode('blocking', counting, batchDefaults, deps).droppedEvents?.(), 3)
  assert.is(withAuditMode('blocking', mem.backend, batchDefaults, deps).droppedEvents, undefined)
  const batch = withAuditMode('batch', counting, { ...batchDefaults, bufferSize: 1 }, deps)
  batch.processEvents([sampleEvent('a'), sampleEvent('b')])
  assert.is(batch.droppedEvents?.(), 4)
})

Mode.run()
