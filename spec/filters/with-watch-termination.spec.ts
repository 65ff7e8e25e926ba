import * as E from 'fp-ts/lib/Either.js'
import * as O from 'fp-ts/lib/Option.js'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { checkChain } from '../../src/chains/check-chain.js'
import { type Handler, get, identity, recordingLogger, runFinalizers, step, text } from '../../src/core/index.js'
import { defaultDeps } from '../../src/core/deps.js'
import { fakeClock } from '../../src/core/fake-clock.js'
import { newRateLimitedSafeWaitGroup } from '../../src/sync/rate-limited-wait-group.js'
import type { RequestWaitGroup } from '../../src/sync/safe-wait-group.js'
import { newTokenBucket } from '../../src/sync/token-bucket.js'
import {
  serverShutdownSignalKey,
  watchTerminationDefaults,
  watchTerminationStep,
  withWatchTerminationDuringShutdown,
} from '../../src/filters/with-watch-termination.js'
import { newLatch } from '../../src/sync/latch.js'
import { bodyText, makeRequest, run, statusOf } from '../support/request.js'
import { countingHandler, flush, requestFor, streamed } from './shutdown-fixtures.js'

const on = { shutdownWatchTerminationGracePeriodMs: 2000 }
const deps = (log = recordingLogger()) => ({ ...defaultDeps, log: log.log })

/** Upstream's fakeRequestWaitGroup: counts Add calls and in-flight requests, optionally in waiting mode. */
const fakeGroup = (waiting = false) => {
  const state = { invoked: 0, inflight: 0 }
  const wg: RequestWaitGroup = {
    add: () => {
      state.invoked += 1
      if (waiting) return E.left('waitgroup is in waiting mode')
      state.inflight += 1
      return E.right(undefined)
    },
    done: () => void (state.inflight -= 1),
  }
  return { wg, state }
}

const filter = suite('withWatchTerminationDuringShutdown')

filter('is the identity filter when the grace period is 0 (the default) or negative', () => {
  const { wg } = fakeGroup()
  assert.is(watchTerminationDefaults.shutdownWatchTerminationGracePeriodMs, 0)
  assert.is(withWatchTerminationDuringShutdown(watchTerminationDefaults, newLatch('x'), wg, deps()), identity)
  assert.is(withWatchTerminationDuringShutdown({ shutdownWatchTerminationGracePeriodMs: -1 }, newLatch('x'), wg, deps()), identity)
})

filter('without a signal or a wait group it warns once at build time and is the identity filter', () => {
  const log = recordingLogger()
  assert.is(withWatchTerminationDuringShutdown(on, undefined, fakeGroup().wg, deps(log)), identity)
  assert.is(withWatchTerminationDuringShutdown(on, newLatch('x'), undefined, deps(log)), identity)
  assert.equal(log.entries, [
    { level: 'warn', msg: 'watch termination during shutdown not attached to the handler chain' },
    { level: 'warn', msg: 'watch termination during shutdown not attached to the handler chain' },
  ])
})

filter("without RequestInfo answers upstream's InternalError text", async () => {
  const inner = countingHandler()
  const res = await run(
    withWatchTerminationDuringShutdown(on, newLatch('x'), fakeGroup().wg, deps())(inner.handler),
    makeRequest('/apis/groups.k8s.io/v1/namespaces'),
  )
  assert.is(statusOf(res), 500)
  assert.is(await bodyText(res), 'Internal Server Error: "/apis/groups.k8s.io/v1/namespaces": no RequestInfo found in the context\n')
  assert.is(inner.seen.length, 0)
})

filter('passes a request that is not a watch through unchanged, without touching the group', () => {
  const { wg, state } = fakeGroup()
  const inner = countingHandler()
  const req = requestFor('get')
  assert.is(withWatchTerminationDuringShutdown(on, newLatch('x'), wg, deps())(inner.handler)(req), inner.res)
  assert.is(inner.seen[0], req)
  assert.is(state.invoked, 0)
})

