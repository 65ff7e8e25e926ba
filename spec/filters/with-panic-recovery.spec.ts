import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import * as E from 'fp-ts/lib/Either.js'
import { checkChain } from '../../src/chains/index.js'
import { type Handler, abortHandler, identity, put, recordingLogger, step, text } from '../../src/core/index.js'
import { auditIdKey } from '../../src/request/index.js'
import { auditInitStep } from '../../src/filters/with-audit-init.js'
import { panicRecoveryStep, withPanicRecovery } from '../../src/filters/with-panic-recovery.js'
import { bodyText, makeRequest, run, statusOf, now } from '../support/request.js'

const boom = new Error('boom')
const throwsNow: Handler = () => {
  throw boom
}
const rejects: Handler = () => Promise.reject(boom)
const abortsNow: Handler = () => {
  throw abortHandler
}
const abortsLater: Handler = () => Promise.reject(abortHandler)

const request = () => makeRequest('/api/v1/pods?limit=1', { method: 'POST' })

const filter = suite('withPanicRecovery')

filter('answers a handler that throws with upstream 500 text', async () => {
  const { log } = recordingLogger()
  const res = await run(withPanicRecovery({ log })(throwsNow), request())
  assert.is(statusOf(res), 500)
  assert.is(await bodyText(res), 'This request caused apiserver to panic. Look in the logs for details.\n')
  assert.equal(res.headers, { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' })
})

filter('answers a handler whose promise rejects the same way', async () => {
  const { log } = recordingLogger()
  const res = await run(withPanicRecovery({ log })(rejects), request())
  assert.is(statusOf(res), 500)
  assert.is(await bodyText(res), 'This request caused apiserver to panic. Look in the logs for details.\n')
})

filter("logs apiserver panic'd with method, URI, audit ID and the error", async () => {
  const { log, entries } = recordingLogger()
  const h = withPanicRecovery({ log })(rejects)
  await run(auditInitStep({ newId: () => 'audit-1' }).filter(h), request())
  assert.equal(entries, [
    { level: 'error', msg: "apiserver panic'd", fields: { method: 'POST', URI: '/api/v1/pods?limit=1', auditID: 'audit-1' }, error: boom },
  ])
})

filter('passes abortHandler on, thrown or rejected, and logs it without an error', async () => {
  for (const h of [abortsNow, abortsLater]) {
    const { log, entries } = recordingLogger()
    let caught: unknown
    await run(withPanicRecovery({ log })(h), request()).catch((e: unknown) => (caught = e))
    assert.is(caught, abortHandler)
    assert.equal(entries, [
      { level: 'error', msg: 'Timeout or abort while handling', fields: { method: 'POST', URI: '/api/v1/pods?limit=1', auditID: '' } },
    ])
  }
})

filter('leaves ordinary responses alone and logs nothing', async () => {
  const { log, entries } = recordingLogger()
  const ok = text(201, 'made')
  const res = await run(
    withPanicRecovery({ log })(() => Promise.resolve(ok)),
    put(request(), auditIdKey, 'x'),
  )
  assert.is(res, ok)
  assert.equal(entries, [])
})

filter('returns a response given at once itself: nothing to recover, no extra turn', () => {
  const { log, entries } = recordingLogger()
  const ok = text(200, 'ok')
  const p = withPanicRecovery({ log })(() => ok)(request())
  assert.is(p, ok)
  assert.is(now(p)?._tag, 'Http')
  assert.equal(entries, [])
})

filter.run()

const stepSuite = suite('panicRecoveryStep')

stepSuite('is named panic-recovery, inside audit-init and outside routine', () => {
  const s = panicRecoveryStep({ log: recordingLogger().log })
  assert.is(s.name, 'panic-recovery')
  assert.equal(s.inside, ['audit-init'])
  assert.equal(s.outside, ['routine'])
  assert.equal(s.needs, [])
})

stepSuite('is rejected outside audit-init and outside-of-routine violations are caught', () => {
  const recovery = panicRecoveryStep({ log: recordingLogger().log })
  const audit = auditInitStep({ newId: () => 'x' })
  const routine = step('routine', identity)
  assert.ok(E.isRight(checkChain([audit, recovery, routine])))
  assert.equal(checkChain([recovery, audit]), E.left([{ _tag: 'MustRunInside', step: 'panic-recovery', other: 'audit-init' }]))
  assert.equal(checkChain([audit, routine, recovery]), E.left([{ _tag: 'MustRunOutside', step: 'panic-recovery', other: 'routine' }]))
})

stepSuite.run()
