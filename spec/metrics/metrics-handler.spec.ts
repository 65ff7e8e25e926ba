import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { Registry } from 'prom-client'
import { counterFamily, metricsHandler } from '../../src/metrics/index.js'
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

handler.run()
