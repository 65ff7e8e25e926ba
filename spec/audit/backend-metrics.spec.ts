import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { Registry } from 'prom-client'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { withAuditMode } from '../../src/audit/backend-mode.js'
import { batchDefaults, bufferedBackend } from '../../src/audit/buffered-backend.js'
import { dropReporter } from '../../src/audit/drop-reporter.js'
import { logBackend, logBackendDefaults } from '../../src/audit/log-backend.js'
import { truncateBackend, truncateDefaults } from '../../src/audit/truncate-backend.js'
import { fakeClock, recordingLogger } from '../../src/core/index.js'
import { auditMetrics } from '../../src/metrics/audit-metrics.js'
import { scrape, seriesOf } from '../metrics/scrape.js'
import { memoryBackend, sampleEvent } from './fixtures.js'

const deps = () => ({ clock: fakeClock(0), log: recordingLogger().log })
const errors = async (registry: Registry) => seriesOf(await scrape(registry), 'apiserver_audit_error_total')

const s = suite('audit backends with metrics')

s("the log backend counts each event a failed write lost as plugin 'log'", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubechain-audit-metrics-'))
  try {
    const registry = new Registry()
    const backend = logBackend({ ...logBackendDefaults, path: dir }, deps(), auditMetrics(registry)) // a directory: writes fail
    assert.is(backend.processEvents([sampleEvent('a'), sampleEvent('b')]), false)
    assert.equal(await errors(registry), ['{"plugin":"log"} 2'])
    const ok = logBackend({ ...logBackendDefaults, path: path.join(dir, 'audit.log') }, deps(), auditMetrics(new Registry()))
    assert.is(ok.processEvents([sampleEvent('c')]), true)
    await backend.shutdown()
    await ok.shutdown()
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
})

s("the buffered backend counts a full buffer and events after shutdown as plugin 'buffered'", async () => {
  const registry = new Registry()
  const mem = memoryBackend()
  const cfg = { ...batchDefaults, throttleEnable: false, bufferSize: 2, maxBatchSize: 10 }
  const backend = bufferedBackend(cfg, mem.backend, deps(), auditMetrics(registry))
  backend.processEvents([sampleEvent('a'), sampleEvent('b'), sampleEvent('c')])
  assert.equal(await errors(registry), ['{"plugin":"buffered"} 1'])
  await backend.shutdown()
  backend.processEvents([sampleEvent('d'), sampleEvent('e')])
  assert.equal(await errors(registry), ['{"plugin":"buffered"} 3'])
  assert.is(mem.events.length, 2)
})

s('batch mode hands its metrics to the buffered backend; blocking modes add none of their own', async () => {
  const registry = new Registry()
  const metrics = auditMetrics(registry)
  const cfg = { ...batchDefaults, throttleEnable: false, bufferSize: 0 }
  withAuditMode('batch', memoryBackend().backend, cfg, deps(), metrics).processEvents([sampleEvent('a')])
  withAuditMode('blocking', memoryBackend({ fail: true }).backend, cfg, deps(), metrics).processEvents([sampleEvent('b')])
  assert.equal(await errors(registry), ['{"plugin":"buffered"} 1'])
})

s("the truncate backend counts an event too large even without its objects as plugin 'truncate'", async () => {
  const registry = new Registry()
  const mem = memoryBackend()
  const backend = truncateBackend(
    { ...truncateDefaults, maxEventSize: 600 },
    mem.backend,
    { log: recordingLogger().log },
    auditMetrics(registry),
  )
  const huge = sampleEvent('huge', { annotations: { blob: 'x'.repeat(2000) } })
  backend.processEvents([sampleEvent('small'), huge])
  assert.equal(
    mem.events.map((e) => e.auditID),
    ['small'],
  )
  assert.equal(await errors(registry), ['{"plugin":"truncate"} 1'])
})

s('dropReporter hands each loss its size, at once, whatever the log interval holds back', () => {
  const sizes: number[] = []
  const r = dropReporter('lost', 'x', deps(), (n) => void sizes.push(n))
  r.drop([sampleEvent('a'), sampleEvent('b')])
  r.drop([sampleEvent('c')])
  assert.equal(sizes, [2, 1])
  assert.is(r.count(), 3)
})

s.run()
