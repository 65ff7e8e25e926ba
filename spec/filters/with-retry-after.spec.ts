import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { checkChain } from '../../src/chains/check-chain.js'
import { identity, step } from '../../src/core/index.js'
import { retryAfterStep, withRetryAfter } from '../../src/filters/with-retry-after.js'
import { newLatch } from '../../src/sync/latch.js'
import { bodyText, makeRequest, run, statusOf } from '../support/request.js'
import { countingHandler } from './shutdown-fixtures.js'
import * as E from 'fp-ts/lib/Either.js'

const filter = suite('withRetryAfter')

filter('without a latch it is the identity filter', () => {
  assert.is(withRetryAfter(undefined), identity)
})

filter('before the latch fires it returns the inner answer unchanged', () => {
  const inner = countingHandler()
  const handler = withRetryAfter(newLatch('NotAcceptingNewRequest'))(inner.handler)
  const req = makeRequest('/api/v1/pods')
  assert.is(handler(req), inner.res)
  assert.is(inner.seen[0], req)
})

filter('after the latch fired a non-exempt request gets 429 with Retry-After 5 and Connection close', async () => {
  const latch = newLatch('NotAcceptingNewRequest')
  latch.fire()
  const inner = countingHandler()
  const res = await run(withRetryAfter(latch)(inner.handler), makeRequest('/api/v1/pods', { method: 'POST' }))
  assert.is(statusOf(res), 429)
  assert.equal(res.headers, {
    'content-type': 'text/plain; charset=utf-8',
    'x-content-type-options': 'nosniff',
    connection: 'close',
    'retry-after': '5',
  })
  assert.is(await bodyText(res), 'The apiserver is shutting down, please try again later.\n')
  assert.is(inner.seen.length, 0)
})

filter('after the latch fired exempt requests still reach the inner handler', async () => {
  const latch = newLatch('NotAcceptingNewRequest')
  latch.fire()
  const inner = countingHandler()
  const handler = withRetryAfter(latch)(inner.handler)
  assert.is(handler(makeRequest('/readyz')), inner.res)
  assert.is(handler(makeRequest('/metrics')), inner.res)
  assert.is(handler(makeRequest('/api/v1/pods', { headers: { 'user-agent': 'kube-apiserver/v1.31.0' } })), inner.res)
  assert.is(inner.seen.length, 3)
})

filter('reads the latch per request: the same built handler starts rejecting when it fires', async () => {
  const latch = newLatch('NotAcceptingNewRequest')
  const inner = countingHandler()
  const handler = withRetryAfter(latch)(inner.handler)
  assert.is(statusOf(await run(handler, makeRequest('/api'))), 200)
  latch.fire()
  assert.is(statusOf(await run(handler, makeRequest('/api'))), 429)
  assert.is(inner.seen.length, 1)
})

const stepSuite = suite('retryAfterStep')

stepSuite('is named retry-after and must run inside http-logging', () => {
  const s = retryAfterStep(undefined)
  assert.is(s.name, 'retry-after')
  assert.equal(s.inside, ['http-logging'])
  assert.equal(s.needs, [])
})

stepSuite('checkChain rejects retry-after outside http-logging and accepts it inside', () => {
  const logging = step('http-logging', identity)
  const s = retryAfterStep(newLatch('x'))
  const bad = checkChain([s, logging])
  assert.ok(E.isLeft(bad))
  if (E.isLeft(bad)) assert.equal(bad.left, [{ _tag: 'MustRunInside', step: 'retry-after', other: 'http-logging' }])
  assert.ok(E.isRight(checkChain([logging, s])))
})

filter.run()
stepSuite.run()
