import * as E from 'fp-ts/lib/Either.js'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { fakeClock } from '../../../src/core/index.js'
import { delayedCheck } from '../../../src/lifecycle/health/delayed-check.js'
import { namedCheck, pingCheck, runCheck } from '../../../src/lifecycle/health/health-check.js'
import { postStartHookCheck, shutdownCheck } from '../../../src/lifecycle/health/latch-checks.js'
import { logCheck } from '../../../src/lifecycle/health/log-check.js'
import { newLatch } from '../../../src/sync/latch.js'
import { makeRequest } from '../../support/request.js'

const req = makeRequest('/healthz')

const health = suite('runCheck')

health('passes a check answer through and turns a rejection into its message', async () => {
  assert.equal(await runCheck(pingCheck, req), E.right(undefined))
  assert.equal(
    await runCheck(
      namedCheck('x', async () => Promise.reject(new Error('down'))),
      req,
    ),
    E.left('down'),
  )
})

health.run()

const log = suite('logCheck')

log('healthy while the minute timer keeps ticking, blocked once the last tick is two minutes old', () => {
  const clock = fakeClock()
  const check = logCheck(clock)
  assert.equal(check.check(req), E.right(undefined))
  assert.is(clock.pending(), 1)
  clock.advance(10 * 60_000)
  assert.equal(check.check(req), E.right(undefined))
  const frozen = { now: () => clock.now(), setTimer: () => () => undefined }
  const stuck = logCheck(frozen)
  stuck.check(req)
  clock.advance(119_999)
  assert.equal(stuck.check(req), E.right(undefined))
  clock.advance(1)
  assert.equal(stuck.check(req), E.left('logging blocked'))
})

log.run()

const latches = suite('latch checks')

latches('shutdown fails with "process is shutting down" once ShutdownInitiated fired', () => {
  const initiated = newLatch('ShutdownInitiated')
  const check = shutdownCheck(initiated)
  assert.is(check.name, 'shutdown')
  assert.equal(check.check(req), E.right(undefined))
  initiated.fire()
  assert.equal(check.check(req), E.left('process is shutting down'))
})

latches('poststarthook/<name> is "not finished" until the hook is done', () => {
  const done = newLatch('done')
  const check = postStartHookCheck('start-informers', done)
  assert.is(check.name, 'poststarthook/start-informers')
  assert.equal(check.check(req), E.left('not finished'))
  done.fire()
  assert.equal(check.check(req), E.right(undefined))
})

latches.run()

const delayed = suite('delayedCheck')

delayed('ok until the grace period passed, then the check, and ok for good once it passes (upstream TestDelayedHealthCheck)', () => {
  const clock = fakeClock(1_000)
  const done = newLatch('done')
  const check = delayedCheck(postStartHookCheck('hook', done), clock, 10_000)
  assert.is(check.name, 'poststarthook/hook')
  clock.advance(10_000)
  assert.equal(check.check(req), E.right(undefined))
  clock.advance(1)
  assert.equal(check.check(req), E.left('not finished'))
  done.fire()
  assert.equal(check.check(req), E.right(undefined))
  clock.advance(60_000)
  assert.equal(check.check(req), E.right(undefined))
})

delayed.run()
