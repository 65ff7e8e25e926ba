import * as E from 'fp-ts/lib/Either.js'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { checkChain } from '../../src/chains/check-chain.js'
import { type Handler, type Ended, recordingLogger, runFinalizers, step, identity, text } from '../../src/core/index.js'
import { defaultDeps } from '../../src/core/deps.js'
import { newSafeWaitGroup } from '../../src/sync/safe-wait-group.js'
import { waitGroupStep, withWaitGroup } from '../../src/filters/with-wait-group.js'
import { basicLongRunningRequestCheck } from '../../src/request/long-running.js'
import { bodyText, makeRequest, run, statusOf } from '../support/request.js'
import { countingHandler, flush, requestFor, streamed } from './shutdown-fixtures.js'

const longRunning = basicLongRunningRequestCheck(['watch'], [])
const deps = (log = recordingLogger()) => ({ ...defaultDeps, log: log.log })

const shuttingDownBody =
  '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"apiserver is shutting down","reason":"ServiceUnavailable","code":503}\n'

const filter = suite('withWaitGroup')

filter("without RequestInfo answers upstream's InternalError text, HTML-escaped, and logs it", async () => {
  const log = recordingLogger()
  const inner = countingHandler()
  const res = await run(withWaitGroup(longRunning, newSafeWaitGroup(), deps(log))(inner.handler), makeRequest('/api/v1/pods?x=<a>&y'))
  assert.is(statusOf(res), 500)
  assert.equal(res.headers, { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' })
  assert.is(await bodyText(res), 'Internal Server Error: "/api/v1/pods?x=&lt;a&gt;&amp;y": no RequestInfo found in the context\n')
  assert.is(inner.seen.length, 0)
  assert.equal(
    log.entries.map((e) => [e.level, e.msg]),
    [['error', 'no RequestInfo found in the context']],
  )
})

filter('passes long-running requests through untracked: the inner answer unchanged', () => {
  const wg = newSafeWaitGroup()
  const inner = countingHandler()
  assert.is(withWaitGroup(longRunning, wg, deps())(inner.handler)(requestFor('watch')), inner.res)
  assert.is(wg.count(), 0)
})

filter('tracks a request from the moment the handler is applied until the inner handler answered a complete response', async () => {
  const wg = newSafeWaitGroup()
  let release: (h: ReturnType<typeof text>) => void = () => undefined
  const inner: Handler = () => new Promise((r) => (release = r))
  const pending = run(withWaitGroup(longRunning, wg, deps())(inner), requestFor('get'))
  assert.is(wg.count(), 1)
  release(text(200, 'ok'))
  const res = await pending
  assert.is(wg.count(), 0, 'upstream calls Done when the handler returns')
  assert.is(res.finalizers.length, 0)
})

filter('a complete response answered at once is released in the same turn and its promise returned as it is', () => {
  const wg = newSafeWaitGroup()
  const answering = text(200, 'ok')
  const p = withWaitGroup(longRunning, wg, deps())(() => answering)(requestFor('get'))
  assert.is(p, answering)
  assert.is(wg.count(), 0)
})

filter('tracks a streamed response until it ended', async () => {
  const wg = newSafeWaitGroup()
  const res = await run(withWaitGroup(longRunning, wg, deps())(countingHandler(streamed()).handler), requestFor('get'))
  assert.is(wg.count(), 1, 'still counted until the adapter ran the finalizers')
  runFinalizers(res, 'finished')
  assert.is(wg.count(), 0)
})

filter('leaves nothing counted once a complete response was answered at once', () => {
  const wg = newSafeWaitGroup()
  withWaitGroup(longRunning, wg, deps())(countingHandler().handler)(requestFor('get'))
  assert.is(wg.count(), 0)
})

for (const outcome of ['finished', 'aborted', 'discarded'] as Ended[]) {
  filter(`releases a stream's slot when it ended as ${outcome}, once even if finalizers ran twice`, async () => {
    const wg = newSafeWaitGroup()
    const handler = withWaitGroup(longRunning, wg, deps())(countingHandler(streamed()).handler)
    const res = await run(handler, requestFor('create'))
    const other = await run(handler, requestFor('get'))
    runFinalizers(res, outcome)
    runFinalizers(res, outcome)
    assert.is(wg.count(), 1)
    runFinalizers(other, outcome)
    assert.is(wg.count(), 0)
  })
}

filter('releases the slot when the inner promise rejects, and the defect goes on', async () => {
  const wg = newSafeWaitGroup()
  const boom = new Error('boom')
  const err = await run(
    withWaitGroup(longRunning, wg, deps())(() => Promise.reject(boom)),
    requestFor('get'),
  ).catch((e: unknown) => e)
  assert.is(err, boom)
  assert.is(wg.count(), 0)
})

filter('releases the slot when the inner handler throws', async () => {
  const wg = newSafeWaitGroup()
  const boom = new Error('boom')
  const thrower: Handler = () => {
    throw boom
  }
  const err = await run(withWaitGroup(longRunning, wg, deps())(thrower), requestFor('get')).catch((e: unknown) => e)
  assert.is(err, boom)
  assert.is(wg.count(), 0)
})

filter('once wait started, a non-exempt request gets 503 with Retry-After 1 and a Status body', async () => {
  const wg = newSafeWaitGroup()
  void wg.wait()
  const inner = countingHandler()
  const res = await run(withWaitGroup(longRunning, wg, deps())(inner.handler), requestFor('get'))
  assert.is(statusOf(res), 503)
  assert.equal(res.headers, { 'content-type': 'application/json', 'x-content-type-options': 'nosniff', 'retry-after': '1' })
  assert.is(await bodyText(res), shuttingDownBody)
  assert.is(inner.seen.length, 0)
})

filter('once wait started, exempt requests are served untracked', async () => {
  const wg = newSafeWaitGroup()
  void wg.wait()
  const inner = countingHandler()
  const handler = withWaitGroup(longRunning, wg, deps())(inner.handler)
  const probe = await run(handler, requestFor('get', { url: '/healthz' }))
  const loopback = await run(handler, requestFor('create', { headers: { 'user-agent': 'kube-apiserver/v1.31.0' } }))
  assert.is(probe, inner.res)
  assert.is(loopback, inner.res)
  assert.is(probe.finalizers.length, 0)
  assert.is(wg.count(), 0)
})

filter('wait resolves only after the tracked streams ended', async () => {
  const wg = newSafeWaitGroup()
  const res = await run(withWaitGroup(longRunning, wg, deps())(countingHandler(streamed()).handler), requestFor('get'))
  let drained = false
  void wg.wait().then(() => (drained = true))
  await flush()
  assert.not.ok(drained)
  runFinalizers(res, 'finished')
  await flush()
  assert.ok(drained)
})

const stepSuite = suite('waitGroupStep')

stepSuite('is named wait-group and needs RequestInfo', () => {
  const s = waitGroupStep(longRunning, newSafeWaitGroup(), deps())
  assert.is(s.name, 'wait-group')
  assert.equal(s.needs, ['RequestInfo'])
})

stepSuite('checkChain rejects wait-group outside request-info', () => {
  const info = step('request-info', identity, { provides: ['RequestInfo'] })
  const s = waitGroupStep(longRunning, newSafeWaitGroup(), deps())
  assert.ok(E.isLeft(checkChain([s, info])))
  assert.ok(E.isRight(checkChain([info, s])))
})

filter.run()
stepSuite.run()
