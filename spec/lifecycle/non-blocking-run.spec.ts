import * as E from 'fp-ts/lib/Either.js'
import * as O from 'fp-ts/lib/Option.js'
import * as TE from 'fp-ts/lib/TaskEither.js'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { defaultDeps, recordingLogger, silentLogger } from '../../src/core/index.js'
import { addPostStartHook } from '../../src/lifecycle/add-hooks.js'
import { nonBlockingRun } from '../../src/lifecycle/non-blocking-run.js'
import { prepareRun } from '../../src/lifecycle/prepare-run.js'
import { bodyText, makeRequest, run } from '../support/request.js'
import { fakeServe, right, server, settle } from './fixtures.js'

const nbr = suite('nonBlockingRun')

nbr('serves the full chain, then starts hooks with the stop signal, then notifies; stop closes the listener', async () => {
  const events: string[] = []
  const fake = fakeServe(events)
  let s = server({
    name: 's',
    deps: { ...defaultDeps, log: silentLogger },
    serve: fake.serve,
    notifyReady: async () => (events.push('notified'), E.right(undefined)),
  })
  const stop = new AbortController()
  s = right(
    addPostStartHook(s, 'hook', (ctx) => () => (events.push(`hook:${ctx.signal === stop.signal}`), Promise.resolve(E.right(undefined)))),
  )
  const prepared = right(prepareRun(s))
  const serving = right(await nonBlockingRun(prepared, stop.signal, 1_234)())
  assert.ok(O.isSome(serving))
  assert.is(fake.timeoutMs, 1_234)
  assert.equal(events, ['hook:true', 'notified'])
  assert.is(s.state.postStartHooksCalled, true)
  await settle()
  assert.is(await bodyText(await run(fake.handler!, makeRequest('/healthz/poststarthook/hook'))), 'ok')
  stop.abort()
  await settle()
  assert.equal(events, ['hook:true', 'notified', 'listener closed'])
})

nbr('a serve failure is a Left and no hook runs', async () => {
  let ran = false
  let s = server({
    name: 's',
    deps: { ...defaultDeps, log: silentLogger },
    serve: fakeServe([], { _tag: 'BadTlsMaterial', message: 'bad cert' }).serve,
  })
  s = right(addPostStartHook(s, 'hook', () => ((ran = true), TE.right(undefined))))
  const r = await nonBlockingRun(right(prepareRun(s)), new AbortController().signal)()
  assert.equal(r, E.left({ _tag: 'ServeFailed', message: 'bad cert' }))
  assert.is(ran, false)
})

nbr('without a serve function it answers none; a failed notification is logged, not fatal', async () => {
  const rec = recordingLogger()
  const s = server({ name: 's', deps: { ...defaultDeps, log: rec.log }, notifyReady: async () => E.left('no socket') })
  const r = await nonBlockingRun(right(prepareRun(s)), new AbortController().signal)()
  assert.equal(r, E.right(O.none))
  assert.ok(rec.entries.some((e) => e.level === 'error' && e.msg === 'Unable to send systemd daemon successful start message: no socket'))
})

nbr.run()
