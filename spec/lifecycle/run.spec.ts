import * as E from 'fp-ts/lib/Either.js'
import * as TE from 'fp-ts/lib/TaskEither.js'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { requestInfoResolverConfig } from '../../src/chains/resolver-config.js'
import { serverChain } from '../../src/chains/server-context.js'
import { configDefaults } from '../../src/config/server-config.js'
import { type Handler, defaultDeps, fakeClock, runFinalizers, silentLogger, text } from '../../src/core/index.js'
import { handle, newPathMux } from '../../src/director/index.js'
import { requestInfoStep } from '../../src/filters/with-request-info.js'
import { retryAfterStep } from '../../src/filters/with-retry-after.js'
import { waitGroupStep } from '../../src/filters/with-wait-group.js'
import { addPostStartHook, addPreShutdownHook } from '../../src/lifecycle/add-hooks.js'
import { lifecycleDefaults } from '../../src/lifecycle/lifecycle-config.js'
import { newLatch } from '../../src/sync/latch.js'
import { prepareRun } from '../../src/lifecycle/prepare-run.js'
import { run } from '../../src/lifecycle/run.js'
import { bodyText, makeRequest, run as call, statusOf } from '../support/request.js'
import { fakeServe, right, server, settle } from './fixtures.js'

const signalNames = new Set([
  'ShutdownInitiated',
  'AfterShutdownDelayDuration',
  'PreShutdownHooksStopped',
  'NotAcceptingNewRequest',
  'HTTPServerStoppedListening',
  'InFlightRequestsDrained',
])

/** A server with upstream's chain pieces that matter at shutdown, a held request, a held pre-shutdown hook. */
const scenario = (shutdownSendRetryAfter: boolean) => {
  const events: string[] = []
  const clock = fakeClock()
  const deps = { ...defaultDeps, clock, log: silentLogger }
  const fake = fakeServe(events)
  const gate = (): { wait: Promise<void>; open: () => void } => {
    let open: () => void = () => undefined
    const wait = new Promise<void>((r) => (open = r))
    return { wait, open }
  }
  const inFlight = gate()
  const hookGate = gate()
  const slow: Handler = async () => {
    await inFlight.wait
    return text(200, 'done')
  }
  const mux = right(E.chain(handle('/api/v1/fast', async () => text(200, 'fast')))(handle('/api/v1/slow', slow)(newPathMux())))
  let s = server({
    name: 'graceful',
    deps,
    mux,
    serve: fake.serve,
    onSignal: (name) => events.push(name),
    config: { ...lifecycleDefaults, shutdownDelayDuration: 100, shutdownSendRetryAfter },
    auditBackend: {
      run: () => (events.push('audit run'), E.right(undefined)),
      shutdown: async () => void events.push('audit shutdown'),
    },
    buildHandlerChain: (ctx) =>
      serverChain(ctx, [
        requestInfoStep(requestInfoResolverConfig(configDefaults), ctx.deps),
        retryAfterStep(ctx.signals.notAcceptingNewRequest),
        waitGroupStep(configDefaults.longRunningFunc, ctx.runtime.nonLongRunningRequestWaitGroup, ctx.deps),
      ]),
  })
  s = right(
    addPostStartHook(s, 'watcher', (ctx) => async () => {
      events.push('post-start hook')
      ctx.signal.addEventListener('abort', () => events.push('post-start signal aborted'))
      return E.right(undefined)
    }),
  )
  s = right(
    addPreShutdownHook(s, 'leave-endpoints', async () => {
      events.push('pre-shutdown hook start')
      await hookGate.wait
      events.push('pre-shutdown hook end')
      return E.right(undefined)
    }),
  )
  const get = async (url: string) => {
    const res = await call(fake.handler as Handler, makeRequest(url))
    const out = { status: statusOf(res), body: await bodyText(res) }
    runFinalizers(res, 'finished')
    return out
  }
  return { events, clock, fake, inFlight, hookGate, prepared: right(prepareRun(s)), get, runtime: s.runtime }
}

