import * as E from 'fp-ts/lib/Either.js'
import * as O from 'fp-ts/lib/Option.js'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { checkChain } from '../../src/chains/check-chain.js'
import {
  type Deps,
  type Answer,
  type Handler,
  type Request,
  type Response,
  fakeClock,
  get,
  identity,
  newCancelSource,
  put,
  recordingLogger,
  runFinalizers,
  step,
  stream,
  text,
} from '../../src/core/index.js'
import {
  contextCanceled,
  deadlineExceeded,
  requestDeadlineDefaults,
  requestDeadlineStep,
  withRequestDeadline,
} from '../../src/filters/with-request-deadline.js'
import { auditIdKey, deadlineKey, receivedTimestampKey } from '../../src/request/facts.js'
import { requestInfoKey } from '../../src/request/request-info.js'
import { resourceInfo } from '../support/request-info.js'
import { bodyText, chunksOf, makeRequest, run, statusOf } from '../support/request.js'

/**
 * After every response ended, at most the lane's own timer is left (it stays armed so steady traffic
 * never re-arms one); when it fires it finds nothing live and retires, leaving nothing pending.
 */
const assertReleased = (clock: { pending: () => number; advance: (ms: number) => void }): void => {
  assert.ok(clock.pending() <= 1, `expected at most the lane timer, got ${clock.pending()} timers`)
  clock.advance(24 * 3_600_000)
  assert.is(clock.pending(), 0)
}

const info = resourceInfo('list', 'namespaces')

interface Setup {
  readonly longRunning?: boolean
  readonly requestTimeoutMs?: number
  /**
   * What the inner handler's Task gives; by default an ordinary promise of a stream, so the request is in
   * flight until its response ended (a complete response ends the request's work when it is answered).
   */
  readonly respond?: () => Answer
}

const setup = (opts: Setup = {}) => {
  const clock = fakeClock(1_000_000)
  const logger = recordingLogger()
  const deps: Deps = { clock, log: logger.log, newId: () => 'id', random: () => 0 }
  const seen: Request[] = []
  const respond = opts.respond ?? (() => Promise.resolve(stream(200, chunksOf('ok'))))
  const inner: Handler = (req) => {
    seen.push(req)
    return respond()
  }
  const cfg = { requestTimeoutMs: opts.requestTimeoutMs ?? requestDeadlineDefaults.requestTimeoutMs }
  const handler = withRequestDeadline(cfg, () => opts.longRunning ?? false, deps)(inner)
  return { clock, logger, seen, handler }
}

const request = (url: string, received?: number): Request => {
  const req = put(makeRequest(url), requestInfoKey, info)
  return received === undefined ? req : put(req, receivedTimestampKey, received)
}

const deadlineOf = (req: Request | undefined): number | undefined => (req === undefined ? undefined : O.toUndefined(get(req, deadlineKey)))

const filter = suite('withRequestDeadline')

