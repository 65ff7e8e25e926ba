import * as E from 'fp-ts/lib/Either.js'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { checkChain } from '../../src/chains/check-chain.js'
import {
  type CancelToken,
  type Chunk,
  type Deps,
  type Handler,
  type Ended,
  type Request,
  type Response,
  addFinalizer,
  build,
  bytes,
  fakeClock,
  flushedAtOnceBytes,
  identity,
  isAbortHandler,
  newCancelSource,
  put,
  recordingLogger,
  runFinalizers,
  step,
  stream,
  text,
  withCancel,
} from '../../src/core/index.js'
import { requestDeadlineDefaults, requestDeadlineStep } from '../../src/filters/with-request-deadline.js'
import { timeoutStep, withTimeout } from '../../src/filters/with-timeout.js'
import { receivedTimestampKey } from '../../src/request/facts.js'
import { requestInfoKey } from '../../src/request/request-info.js'
import { resourceInfo } from '../support/request-info.js'
import { bodyText, makeRequest, run, statusOf, now } from '../support/request.js'

const info = resourceInfo('list', 'namespaces')

const timeoutBody =
  '{"metadata":{},"status":"Failure","message":"Timeout: request did not complete within the allotted timeout","reason":"Timeout","details":{},"code":504}\n'

const flush = async (): Promise<void> => {
  for (let i = 0; i < 5; i++) await Promise.resolve()
}

/** An inner handler whose answer the spec gives (or fails) when it likes. */
const pending = () => {
  const seen: Request[] = []
  let answer: (res: Response) => void = () => undefined
  let fail: (e: unknown) => void = () => undefined
  const handler: Handler = (req) =>
    new Promise<Response>((resolve, reject) => {
      seen.push(req)
      answer = resolve
      fail = reject
    })
  return { handler, seen, answer: (res: Response) => answer(res), fail: (e: unknown) => fail(e) }
}

const setup = (longRunning = false) => {
  const clock = fakeClock(5_000)
  const logger = recordingLogger()
  const deps: Deps = { clock, log: logger.log, newId: () => 'id', random: () => 0 }
  return { clock, logger, deps, filter: withTimeout(() => longRunning, deps) }
}

const requestWith = (source = newCancelSource(), withInfo = true): Request => {
  const req = makeRequest('/api/v1/namespaces', { method: 'GET', cancel: source })
  return withInfo ? put(req, requestInfoKey, info) : req
}

const filter = suite('withTimeout')

filter('returns the inner response when it answers first', async () => {
  const { filter: f, logger } = setup()
  const source = newCancelSource()
  const inner = text(200, 'ok')
  const res = await run(
    f(() => Promise.resolve(inner)),
    requestWith(source),
  )
  assert.is(res, inner)
  source.cancel('later')
  await flush()
  assert.equal(logger.entries, [])
})

filter('an answered inner response wins at once: its own promise, no subscription to the token', () => {
  const { filter: f, logger } = setup()
  const source = newCancelSource()
  let subscriptions = 0
  const counting: CancelToken = {
    get cancelled() {
      return source.token.cancelled
    },
    get reason() {
      return source.token.reason
    },
    get signal() {
      return source.token.signal
    },
    onCancel: (cb) => ((subscriptions += 1), source.token.onCancel(cb)),
  }
  const inner = text(200, 'now')
  const innerPromise = inner
  const p = f(() => innerPromise)(withCancel(requestWith(source), counting))
  assert.is(p, innerPromise)
  assert.is(now(p), inner)
  assert.is(subscriptions, 0)
  assert.equal(logger.entries, [])
})

filter('an answered inner response after the token was cancelled loses: 504, the inner one discarded', async () => {
  const { filter: f, logger } = setup()
  const source = newCancelSource()
  const outcomes: Ended[] = []
  const handler: Handler = () => {
    source.cancel(new Error('context deadline exceeded'))
    return addFinalizer((o) => outcomes.push(o))(text(200, 'too late'))
  }
  const p = f(handler)(requestWith(source))
  assert.is(now(p), undefined)
  assert.is(statusOf(await p), 504)
  await flush()
  assert.equal(outcomes, ['discarded'])
  assert.is(logger.entries[0]?.msg, 'Post-timeout activity')
})

filter('passes long-running requests to the inner handler unchanged', () => {
  const { filter: f } = setup(true)
  const task = Promise.resolve(text(200, 'watch'))
  const req = requestWith()
  let got: Request | undefined
  const handler = f((r) => ((got = r), task))
  assert.is(handler(req), task)
  assert.is(got, req)
})

