import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { constant, empty, setHeader, text, toResponse, unauthorized } from '../../src/core/index.js'
import { cacheControlStep, withCacheControl } from '../../src/filters/with-cache-control.js'
import { makeRequest, run } from '../support/request.js'

const filter = suite('withCacheControl')

filter('sets Cache-Control: no-cache, private on every path and on errors', async () => {
  const ok = await run(withCacheControl(constant(empty(200))), makeRequest('/openapi/v2'))
  const denied = await run(withCacheControl(constant(toResponse(unauthorized('')))), makeRequest('/api'))
  assert.is(ok.headers['cache-control'], 'no-cache, private')
  assert.is(denied.headers['cache-control'], 'no-cache, private')
})

filter('keeps a Cache-Control header set by the inner handler', async () => {
  const inner = constant(setHeader('Cache-Control', 'public, max-age=3600')(text(200, 'spec')))
  const res = await run(withCacheControl(inner), makeRequest('/openapi/v2'))
  assert.is(res.headers['cache-control'], 'public, max-age=3600')
})

filter.run()

const stepSuite = suite('cacheControlStep')

stepSuite('is named cache-control and wraps withCacheControl', () => {
  const s = cacheControlStep()
  assert.is(s.name, 'cache-control')
  assert.is(s.filter, withCacheControl)
})

stepSuite.run()
