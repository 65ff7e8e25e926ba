import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { checkChain } from '../../src/chains/check-chain.js'
import { type Handler, type Ended, identity, recordingLogger, runFinalizers, step, text } from '../../src/core/index.js'
import { defaultDeps } from '../../src/core/deps.js'
import {
  type MaxInFlightConfig,
  maxInFlightDefaults,
  maxInFlightSeats,
  maxInFlightStep,
  withMaxInFlightLimit,
} from '../../src/filters/with-max-in-flight.js'
import { basicLongRunningRequestCheck } from '../../src/request/long-running.js'
import { bodyText, makeRequest, run, statusOf, now } from '../support/request.js'
import { countingHandler, requestFor, streamed, userIn } from './shutdown-fixtures.js'

const longRunning = basicLongRunningRequestCheck(['watch'], ['exec'])
const neverLongRunning = () => false
const deps = (log = recordingLogger()) => ({ ...defaultDeps, log: log.log })

/** The inner handler answers a stream, so each request keeps its seat until its response ended. */
const setup = (cfg: MaxInFlightConfig, isLongRunning = longRunning) => {
  const seats = maxInFlightSeats(cfg)
  const inner = countingHandler(streamed())
  const handler = withMaxInFlightLimit(cfg, isLongRunning, deps(), seats)(inner.handler)
  return { seats, inner, handler }
}

const filter = suite('withMaxInFlightLimit')

filter('defaults to 400 read-only and 200 mutating', () => {
  assert.equal(maxInFlightDefaults, { maxRequestsInFlight: 400, maxMutatingRequestsInFlight: 200 })
  const seats = maxInFlightSeats(maxInFlightDefaults)
  assert.is(seats.readOnly?.limit, 400)
  assert.is(seats.mutating?.limit, 200)
})

filter('is the identity filter when both limits are 0', () => {
  assert.is(withMaxInFlightLimit({ maxRequestsInFlight: 0, maxMutatingRequestsInFlight: 0 }, longRunning, deps()), identity)
})