filter('answers 504 with the exact body when the token is cancelled first', async () => {
  const { filter: f } = setup()
  const inner = pending()
  const source = newCancelSource()
  const answer = run(f(inner.handler), requestWith(source))
  await flush()
  source.cancel(new Error('context deadline exceeded'))
  const res = await answer
  assert.is(statusOf(res), 504)
  assert.is(await bodyText(res), timeoutBody)
  assert.equal(res.headers, { 'content-type': 'text/plain; charset=utf-8' })
  assert.equal(res.finalizers, [])
})

filter('the inner handler sees its signal aborted after a timeout', async () => {
  const { filter: f } = setup()
  const inner = pending()
  const source = newCancelSource()
  const answer = run(f(inner.handler), requestWith(source))
  await flush()
  const signal = inner.seen[0]!.signal
  assert.is(signal.aborted, false)
  source.cancel('deadline')
  await answer
  assert.is(signal.aborted, true)
  assert.is(inner.seen[0]!.signal.aborted, true)
})

filter('discards a late response: finalizers run with discarded and it is logged', async () => {
  const { filter: f, clock, logger } = setup()
  const inner = pending()
  const source = newCancelSource()
  const answer = run(f(inner.handler), requestWith(source))
  await flush()
  source.cancel('deadline')
  assert.is(statusOf(await answer), 504)
  clock.advance(250)
  const outcomes: Ended[] = []
  inner.answer(addFinalizer((o) => void outcomes.push(o))(text(201, 'late')))
  await flush()
  assert.equal(outcomes, ['discarded'])
  assert.equal(logger.entries, [
    {
      level: 'error',
      msg: 'Post-timeout activity',
      fields: { elapsedMs: 250, method: 'GET', path: '/api/v1/namespaces', result: '201' },
    },
  ])
})

filter('logs a late defect instead of raising it', async () => {
  const { filter: f, logger } = setup()
  const inner = pending()
  const source = newCancelSource()
  const unhandled: unknown[] = []
  const onUnhandled = (e: unknown): void => void unhandled.push(e)
  process.on('unhandledRejection', onUnhandled)
  try {
    const answer = run(f(inner.handler), requestWith(source))
    await flush()
    source.cancel('deadline')
    assert.is(statusOf(await answer), 504)
    const boom = new Error('panic after timeout')
    inner.fail(boom)
    await new Promise((resolve) => setImmediate(resolve))
    assert.equal(unhandled, [])
    assert.is(logger.entries.length, 1)
    assert.is(logger.entries[0]?.msg, 'Post-timeout activity')
    assert.is(logger.entries[0]?.error, boom)
    assert.is(logger.entries[0]?.fields?.['result'], 'panic')
  } finally {
    process.off('unhandledRejection', onUnhandled)
  }
})

filter('raises an inner defect that comes before the timeout', async () => {
  const { filter: f } = setup()
  const boom = new Error('boom')
  const rejecting: Handler = () => Promise.reject(boom)
  const throwing: Handler = () => {
    throw boom
  }
  for (const inner of [rejecting, throwing]) {
    const outcome = await run(f(inner), requestWith()).then(
      () => 'resolved',
      (e: unknown) => e,
    )
    assert.is(outcome, boom)
  }
})

filter('an already cancelled token answers 504 at once, and the inner handler still runs', async () => {
  const { filter: f } = setup()
  const inner = pending()
  const source = newCancelSource()
  source.cancel('client gone')
  const res = await run(f(inner.handler), requestWith(source))
  assert.is(statusOf(res), 504)
  assert.is(inner.seen.length, 1)
})

filter('without RequestInfo a timeout answers 504 with an InternalError Status', async () => {
  const { filter: f } = setup()
  const inner = pending()
  const source = newCancelSource()
  const answer = run(f(inner.handler), requestWith(source, false))
  await flush()
  source.cancel('deadline')
  const res = await answer
  assert.is(statusOf(res), 504)
  assert.is(
    await bodyText(res),
    '{"metadata":{},"status":"Failure","message":"Internal error occurred: no request info found for request during timeout","reason":"InternalError","details":{"causes":[{"message":"no request info found for request during timeout"}]},"code":500}\n',
  )
})

filter('without RequestInfo an inner answer that comes first is returned', async () => {
  const { filter: f } = setup()
  const inner = text(200, 'ok')
  assert.is(
    await run(
      f(() => Promise.resolve(inner)),
      requestWith(newCancelSource(), false),
    ),
    inner,
  )
})

/** A stream the spec feeds chunk by chunk; records whether it was closed. */
const feed = () => {
  const state = { closed: false, push: (_: Chunk): void => undefined }
  async function* chunks(): AsyncGenerator<Chunk> {
    try {
      for (;;) yield await new Promise<Chunk>((resolve) => (state.push = resolve))
    } finally {
      state.closed = true
    }
  }
  return { state, chunks: chunks() }
}

