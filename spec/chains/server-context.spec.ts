import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { alwaysAllow, anonymousAuthenticator } from '../../src/auth/index.js'
import { buildSecureHandlerChain, newChainRuntime, newServerContext, serverChain, standaloneContext } from '../../src/chains/index.js'
import { configDefaults } from '../../src/config/server-config.js'
import { defaultDeps, fakeClock, silentLogger, step } from '../../src/core/index.js'
import { muxAwareNotFoundHandler } from '../../src/director/mux-aware-not-found.js'
import { makeRequest, run, statusOf } from '../support/request.js'

const context = suite('newServerContext')

context('keeps the running APF system it is given, for the debug dumps; none by default', () => {
  const apf = { config: { flowSchemas: [], priorityLevels: [] }, levels: new Map() }
  assert.is(newServerContext(defaultDeps, undefined, undefined, apf).apf, apf)
  assert.is(newServerContext(defaultDeps).apf, undefined)
})

context('carries the deps it is given, an empty runtime and unfired signals that report as they fire', () => {
  const deps = { ...defaultDeps, clock: fakeClock(), log: silentLogger }
  const fired: string[] = []
  const ctx = newServerContext(deps, (name) => fired.push(name))
  assert.is(ctx.deps, deps)
  assert.is(ctx.runtime.nonLongRunningRequestWaitGroup.count(), 0)
  assert.ok(Object.values(ctx.signals).every((l) => !l.isFired()))
  ctx.signals.notAcceptingNewRequest.fire()
  assert.equal(fired, ['NotAcceptingNewRequest'])
})

context('two contexts share nothing', () => {
  const a = newServerContext()
  const b = newServerContext()
  assert.is.not(a.runtime.nonLongRunningRequestWaitGroup, b.runtime.nonLongRunningRequestWaitGroup)
  assert.is.not(a.signals.notAcceptingNewRequest, b.signals.notAcceptingNewRequest)
})

context('serverChain keeps the steps as they are, in order', () => {
  const steps = [step('a', (next) => next), step('b', (next) => next)]
  assert.equal(
    serverChain(newServerContext(), steps).map((s) => s.name),
    ['a', 'b'],
  )
})

context('a standalone context has only MuxAndDiscoveryComplete fired: its secure chain answers an unknown path 404, not 503', async () => {
  const ctx = standaloneContext({ ...defaultDeps, log: silentLogger })
  const fired = Object.values(ctx.signals)
    .filter((l) => l.isFired())
    .map((l) => l.name)
  assert.equal(fired, ['MuxAndDiscoveryComplete'])
  const parts = { authenticator: anonymousAuthenticator(), authorizer: alwaysAllow }
  const unknown = () => makeRequest('/apis/example.com/v1')
  assert.is(statusOf(await run(buildSecureHandlerChain(muxAwareNotFoundHandler, ctx, configDefaults, parts), unknown())), 404)
  const starting = newServerContext({ ...defaultDeps, log: silentLogger })
  assert.is(
    statusOf(await run(buildSecureHandlerChain(muxAwareNotFoundHandler, starting, configDefaults, parts), unknown())),
    503,
    'a server not yet started',
  )
})

const runtime = suite('newChainRuntime')

runtime('hands out one pool of seats per limits: the same seats on every call, seats of their own for other limits', () => {
  const r = newChainRuntime()
  const limits = { maxRequestsInFlight: 2, maxMutatingRequestsInFlight: 1 }
  const seats = r.maxInFlightSeats(limits)
  assert.is(r.maxInFlightSeats({ ...limits }), seats)
  assert.equal([seats.readOnly?.limit, seats.mutating?.limit], [2, 1])
  const other = r.maxInFlightSeats({ maxRequestsInFlight: 3, maxMutatingRequestsInFlight: 0 })
  assert.is.not(other, seats)
  assert.equal([other.readOnly?.limit, other.mutating], [3, undefined])
  assert.is.not(newChainRuntime().maxInFlightSeats(limits), seats, 'another runtime has its own seats')
})

context.run()
runtime.run()