const graceful = async (shutdownSendRetryAfter: boolean) => {
  const sc = scenario(shutdownSendRetryAfter)
  const stop = new AbortController()
  let finished: E.Either<unknown, void> | undefined
  void run(sc.prepared, stop.signal)().then((r) => (finished = r))
  await settle()
  assert.is(sc.fake.timeoutMs, shutdownSendRetryAfter ? 2_000 : 60_000)
  assert.equal((await sc.get('/readyz')).status, 200)
  const held = call(sc.fake.handler as Handler, makeRequest('/api/v1/slow'))
  stop.abort()
  await settle()
  assert.equal(await sc.get('/readyz?verbose'), {
    status: 500,
    body: '[+]ping ok\n[+]log ok\n[+]poststarthook/watcher ok\n[-]shutdown failed: reason withheld\nreadyz check failed\n',
  })
  assert.equal(await sc.get('/livez'), { status: 200, body: 'ok' })
  assert.equal(await sc.get('/api/v1/fast'), { status: 200, body: 'fast' }, 'accepted during the delay')
  sc.clock.advance(100)
  await settle()
  assert.equal(await sc.get('/api/v1/fast'), { status: 200, body: 'fast' }, 'accepted while a pre-shutdown hook runs')
  sc.hookGate.open()
  await settle()
  assert.is((await sc.get('/api/v1/fast')).status, 429)
  assert.is((await sc.get('/healthz')).status, 200, 'health paths are exempt')
  sc.inFlight.open()
  const res = await held
  assert.equal([statusOf(res), await bodyText(res)], [200, 'done'], 'the request in flight completes')
  runFinalizers(res, 'finished')
  await settle()
  assert.is(finished, undefined, 'run waits for serving to stop')
  sc.fake.finish()
  await settle()
  assert.equal(finished, E.right(undefined))
  return sc.events
}

const runSuite = suite('run')

runSuite('without ShutdownSendRetryAfter: the listener closes at NotAcceptingNewRequest, before the drain', async () => {
  const events = await graceful(false)
  assert.equal(
    events.filter((e) => signalNames.has(e)),
    [
      'ShutdownInitiated',
      'AfterShutdownDelayDuration',
      'PreShutdownHooksStopped',
      'NotAcceptingNewRequest',
      'HTTPServerStoppedListening',
      'InFlightRequestsDrained',
    ],
  )
  assert.equal(events.slice(0, 4), ['audit run', 'post-start hook', 'MuxAndDiscoveryComplete', 'HasBeenReady'])
  const at = (e: string) => events.indexOf(e)
  assert.ok(at('pre-shutdown hook start') > at('ShutdownInitiated') && at('pre-shutdown hook end') > at('AfterShutdownDelayDuration'))
  assert.ok(
    at('post-start signal aborted') > at('NotAcceptingNewRequest') && at('post-start signal aborted') < at('HTTPServerStoppedListening'),
  )
  assert.ok(at('listener closed') < at('InFlightRequestsDrained'))
  assert.ok(at('audit shutdown') > at('InFlightRequestsDrained'))
})

runSuite('with ShutdownSendRetryAfter: keeps listening until drained, then closes with a 2 s timeout', async () => {
  const events = await graceful(true)
  assert.equal(
    events.filter((e) => signalNames.has(e)),
    [
      'ShutdownInitiated',
      'AfterShutdownDelayDuration',
      'PreShutdownHooksStopped',
      'NotAcceptingNewRequest',
      'InFlightRequestsDrained',
      'HTTPServerStoppedListening',
    ],
  )
  const at = (e: string) => events.indexOf(e)
  assert.ok(at('listener closed') > at('InFlightRequestsDrained'))
  assert.ok(at('post-start signal aborted') > at('InFlightRequestsDrained'))
  assert.ok(at('audit shutdown') > at('InFlightRequestsDrained'))
})

