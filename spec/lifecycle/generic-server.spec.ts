import * as E from 'fp-ts/lib/Either.js'
import * as TE from 'fp-ts/lib/TaskEither.js'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { type ServerContext, serverChain } from '../../src/chains/server-context.js'
import { type Deps, constant, defaultDeps, fakeClock, silentLogger, step, text } from '../../src/core/index.js'
import { emptyDelegateWithCustomHandler, handle, newPathMux } from '../../src/director/index.js'
import { addPostStartHook, addPreShutdownHook } from '../../src/lifecycle/add-hooks.js'
import { isGenericServer, newGenericServer, registerMuxAndDiscoveryCompleteSignal } from '../../src/lifecycle/generic-server.js'
import { namedCheck, pingCheck } from '../../src/lifecycle/health/health-check.js'
import { logCheck } from '../../src/lifecycle/health/log-check.js'
import { newLatch } from '../../src/sync/latch.js'
import { nonBlockingRun } from '../../src/lifecycle/non-blocking-run.js'
import { prepareRun } from '../../src/lifecycle/prepare-run.js'
import { bodyText, makeRequest, run, statusOf } from '../support/request.js'
import { leftMessage, right, server, settle } from './fixtures.js'

const deps = (): Deps => ({ ...defaultDeps, clock: fakeClock(), log: silentLogger })
const ok = () => TE.right(undefined)

const make = suite('newGenericServer')

make('serves its mux through the chain made from its own signals and runtime', async () => {
  const seen: string[] = []
  let given: ServerContext | undefined
  const mux = right(handle('/version', constant(text(200, 'v1')))(newPathMux()))
  const s = server({
    name: 'one',
    deps: deps(),
    mux,
    buildHandlerChain: (ctx) => {
      const { signals, runtime } = ctx
      seen.push(signals.notAcceptingNewRequest.name, typeof runtime.nonLongRunningRequestWaitGroup.wait)
      given = ctx
      return serverChain(ctx, [
        step('refuse', (next) => (req) => (signals.notAcceptingNewRequest.isFired() ? constant(text(429, 'no'))(req) : next(req))),
      ])
    },
  })
  assert.equal(seen, ['NotAcceptingNewRequest', 'function'])
  assert.ok(isGenericServer(s))
  assert.ok(
    given !== undefined && given.signals === s.signals && given.runtime === s.runtime && given.deps === s.deps,
    'the server is the context it handed out',
  )
  assert.is(await bodyText(await run(s.handler.fullHandlerChain, makeRequest('/version'))), 'v1')
  s.signals.notAcceptingNewRequest.fire()
  assert.is(statusOf(await run(s.handler.fullHandlerChain, makeRequest('/version'))), 429)
})

make('defaults to ping and log on each endpoint', () => {
  const s = server({ name: 'one', deps: deps() })
  assert.equal(
    s.health.healthz.map((c) => c.name),
    ['ping', 'log'],
  )
  assert.equal(
    s.health.livez.map((c) => c.name),
    ['ping', 'log'],
  )
  assert.equal(
    s.health.readyz.map((c) => c.name),
    ['ping', 'log'],
  )
})

make('merges a GenericServer delegate: hooks copied, its healthz checks after own ones (upstream TestNewWithDelegate)', async () => {
  const d = deps()
  const checks = [pingCheck, logCheck(d.clock)]
  const delegateMux = right(handle('/foo', constant(text(200, 'foo')))(newPathMux()))
  let delegate = server({
    name: 'delegate',
    deps: d,
    mux: delegateMux,
    healthzChecks: [...checks, namedCheck('delegate-health', () => E.left('bad'))],
  })
  delegate = right(addPostStartHook(delegate, 'delegate-post-start-hook', ok))
  delegate = right(addPreShutdownHook(delegate, 'delegate-pre-shutdown-hook', TE.right(undefined)))
  let wrapping = server({
    name: 'wrapping',
    deps: d,
    delegate,
    healthzChecks: [...checks, namedCheck('wrapping-health', () => E.left('bad'))],
  })
  wrapping = right(addPostStartHook(wrapping, 'wrapping-post-start-hook', ok))
  assert.equal(
    wrapping.preShutdownHooks.map((h) => h.name),
    ['delegate-pre-shutdown-hook'],
  )
  assert.is(
    leftMessage(addPreShutdownHook(wrapping, 'delegate-pre-shutdown-hook', TE.right(undefined))),
    'unable to add "delegate-pre-shutdown-hook" because it is already registered',
  )
  assert.ok(
    leftMessage(addPostStartHook(wrapping, 'delegate-post-start-hook', ok)).startsWith(
      'unable to add "delegate-post-start-hook" because it was already registered by: ',
    ),
  )
  const prepared = right(prepareRun(wrapping))
  right(await nonBlockingRun(prepared, new AbortController().signal)())
  await settle()
  const res = await run(prepared.server.handler.fullHandlerChain, makeRequest('/healthz'))
  assert.is(statusOf(res), 500)
  assert.is(
    await bodyText(res),
    '[+]ping ok\n[+]log ok\n[-]wrapping-health failed: reason withheld\n[-]delegate-health failed: reason withheld\n' +
      '[+]poststarthook/delegate-post-start-hook ok\n[+]poststarthook/wrapping-post-start-hook ok\nhealthz check failed\n',
  )
  assert.is(await bodyText(await run(prepared.server.handler.fullHandlerChain, makeRequest('/foo'))), 'foo')
  assert.ok(wrapping.listedPaths().includes('/foo'))
  assert.ok(wrapping.listedPaths().includes('/healthz/delegate-health'), 'the delegate was prepared too')
})

make('a plain delegation target answers what the server does not', async () => {
  const s = server({ name: 'one', deps: deps(), delegate: emptyDelegateWithCustomHandler(constant(text(503, 'later'))) })
  const res = await run(s.handler.fullHandlerChain, makeRequest('/nothing'))
  assert.equal([statusOf(res), await bodyText(res)], [503, 'later'])
})

make('a mux that already has the index path is refused with the mux message', () => {
  const mux = right(handle('/', constant(text(200, 'mine')))(newPathMux()))
  assert.is(leftMessage(newGenericServer({ name: 'x', deps: deps(), mux })), 'duplicate path registration of "/"')
})

make.run()

const signalsSuite = suite('registerMuxAndDiscoveryCompleteSignal')

signalsSuite('refuses a name registered already, also through the delegate', () => {
  const d = deps()
  const delegate = right(registerMuxAndDiscoveryCompleteSignal(server({ name: 'd', deps: d }), newLatch('CRDsReady')))
  const front = server({ name: 'f', deps: d, delegate })
  assert.equal(
    front.muxAndDiscoveryCompleteSignals.map((l) => l.name),
    ['CRDsReady'],
  )
  assert.is(leftMessage(registerMuxAndDiscoveryCompleteSignal(front, newLatch('CRDsReady'))), 'CRDsReady already registered')
  assert.is(
    leftMessage(newGenericServer({ name: 'g', deps: d, delegate, muxAndDiscoveryCompleteSignals: [newLatch('CRDsReady')] })),
    'CRDsReady already registered',
  )
})

signalsSuite.run()
