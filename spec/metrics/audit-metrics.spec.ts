import { Registry } from 'prom-client'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { auditMetricHelp, auditMetrics, noAuditMetrics } from '../../src/metrics/audit-metrics.js'
import { scrape, seriesOf, valueOf } from './scrape.js'

const s = suite('auditMetrics')

s("registers upstream's four series: the plain counters at 0 from the start, the labelled ones empty", async () => {
  const registry = new Registry()
  auditMetrics(registry)
  const families = await scrape(registry)
  assert.equal(
    families.map((f) => [f.name, f.type, f.help, f.metrics.map((m) => m.value)]),
    [
      ['apiserver_audit_event_total', 'COUNTER', auditMetricHelp.event, ['0']],
      ['apiserver_audit_error_total', 'COUNTER', auditMetricHelp.error, []],
      ['apiserver_audit_level_total', 'COUNTER', auditMetricHelp.level, []],
      ['apiserver_audit_requests_rejected_total', 'COUNTER', auditMetricHelp.requestsRejected, ['0']],
    ],
  )
  assert.is(auditMetricHelp.event, '[ALPHA] Counter of audit events generated and sent to the audit backend.')
})

s('events, levels, rejected requests and plugin errors each move their own series', async () => {
  const registry = new Registry()
  const m = auditMetrics(registry)
  m.event()
  m.event()
  m.level('None')
  m.level('Metadata')
  m.level('Metadata')
  m.level('Custom')
  m.requestRejected()
  const log = m.pluginErrors('log')
  log(3)
  log(0)
  m.pluginErrors('buffered')(1)
  const families = await scrape(registry)
  assert.is(valueOf(families, 'apiserver_audit_event_total'), 2)
  assert.is(valueOf(families, 'apiserver_audit_requests_rejected_total'), 1)
  assert.equal(seriesOf(families, 'apiserver_audit_level_total'), ['{"level":"Custom"} 1', '{"level":"Metadata"} 2', '{"level":"None"} 1'])
  assert.equal(seriesOf(families, 'apiserver_audit_error_total'), ['{"plugin":"buffered"} 1', '{"plugin":"log"} 3'])
})

s('a plugin whose errors are all zero-sized shows no series', async () => {
  const registry = new Registry()
  auditMetrics(registry).pluginErrors('truncate')(0)
  assert.equal(seriesOf(await scrape(registry), 'apiserver_audit_error_total'), [])
})

s('noAuditMetrics records nothing and throws nothing', () => {
  noAuditMetrics.event()
  noAuditMetrics.level('None')
  noAuditMetrics.requestRejected()
  assert.is(noAuditMetrics.pluginErrors('log')(5), undefined)
})

s.run()