runSuite('a serve failure is a Left naming it; nothing is left listening', async () => {
  const s = server({
    name: 's',
    deps: { ...defaultDeps, log: silentLogger },
    serve: fakeServe([], { _tag: 'ListenFailed', message: 'failed to listen on 127.0.0.1:6443: address already in use' }).serve,
  })
  const r = await run(right(prepareRun(s)), new AbortController().signal)()
  assert.equal(r, E.left({ _tag: 'ServeFailed', message: 'failed to listen on 127.0.0.1:6443: address already in use' }))
})

runSuite('an audit backend that cannot run fails the run before serving', async () => {
  const events: string[] = []
  const fake = fakeServe(events)
  const s = server({
    name: 's',
    deps: { ...defaultDeps, log: silentLogger },
    serve: fake.serve,
    auditBackend: { run: () => E.left('no file'), shutdown: async () => undefined },
  })
  const r = await run(right(prepareRun(s)), new AbortController().signal)()
  assert.equal(r, E.left({ _tag: 'AuditRunFailed', message: 'failed to run the audit backend: no file' }))
  assert.is(fake.handler, undefined)
})

runSuite('a failing pre-shutdown hook ends the run with its error after PreShutdownHooksStopped', async () => {
  const fired: string[] = []
  let s = server({ name: 's', deps: { ...defaultDeps, log: silentLogger }, onSignal: (n) => fired.push(n) })
  s = right(addPreShutdownHook(s, 'bad', TE.left('lease gone')))
  const stop = new AbortController()
  stop.abort()
  const r = await run(right(prepareRun(s)), stop.signal)()
  assert.equal(r, E.left({ _tag: 'PreShutdownHookFailed', message: 'PreShutdownHook "bad" failed: lease gone' }))
  assert.ok(fired.includes('PreShutdownHooksStopped'))
})

runSuite('MuxAndDiscoveryComplete waits for every registered signal, and never fires once stopped', async () => {
  const crds = newLatch('CRDs')
  const a = server({ name: 'a', deps: { ...defaultDeps, log: silentLogger }, muxAndDiscoveryCompleteSignals: [crds] })
  const stop = new AbortController()
  void run(right(prepareRun(a)), stop.signal)()
  await settle()
  assert.is(a.signals.muxAndDiscoveryComplete.isFired(), false)
  crds.fire()
  await settle()
  assert.is(a.signals.muxAndDiscoveryComplete.isFired(), true)
  stop.abort()
  const b = server({ name: 'b', deps: { ...defaultDeps, log: silentLogger }, muxAndDiscoveryCompleteSignals: [newLatch('never')] })
  const stopB = new AbortController()
  void run(right(prepareRun(b)), stopB.signal)()
  stopB.abort()
  await settle()
  assert.is(b.signals.muxAndDiscoveryComplete.isFired(), false)
  assert.is(b.signals.inFlightRequestsDrained.isFired(), true)
})

runSuite('with a watch grace period, InFlightRequestsDrained waits for watches up to the grace period', async () => {
  const clock = fakeClock()
  const s = server({
    name: 'w',
    deps: { ...defaultDeps, clock, log: silentLogger },
    config: { ...lifecycleDefaults, shutdownWatchTerminationGracePeriod: 2_000 },
  })
  assert.ok(E.isRight(s.runtime.watchRequestWaitGroup.add()))
  const stop = new AbortController()
  void run(right(prepareRun(s)), stop.signal)()
  stop.abort()
  await settle()
  assert.is(s.signals.notAcceptingNewRequest.isFired(), true)
  assert.is(s.signals.inFlightRequestsDrained.isFired(), false)
  clock.advance(1_999)
  await settle()
  assert.is(s.signals.inFlightRequestsDrained.isFired(), false)
  clock.advance(1)
  await settle()
  assert.is(s.signals.inFlightRequestsDrained.isFired(), true)
})

runSuite.run()