filter('tracks a watch until its stream ended and gives it the shutdown signal', async () => {
  const { wg, state } = fakeGroup()
  const signal = newLatch('NotAcceptingNewRequest')
  const inner = countingHandler(streamed())
  const res = await run(withWatchTerminationDuringShutdown(on, signal, wg, deps())(inner.handler), requestFor('watch'))
  assert.is(statusOf(res), 200)
  assert.equal(get(inner.seen[0]!, serverShutdownSignalKey), O.some(signal))
  assert.equal(state, { invoked: 1, inflight: 1 })
  runFinalizers(res, 'aborted')
  runFinalizers(res, 'aborted')
  assert.equal(state, { invoked: 1, inflight: 0 })
})

filter('a watch answered without a stream (an error, say) is released when it was answered', async () => {
  const { wg, state } = fakeGroup()
  const res = await run(
    withWatchTerminationDuringShutdown(on, newLatch('x'), wg, deps())(countingHandler(text(410, 'gone')).handler),
    requestFor('watch'),
  )
  assert.is(statusOf(res), 410)
  assert.equal(state, { invoked: 1, inflight: 0 })
  assert.is(res.finalizers.length, 0)
})

filter('once the group waits, a new watch gets the 503 with Retry-After 1 and no signal', async () => {
  const { wg, state } = fakeGroup(true)
  const inner = countingHandler()
  const res = await run(withWatchTerminationDuringShutdown(on, newLatch('x'), wg, deps())(inner.handler), requestFor('watch'))
  assert.is(statusOf(res), 503)
  assert.equal(res.headers, { 'content-type': 'application/json', 'x-content-type-options': 'nosniff', 'retry-after': '1' })
  assert.is(
    await bodyText(res),
    '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"apiserver is shutting down","reason":"ServiceUnavailable","code":503}\n',
  )
  assert.is(inner.seen.length, 0)
  assert.equal(state, { invoked: 1, inflight: 0 })
})

filter('does not exempt health paths from the 503 (only the wait-group filter does)', async () => {
  const { wg } = fakeGroup(true)
  const res = await run(
    withWatchTerminationDuringShutdown(on, newLatch('x'), wg, deps())(countingHandler().handler),
    requestFor('watch', { url: '/healthz' }),
  )
  assert.is(statusOf(res), 503)
})

filter('releases the slot when the watch handler rejects', async () => {
  const { wg, state } = fakeGroup()
  const boom = new Error('boom')
  const failing: Handler = () => Promise.reject(boom)
  const err = await run(withWatchTerminationDuringShutdown(on, newLatch('x'), wg, deps())(failing), requestFor('watch')).catch(
    (e: unknown) => e,
  )
  assert.is(err, boom)
  assert.equal(state, { invoked: 1, inflight: 0 })
})

filter('with a rate-limited group, the drain ends once every watch ended and passed the limiter', async () => {
  const clock = fakeClock()
  const wg = newRateLimitedSafeWaitGroup(clock)
  const handler = withWatchTerminationDuringShutdown(on, newLatch('x'), wg, deps())(() => Promise.resolve(streamed()))
  const a = await run(handler, requestFor('watch'))
  const b = await run(handler, requestFor('watch'))
  let result: unknown
  void wg.wait(() => ({ limiter: newTokenBucket(100, 1), timeoutMs: 2000 })).then((r) => (result = r))
  runFinalizers(a, 'finished')
  runFinalizers(b, 'finished')
  await flush()
  assert.is(result, undefined)
  clock.advance(10)
  await flush()
  assert.equal(result, { before: 2, after: 0, error: O.none })
})

const stepSuite = suite('watchTerminationStep')

stepSuite('is named watch-termination, needs RequestInfo and provides ServerShutdownSignal', () => {
  const s = watchTerminationStep(on, newLatch('x'), fakeGroup().wg, deps())
  assert.is(s.name, 'watch-termination')
  assert.equal(s.needs, ['RequestInfo'])
  assert.equal(s.provides, ['ServerShutdownSignal'])
  assert.is(serverShutdownSignalKey.name, 'ServerShutdownSignal')
})

stepSuite('checkChain rejects watch-termination outside request-info', () => {
  const info = step('request-info', identity, { provides: ['RequestInfo'] })
  const s = watchTerminationStep(on, newLatch('x'), fakeGroup().wg, deps())
  assert.ok(E.isLeft(checkChain([s, info])))
  assert.ok(E.isRight(checkChain([info, s])))
})

filter.run()
stepSuite.run()