filter('without RequestInfo answers 500 with the Go-quoted URI (no HTML escaping) and logs', async () => {
  const log = recordingLogger()
  const inner = countingHandler()
  const res = await run(withMaxInFlightLimit(maxInFlightDefaults, longRunning, deps(log))(inner.handler), makeRequest('/api/v1/pods?x=<a>'))
  assert.is(statusOf(res), 500)
  assert.equal(res.headers, { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' })
  assert.is(await bodyText(res), 'Internal Server Error: "/api/v1/pods?x=<a>"\n')
  assert.equal(
    log.entries.map((e) => e.msg),
    ['no RequestInfo found in context, handler chain must be wrong'],
  )
  assert.is(inner.seen.length, 0)
})

filter('a full class answers 429 Too many requests with Retry-After 1 and does not call the inner handler', async () => {
  const { seats, inner, handler } = setup({ maxRequestsInFlight: 1, maxMutatingRequestsInFlight: 1 })
  await run(handler, requestFor('get'))
  const answering = handler(requestFor('list'))
  assert.is(now(answering)?._tag, 'Http', 'the 429 is answered at once')
  const res = await answering
  assert.is(statusOf(res), 429)
  assert.equal(res.headers, { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff', 'retry-after': '1' })
  assert.is(await bodyText(res), 'Too many requests, please try again later.\n')
  assert.is(inner.seen.length, 1)
  assert.is(seats.readOnly?.inFlight(), 1)
})

filter('counts the two classes separately', async () => {
  const { seats, handler } = setup({ maxRequestsInFlight: 1, maxMutatingRequestsInFlight: 1 })
  assert.is(statusOf(await run(handler, requestFor('get'))), 200)
  assert.is(statusOf(await run(handler, requestFor('create'))), 200)
  assert.is(statusOf(await run(handler, requestFor('delete'))), 429)
  assert.equal([seats.readOnly?.inFlight(), seats.mutating?.inFlight()], [1, 1])
})

filter('property: read-only exactly for verbs get, list and watch', async () => {
  const verbs = fc.oneof(
    fc.constantFrom('get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection', 'post', 'put', ''),
    fc.string({ maxLength: 8 }),
  )
  await fc.assert(
    fc.asyncProperty(verbs, async (verb) => {
      const { seats, handler } = setup({ maxRequestsInFlight: 5, maxMutatingRequestsInFlight: 5 }, neverLongRunning)
      await run(handler, requestFor(verb))
      const readOnly = ['get', 'list', 'watch'].includes(verb)
      assert.equal([seats.readOnly?.inFlight(), seats.mutating?.inFlight()], readOnly ? [1, 0] : [0, 1])
    }),
    { numRuns: 100 },
  )
})

filter('a limit of 0 leaves that class unlimited and uncounted: the inner answer unchanged', () => {
  const { seats, inner, handler } = setup({ maxRequestsInFlight: 1, maxMutatingRequestsInFlight: 0 })
  assert.is(seats.mutating, undefined)
  for (let i = 0; i < 5; i++) assert.is(handler(requestFor('create')), inner.res)
})

filter('long-running requests pass uncounted even when the class is full', async () => {
  const { seats, inner, handler } = setup({ maxRequestsInFlight: 1, maxMutatingRequestsInFlight: 1 })
  await run(handler, requestFor('get'))
  assert.is(handler(requestFor('watch')), inner.res)
  assert.is(handler(requestFor('create', { subresource: 'exec' })), inner.res)
  assert.is(seats.readOnly?.inFlight(), 1)
})

filter('a system:masters user is served uncounted when the class is full', async () => {
  const { seats, inner, handler } = setup({ maxRequestsInFlight: 1, maxMutatingRequestsInFlight: 1 })
  await run(handler, requestFor('get'))
  const res = await run(handler, requestFor('get', { user: userIn('system:authenticated', 'system:masters') }))
  assert.is(res, inner.res)
  assert.is(res.finalizers.length, 0)
  assert.is(seats.readOnly?.inFlight(), 1)
})

filter('a system:masters user takes a seat while there is one', async () => {
  const { seats, handler } = setup({ maxRequestsInFlight: 2, maxMutatingRequestsInFlight: 1 })
  await run(handler, requestFor('get', { user: userIn('system:masters') }))
  assert.is(seats.readOnly?.inFlight(), 1)
})

filter('other users get 429 when the class is full', async () => {
  const { handler } = setup({ maxRequestsInFlight: 1, maxMutatingRequestsInFlight: 1 })
  await run(handler, requestFor('create'))
  assert.is(statusOf(await run(handler, requestFor('create', { user: userIn('system:authenticated', 'system:nodes') }))), 429)
})

filter('a complete response gives the seat back when the inner handler answered (upstream releases on return)', async () => {
  const cfg = { maxRequestsInFlight: 1, maxMutatingRequestsInFlight: 1 }
  const seats = maxInFlightSeats(cfg)
  const handler = withMaxInFlightLimit(cfg, longRunning, deps(), seats)(countingHandler().handler)
  const res = await run(handler, requestFor('get'))
  assert.is(seats.readOnly?.inFlight(), 0)
  assert.is(res.finalizers.length, 0)
  assert.is(statusOf(await run(handler, requestFor('get'))), 200, 'the seat is free for the next request')
  const answering = text(200, 'ok')
  assert.is(
    withMaxInFlightLimit(cfg, longRunning, deps(), seats)(() => answering)(requestFor('get')),
    answering,
    'answered at once: the same promise',
  )
  assert.is(seats.readOnly?.inFlight(), 0)
})

for (const outcome of ['finished', 'aborted', 'discarded'] as Ended[]) {
  filter(`gives a stream's seat back when it ended as ${outcome}, once`, async () => {
    const { seats, handler } = setup({ maxRequestsInFlight: 2, maxMutatingRequestsInFlight: 1 })
    const a = await run(handler, requestFor('get'))
    await run(handler, requestFor('get'))
    runFinalizers(a, outcome)
    runFinalizers(a, outcome)
    assert.is(seats.readOnly?.inFlight(), 1)
  })
}

filter('gives the seat back when the inner promise rejects or the inner handler throws', async () => {
  const cfg = { maxRequestsInFlight: 1, maxMutatingRequestsInFlight: 1 }
  const seats = maxInFlightSeats(cfg)
  const boom = new Error('boom')
  const rejecting: Handler = () => Promise.reject(boom)
  const throwing: Handler = () => {
    throw boom
  }
  for (const inner of [rejecting, throwing]) {
    const err = await run(withMaxInFlightLimit(cfg, longRunning, deps(), seats)(inner), requestFor('get')).catch((e: unknown) => e)
    assert.is(err, boom)
    assert.is(seats.readOnly?.inFlight(), 0)
  }
})

filter('takes no seat when the chain is built, one when the handler is applied (applying starts the work)', () => {
  const { seats, handler } = setup({ maxRequestsInFlight: 1, maxMutatingRequestsInFlight: 1 })
  assert.is(seats.readOnly?.inFlight(), 0)
  const res = now(handler(requestFor('get')))
  assert.is(seats.readOnly?.inFlight(), 1)
  if (res === undefined) return assert.unreachable('the inner stream is answered at once')
  runFinalizers(res, 'finished')
  assert.is(seats.readOnly?.inFlight(), 0)
})

filter('records the watermark of each class', async () => {
  const { seats, handler } = setup({ maxRequestsInFlight: 3, maxMutatingRequestsInFlight: 1 })
  const done = await Promise.all([run(handler, requestFor('get')), run(handler, requestFor('get'))])
  done.forEach((res) => runFinalizers(res, 'finished'))
  assert.is(seats.readOnly?.takeWatermark(), 2)
  assert.is(seats.mutating?.takeWatermark(), 0)
})

const stepSuite = suite('maxInFlightStep')

stepSuite('is named max-in-flight, needs RequestInfo, runs inside authentication, impersonation and audit', () => {
  const s = maxInFlightStep(maxInFlightDefaults, longRunning, deps())
  assert.is(s.name, 'max-in-flight')
  assert.equal(s.needs, ['RequestInfo'])
  assert.equal(s.inside, ['authentication', 'impersonation', 'audit'])
})

stepSuite('checkChain rejects max-in-flight outside impersonation', () => {
  const info = step('request-info', identity, { provides: ['RequestInfo'] })
  const impersonation = step('impersonation', identity)
  const s = maxInFlightStep(maxInFlightDefaults, longRunning, deps())
  const bad = checkChain([info, s, impersonation])
  assert.ok(E.isLeft(bad))
  if (E.isLeft(bad)) assert.equal(bad.left, [{ _tag: 'MustRunInside', step: 'max-in-flight', other: 'impersonation' }])
  assert.ok(E.isRight(checkChain([info, impersonation, s])))
})

filter.run()
stepSuite.run()