filter('a stream cancelled while written fails with abortHandler', async () => {
  const { filter: f } = setup()
  const source = newCancelSource()
  const { state, chunks } = feed()
  const res = await run(
    f(() => Promise.resolve(stream(200, chunks))),
    requestWith(source),
  )
  assert.ok(res._tag === 'Http' && res.body._tag === 'Stream')
  const it = (res.body as { chunks: AsyncIterable<Chunk> }).chunks[Symbol.asyncIterator]()
  const first = it.next()
  await flush()
  state.push('one')
  assert.equal(await first, { done: false, value: 'one' })
  const second = it.next()
  await flush()
  source.cancel('deadline')
  const outcome = await second.then(
    () => 'resolved',
    (e: unknown) => e,
  )
  assert.ok(isAbortHandler(outcome))
  state.push('two')
  await flush()
  assert.is(state.closed, true)
})

filter('a stream that ends before the deadline is passed through whole', async () => {
  const { filter: f } = setup()
  async function* chunks(): AsyncGenerator<Chunk> {
    yield 'a'
    yield 'b'
  }
  const res = await run(
    f(() => Promise.resolve(stream(200, chunks()))),
    requestWith(),
  )
  assert.is(await bodyText(res), 'ab')
})

const chain = suite('withTimeout inside withRequestDeadline')

const deadlineChain = (inner: Handler, deps: Deps) =>
  build([
    step('request-received-timestamp', (next) => (req) => next(put(req, receivedTimestampKey, deps.clock.now())), {
      provides: [receivedTimestampKey],
    }),
    step('request-info', (next) => (req) => next(put(req, requestInfoKey, info)), { provides: [requestInfoKey] }),
    requestDeadlineStep(requestDeadlineDefaults, () => false, deps),
    timeoutStep(() => false, deps),
  ])(inner)

chain('answers 504 at the deadline and releases every timer', async () => {
  const { deps, clock } = setup()
  const inner = pending()
  const answer = run(deadlineChain(inner.handler, deps), makeRequest('/api/v1/namespaces?timeout=2s'))
  await flush()
  assert.is(clock.pending(), 1)
  clock.advance(1_999)
  await flush()
  assert.is(inner.seen[0]!.signal.aborted, false)
  clock.advance(1)
  const res = await answer
  assert.is(statusOf(res), 504)
  assert.is(await bodyText(res), timeoutBody)
  assert.is(inner.seen[0]!.signal.aborted, true)
  runFinalizers(res, 'finished')
  assert.is(clock.pending(), 0)
})

chain('answers normally before the deadline and releases the timer when the response ended', async () => {
  const { deps, clock } = setup()
  const inner = pending()
  const answer = run(deadlineChain(inner.handler, deps), makeRequest('/api/v1/namespaces'))
  await flush()
  inner.answer(text(200, 'ok'))
  const res = await answer
  assert.is(statusOf(res), 200)
  assert.is(clock.pending(), 1)
  runFinalizers(res, 'finished')
  assert.ok(clock.pending() <= 1)
  clock.advance(60_000)
  assert.is(clock.pending(), 0, 'the lane timer fires once, finds nothing live and retires')
})

const stepSuite = suite('timeoutStep')

stepSuite('needs RequestInfo and must run inside request-deadline', () => {
  const { deps } = setup()
  const s = timeoutStep(() => false, deps)
  assert.is(s.name, 'timeout')
  assert.equal(s.needs, ['RequestInfo'])
  assert.equal(s.inside, ['request-deadline'])
  const infoStep = step('request-info', identity, { provides: [requestInfoKey] })
  const deadline = step('request-deadline', identity)
  assert.ok(E.isRight(checkChain([infoStep, deadline, s])))
  assert.equal(checkChain([infoStep, s, deadline]), E.left([{ _tag: 'MustRunInside', step: 'timeout', other: 'request-deadline' }]))
})

filter('a large body answered first carries the token as its deadline; a short one is returned as it is', async () => {
  const { filter: f } = setup()
  const source = newCancelSource()
  const big = bytes(200, 'x'.repeat(flushedAtOnceBytes + 1))
  const res = await run(
    f(() => Promise.resolve(big)),
    requestWith(source),
  )
  assert.is.not(res, big)
  assert.is(res._tag === 'Http' ? res.deadline : undefined, requestWith(source).cancel, 'the deadline is the request token')
  assert.is(res._tag === 'Http' && res.body === big.body, true, 'same body')
  const short = bytes(200, 'x'.repeat(flushedAtOnceBytes))
  assert.is(
    await run(
      f(() => Promise.resolve(short)),
      requestWith(source),
    ),
    short,
  )
})

filter.run()
chain.run()
stepSuite.run()
