// The server context end to end: a chain built from the context `newGenericServer` hands to
// `buildHandlerChain` is the chain `run()` drains. The type-level half (wrong compositions refused) is
// in server-context-types.spec.ts.
import * as E from 'fp-ts/lib/Either.js'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { alwaysAllow, anonymousAuthenticator } from '../../src/auth/index.js'
import { secureChain } from '../../src/chains/secure-chain.js'
import { configDefaults } from '../../src/config/server-config.js'
import { type Handler, type Response, defaultDeps, fakeClock, runFinalizers, silentLogger, text } from '../../src/core/index.js'
import { handle, newPathMux } from '../../src/director/index.js'
import { prepareRun } from '../../src/lifecycle/prepare-run.js'
import { run } from '../../src/lifecycle/run.js'
import { makeRequest, run as call, statusOf } from '../support/request.js'
import { fakeServe, right, server, settle } from './fixtures.js'

const parts = { authenticator: anonymousAuthenticator(), authorizer: alwaysAllow }

/** A server whose secure chain is built from the context it was handed, with one request it can hold. */
const heldServer = () => {
  let release: () => void = () => undefined
  const held = new Promise<void>((r) => (release = r))
  const slow: Handler = async () => {
    await held
    return text(200, 'done')
  }
  const fake = fakeServe([])
  const s = server({
    name: 'context',
    deps: { ...defaultDeps, clock: fakeClock(), log: silentLogger },
    mux: right(handle('/api/v1/slow', slow)(newPathMux())),
    serve: fake.serve,
    buildHandlerChain: (ctx) => secureChain(ctx, configDefaults, parts),
  })
  return { s, fake, release }
}

const drain = suite('a chain built from the server context')

drain('keeps shutdown waiting while one of its requests is in flight, and lets it finish when the request ends', async () => {
  const { s, fake, release } = heldServer()
  const stop = new AbortController()
  let finished: E.Either<unknown, void> | undefined
  void run(right(prepareRun(s)), stop.signal)().then((r) => (finished = r))
  await settle()
  const pending = call(fake.handler as Handler, makeRequest('/api/v1/slow'))
  await settle()
  assert.is(s.runtime.nonLongRunningRequestWaitGroup.count(), 1, 'the served request is counted in the wait group run() drains')
  stop.abort()
  await settle()
  assert.is(s.signals.notAcceptingNewRequest.isFired(), true)
  assert.is(s.signals.inFlightRequestsDrained.isFired(), false, 'the drain waits for the request in flight')
  release()
  const res: Response = await pending
  assert.is(statusOf(res), 200)
  runFinalizers(res, 'finished')
  await settle()
  assert.is(s.signals.inFlightRequestsDrained.isFired(), true, 'drained once the request ended')
  fake.finish()
  await settle()
  assert.ok(finished !== undefined && E.isRight(finished))
})

drain('sees the server signals: after NotAcceptingNewRequest (shutdownSendRetryAfter) new requests get 429', async () => {
  const fake = fakeServe([])
  const s = server({
    name: 'retry',
    deps: { ...defaultDeps, clock: fakeClock(), log: silentLogger },
    mux: right(handle('/api/v1/fast', async () => text(200, 'fast'))(newPathMux())),
    serve: fake.serve,
    buildHandlerChain: (ctx) => secureChain(ctx, { ...configDefaults, shutdownSendRetryAfter: true }, parts),
  })
  const handler = s.handler.fullHandlerChain
  assert.is(statusOf(await call(handler, makeRequest('/api/v1/fast'))), 200)
  s.signals.notAcceptingNewRequest.fire()
  assert.is(statusOf(await call(handler, makeRequest('/api/v1/fast'))), 429)
})

drain.run()
