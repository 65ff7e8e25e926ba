import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { Registry } from 'prom-client'
import { counterFamily, gaugeFamily, metricsHandler } from '../../src/metrics/index.js'
import { bodyText, makeRequest, statusOf } from '../support/request.js'
import { parseText } from '../support/scrape.js'

const handler = suite('metricsHandler')

handler('a GET scrapes in Prometheus text with prom-client’s content type; a DELETE resets (upstream MetricsWithReset)', async () => {
  const registry = new Registry()
  counterFamily(registry, { name: 'c_total', help: 'h', stability: 'STABLE', labelNames: [] }).child([]).value = 3
  const h = metricsHandler(registry)
  const got = await h(makeRequest('/metrics'))
  assert.is(statusOf(got), 200)
  assert.is(got.headers['content-type'], 'text/plain; version=0.0.4; charset=utf-8')
  assert.is(parseText(await bodyText(got))[0]?.metrics[0]?.value, '3')
  const reset = await h(makeRequest('/metrics', { method: 'DELETE' }))
  assert.is(await bodyText(reset), 'metrics reset\n')
  assert.equal(parseText(await bodyText(await h(makeRequest('/metrics'))))[0]?.metrics, [])
})

handler('not resettable (upstream DefaultMetrics, without profiling), a DELETE scrapes', async () => {
  const registry = new Registry()
  counterFamily(registry, { name: 'c_total', help: 'h', stability: 'STABLE', labelNames: [] }).child([]).value = 3
  const got = await metricsHandler(registry, false)(makeRequest('/metrics', { method: 'DELETE' }))
  assert.is(parseText(await bodyText(got))[0]?.metrics[0]?.value, '3')
})

handler('a reset leaves the process series alone, and detaches gauge cells a request still holds', async () => {
  const registry = new Registry()
  counterFamily(registry, { name: 'process_cpu_seconds_total', help: 'h', stability: 'STABLE', labelNames: [] }).child([]).value = 2
  const running = gaugeFamily(registry, { name: 'g_requests', help: 'h', stability: 'ALPHA', labelNames: ['verb'] })
  const held = running.child(['WATCH'])
  held.value += 1
  await metricsHandler(registry)(makeRequest('/metrics', { method: 'DELETE' }))
  held.value -= 1 // the watch that started before the reset ends after it
  const families = parseText(await registry.metrics())
  assert.is(families.find((f) => f.name === 'process_cpu_seconds_total')?.metrics[0]?.value, '2')
  assert.equal(families.find((f) => f.name === 'g_requests')?.metrics ?? [], [])
})

handler.run()
