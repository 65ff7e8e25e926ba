import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { newSliMetrics } from '../../src/metrics/index.js'
import { parseText, scrapeSamples, seriesKey, seriesValues } from '../support/scrape.js'

const slis = suite('newSliMetrics')

slis('a check’s gauge follows its last result and its counter counts each result, as upstream ObserveHealthcheck', async () => {
  const m = newSliMetrics(undefined, 1_700_000_000)
  m.observe('etcd', 'readyz', true)
  m.observe('etcd', 'readyz', true)
  m.observe('etcd', 'readyz', false)
  const got = seriesValues(await scrapeSamples(m.registry), '')
  assert.is(got.get(seriesKey('kubernetes_healthcheck', { name: 'etcd', type: 'readyz' })), 0)
  assert.is(got.get(seriesKey('kubernetes_healthchecks_total', { name: 'etcd', status: 'success', type: 'readyz' })), 2)
  assert.is(got.get(seriesKey('kubernetes_healthchecks_total', { name: 'etcd', status: 'error', type: 'readyz' })), 1)
  assert.is(got.get(seriesKey('process_start_time_seconds')), 1_700_000_000)
  const help = parseText(await m.registry.metrics()).map((f) => [f.name, f.help, f.type])
  assert.equal(help.slice(0, 2), [
    ['kubernetes_healthcheck', '[STABLE] This metric records the result of a single healthcheck.', 'GAUGE'],
    ['kubernetes_healthchecks_total', '[STABLE] This metric records the results of all healthcheck.', 'COUNTER'],
  ])
})

slis.run()