filter('answers 500 text without RequestInfo and logs it', async () => {
  const { handler, seen, logger } = setup()
  const res = await run(handler, put(makeRequest('/api/v1/pods?x=1'), auditIdKey, 'a-1'))
  assert.is(statusOf(res), 500)
  assert.is(await bodyText(res), 'no RequestInfo found in context, handler chain must be wrong\n')
  assert.equal(res.headers, { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' })
  assert.is(seen.length, 0)
  assert.equal(logger.entries, [
    {
      level: 'error',
      msg: 'no RequestInfo found in context, handler chain must be wrong',
      fields: { method: 'GET', URI: '/api/v1/pods?x=1', auditID: 'a-1' },
    },
  ])
})

filter('passes long-running requests on unchanged, without a deadline or timer', async () => {
  const { handler, seen, clock } = setup({ longRunning: true })
  const req = request('/api/v1/pods?watch=1&timeout=foo')
  assert.is(statusOf(await run(handler, req)), 200)
  assert.is(seen[0], req)
  assert.is(clock.pending(), 0)
})

filter('sets the default deadline from the received time', async () => {
  const { handler, seen } = setup()
  await run(handler, request('/api/v1/namespaces', 999_000))
  assert.is(deadlineOf(seen[0]), 999_000 + 60_000)
})

filter('falls back to now without a received time', async () => {
  const { handler, seen } = setup()
  await run(handler, request('/api/v1/namespaces'))
  assert.is(deadlineOf(seen[0]), 1_000_000 + 60_000)
})

filter('uses a positive user timeout shorter than the request timeout', async () => {
  const cases: ReadonlyArray<readonly [string, number]> = [
    ['10s', 10_000],
    ['1m30s', 60_000],
    ['59.5s', 59_500],
    ['300us', 0.3],
    ['0s', 60_000],
    ['0', 60_000],
    ['-1s', 60_000],
    ['60s', 60_000],
    ['61s', 60_000],
    ['1h', 60_000],
    ['', 60_000],
  ]
  for (const [timeout, want] of cases) {
    const { handler, seen } = setup()
    await run(handler, request(`/api/v1/namespaces?timeout=${encodeURIComponent(timeout)}`, 1_000_000))
    assert.is(deadlineOf(seen[0]), 1_000_000 + want, timeout)
  }
})

filter('reads the first timeout value', async () => {
  const { handler, seen } = setup()
  await run(handler, request('/api/v1/namespaces?timeout=5s&timeout=foo', 1_000_000))
  assert.is(deadlineOf(seen[0]), 1_005_000)
})

filter('answers 400 with the Go parse error for a bad timeout and logs it', async () => {
  const cases: ReadonlyArray<readonly [string, string]> = [
    ['foo', 'time: invalid duration \\"foo\\"'],
    ['10', 'time: missing unit in duration \\"10\\"'],
    ['10x', 'time: unknown unit \\"x\\" in duration \\"10x\\"'],
  ]
  for (const [timeout, goError] of cases) {
    const { handler, seen, logger, clock } = setup()
    const res = await run(handler, request(`/api/v1/namespaces?timeout=${timeout}`))
    assert.is(statusOf(res), 400)
    assert.is(res.headers['content-type'], 'application/json')
    assert.is(
      await bodyText(res),
      `{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"invalid timeout specified in the request URL - ${goError}","reason":"BadRequest","code":400}\n`,
    )
    assert.is(seen.length, 0)
    assert.is(clock.pending(), 0)
    assert.is(logger.entries[0]?.msg, `invalid timeout specified in the request URL - ${goError.replace(/\\"/g, '"')}`)
  }
})

filter('cancels the inner token at the deadline with context deadline exceeded', async () => {
  const { handler, seen, clock } = setup()
  const res = await run(handler, request('/api/v1/namespaces?timeout=10s', 1_000_000))
  const inner = seen[0]!
  clock.advance(9_999)
  assert.is(inner.cancel.cancelled, false)
  assert.is(inner.signal.aborted, false)
  clock.advance(1)
  assert.is(inner.cancel.cancelled, true)
  assert.is(inner.cancel.reason, deadlineExceeded)
  assert.is(inner.signal.aborted, true)
  assert.is(deadlineExceeded.message, 'context deadline exceeded')
  runFinalizers(res, 'finished')
  assertReleased(clock)
})

filter('releases the timer and cancels the inner token when a stream ended', async () => {
  const { handler, seen, clock } = setup()
  const res = await run(handler, request('/api/v1/namespaces'))
  assert.is(clock.pending(), 1)
  assert.is(seen[0]!.cancel.cancelled, false)
  runFinalizers(res, 'finished')
  assert.is(seen[0]!.cancel.reason, contextCanceled)
  assertReleased(clock)
})

filter('releases the timer when the inner handler fails', async () => {
  const clock = fakeClock()
  const deps: Deps = { clock, log: recordingLogger().log, newId: () => 'id', random: () => 0 }
  const boom = new Error('boom')
  const rejecting: Handler = () => Promise.reject(boom)
  const throwing: Handler = () => {
    throw boom
  }
  for (const inner of [rejecting, throwing]) {
    const handler = withRequestDeadline(requestDeadlineDefaults, () => false, deps)(inner)
    const outcome = await run(handler, request('/')).then(
      () => 'resolved',
      (e: unknown) => e,
    )
    assert.is(outcome, boom)
    assertReleased(clock)
  }
})

filter('schedules no timer for a complete response answered at once, and cancels its token when it was answered', () => {
  const answering = text(200, 'now')
  const { handler, seen, clock } = setup({ respond: () => answering })
  assert.is(handler(request('/api/v1/namespaces', 1_000_000)), answering, 'the same promise')
  assert.is(clock.pending(), 0)
  assert.is(deadlineOf(seen[0]), 1_060_000)
  assert.is(seen[0]!.cancel.reason, contextCanceled, "Go's deferred cancel() on return")
})

filter('a complete response answered later gives its timer back and cancels its token when it was answered', async () => {
  const { handler, seen, clock } = setup({ respond: () => Promise.resolve(text(200, 'later')) })
  const res = await run(handler, request('/api/v1/namespaces', 1_000_000))
  assert.is(res.finalizers.length, 0)
  assert.is(seen[0]!.cancel.reason, contextCanceled)
  assertReleased(clock)
})

filter('an answered stream keeps its deadline: its token is cancelled at the deadline', async () => {
  const { handler, seen, clock } = setup({ respond: () => stream(200, chunksOf('a')) })
  const res = await run(handler, request('/api/v1/namespaces?timeout=5s', 1_000_000))
  assert.is(clock.pending(), 1)
  clock.advance(5_000)
  assert.is(seen[0]!.cancel.reason, deadlineExceeded)
  runFinalizers(res, 'finished')
  assertReleased(clock)
})

filter('a deadline already past cancels at once, without a timer', async () => {
  const { handler, seen, clock } = setup()
  await run(handler, request('/api/v1/namespaces', 1_000_000 - 60_000))
  assert.is(seen[0]!.cancel.reason, deadlineExceeded)
  assert.is(clock.pending(), 0)
})

filter('the inner token is cancelled with the client connection', async () => {
  const { handler, seen } = setup()
  const client = newCancelSource()
  const req = put(put(makeRequest('/api/v1/namespaces', { cancel: client }), requestInfoKey, info), receivedTimestampKey, 1_000_000)
  await run(handler, req)
  client.cancel('client gone')
  assert.is(seen[0]!.cancel.cancelled, true)
  assert.is(seen[0]!.cancel.reason, 'client gone')
})

filter('requests with one timeout share one timer', async () => {
  const { handler, seen, clock } = setup()
  const responses: Response[] = []
  for (let i = 0; i < 50; i++) {
    responses.push(await run(handler, request('/api/v1/namespaces', clock.now())))
    clock.advance(10)
  }
  assert.is(clock.pending(), 1)
  clock.advance(60_000 - 500)
  assert.equal(
    seen.map((r) => r.cancel.cancelled),
    seen.map((_, i) => i === 0),
  )
  for (const res of responses) runFinalizers(res, 'finished')
  assertReleased(clock)
})

const stepSuite = suite('requestDeadlineStep')

stepSuite('needs RequestInfo and ReceivedTimestamp and provides Deadline', () => {
  const s = requestDeadlineStep(requestDeadlineDefaults, () => false, {
    clock: fakeClock(),
    log: recordingLogger().log,
    newId: () => 'id',
    random: () => 0,
  })
  assert.is(s.name, 'request-deadline')
  assert.equal(s.needs, ['RequestInfo', 'ReceivedTimestamp'])
  assert.equal(s.provides, ['Deadline'])
  const received = step('request-received-timestamp', identity, { provides: [receivedTimestampKey] })
  const infoStep = step('request-info', identity, { provides: [requestInfoKey] })
  assert.ok(E.isRight(checkChain([received, infoStep, s])))
  assert.equal(
    checkChain([infoStep, s, received]),
    E.left([{ _tag: 'ProviderInside', step: 'request-deadline', attribute: 'ReceivedTimestamp', provider: 'request-received-timestamp' }]),
  )
})

filter.run()
stepSuite.run()
