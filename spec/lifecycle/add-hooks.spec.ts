import * as TE from 'fp-ts/lib/TaskEither.js'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { defaultDeps, fakeClock, silentLogger } from '../../src/core/index.js'
import { addPostStartHook, addPreShutdownHook } from '../../src/lifecycle/add-hooks.js'
import { lifecycleDefaults } from '../../src/lifecycle/lifecycle-config.js'
import { prepareRun } from '../../src/lifecycle/prepare-run.js'
import { leftMessage, right, server } from './fixtures.js'

const deps = { ...defaultDeps, clock: fakeClock(), log: silentLogger }
const ok = () => TE.right(undefined)
const fresh = () => server({ name: 's', deps, config: { ...lifecycleDefaults, disabledPostStartHooks: ['off'] } })

const post = suite('addPostStartHook')

post('adds the hook and its poststarthook/<name> check to every endpoint', () => {
  const s = right(addPostStartHook(fresh(), 'start', ok))
  assert.equal(
    s.postStartHooks.map((h) => h.name),
    ['start'],
  )
  for (const r of [s.health.healthz, s.health.livez, s.health.readyz]) assert.is(r[r.length - 1]?.name, 'poststarthook/start')
})

post('refuses an empty name, a missing hook and a duplicate with upstream messages', () => {
  assert.is(leftMessage(addPostStartHook(fresh(), '', ok)), 'missing name')
  assert.is(leftMessage(addPostStartHook(fresh(), 'x', undefined)), 'hook func may not be nil: "x"')
  const once = right(addPostStartHook(fresh(), 'x', ok))
  assert.match(leftMessage(addPostStartHook(once, 'x', ok)), /^unable to add "x" because it was already registered by: .*add-hooks\.spec/s)
})

post('skips a disabled hook silently', () => {
  const s = fresh()
  assert.is(right(addPostStartHook(s, 'off', ok)), s)
})

post('refuses once hooks ran, and once the health endpoints are installed', () => {
  const s = fresh()
  right(prepareRun(s))
  assert.is(leftMessage(addPostStartHook(s, 'late', ok)), 'unable to add because the /healthz endpoint has already been created')
  s.state.postStartHooksCalled = true
  assert.is(leftMessage(addPostStartHook(s, 'late', ok)), 'unable to add "late" because PostStartHooks have already been called')
})

post.run()

const pre = suite('addPreShutdownHook')

pre('adds in order, ignores a missing hook, refuses empty names, duplicates and late additions', () => {
  const hook = TE.right<string, void>(undefined)
  const s = right(addPreShutdownHook(right(addPreShutdownHook(fresh(), 'a', hook)), 'b', hook))
  assert.equal(
    s.preShutdownHooks.map((h) => h.name),
    ['a', 'b'],
  )
  assert.is(right(addPreShutdownHook(s, 'c', undefined)), s)
  assert.is(leftMessage(addPreShutdownHook(s, '', hook)), 'missing name')
  assert.is(leftMessage(addPreShutdownHook(s, 'a', hook)), 'unable to add "a" because it is already registered')
  s.state.preShutdownHooksCalled = true
  assert.is(leftMessage(addPreShutdownHook(s, 'd', hook)), 'unable to add "d" because PreShutdownHooks have already been called')
})

pre.run()
