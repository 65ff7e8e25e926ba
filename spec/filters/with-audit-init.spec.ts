import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import * as E from 'fp-ts/lib/Either.js'
import * as O from 'fp-ts/lib/Option.js'
import fc from 'fast-check'
import { checkChain } from '../../src/chains/index.js'
import { type Handler, constant, forbidden, get, identity, setHeader, step, text, toResponse } from '../../src/core/index.js'
import { auditIdKey } from '../../src/request/index.js'
import { auditIdForLog, auditInitStep, withAuditInit } from '../../src/filters/with-audit-init.js'
import { makeRequest, run, statusOf } from '../support/request.js'

const ids = (...values: string[]) => {
  let i = 0
  return { newId: () => values[i++] ?? 'exhausted' }
}

/** An inner handler that answers 200 with the audit ID it saw as the body. */
const echoId: Handler = (req) => Promise.resolve(text(200, O.getOrElse(() => '<none>')(get(req, auditIdKey))))

const filter = suite('withAuditInit')

filter('takes the Audit-ID request header verbatim, stores it and echoes it', async () => {
  const long = 'x'.repeat(100)
  const res = await run(withAuditInit(ids('fresh'))(echoId), makeRequest('/api', { headers: { 'audit-id': long } }))
  assert.is(res.headers['audit-id'], long)
  assert.equal(res._tag === 'Http' && res.body, { _tag: 'Bytes', value: long })
})

filter('makes a fresh ID when the header is absent or empty', async () => {
  const h = withAuditInit(ids('id-1', 'id-2'))(echoId)
  const a = await run(h, makeRequest('/'))
  const b = await run(h, makeRequest('/', { headers: { 'audit-id': '' } }))
  assert.is(a.headers['audit-id'], 'id-1')
  assert.is(b.headers['audit-id'], 'id-2')
  assert.equal(b._tag === 'Http' && b.body, { _tag: 'Bytes', value: 'id-2' })
})

filter('sets Audit-ID on error responses made by inner filters', async () => {
  const denied = constant(toResponse(forbidden('', 'pods', '', 'no')))
  const res = await run(withAuditInit(ids('id-9'))(denied), makeRequest('/api/v1/pods'))
  assert.is(statusOf(res), 403)
  assert.is(res.headers['audit-id'], 'id-9')
})

filter('keeps an Audit-ID the inner handler already set', async () => {
  const proxied = constant(setHeader('audit-id', 'from-aggregated')(text(200, 'ok')))
  const res = await run(withAuditInit(ids('id-1'))(proxied), makeRequest('/', { headers: { 'audit-id': 'client' } }))
  assert.is(res.headers['audit-id'], 'from-aggregated')
})

filter('echoes any non-empty header value exactly', async () => {
  await fc.assert(
    fc.asyncProperty(fc.string({ minLength: 1 }), async (id) => {
      const res = await run(withAuditInit(ids('fresh'))(echoId), makeRequest('/', { headers: { 'audit-id': id } }))
      return res.headers['audit-id'] === id
    }),
    { numRuns: 50 },
  )
})

filter.run()

const stepSuite = suite('auditInitStep')

stepSuite('is named audit-init and provides AuditID', () => {
  const s = auditInitStep(ids())
  assert.is(s.name, 'audit-init')
  assert.equal(s.provides, ['AuditID'])
  assert.equal(s.needs, [])
})

stepSuite('satisfies a step that needs AuditID only from outside it', () => {
  const reader = step('reader', identity, { needs: ['AuditID'] })
  assert.ok(E.isRight(checkChain([auditInitStep(ids()), reader])))
  assert.ok(E.isLeft(checkChain([reader, auditInitStep(ids())])))
})

stepSuite.run()

const forLog = suite('auditIdForLog')

forLog('cuts the audit ID to its first 64 characters', () => {
  const id = 'a'.repeat(64) + 'b'.repeat(10)
  let seen = ''
  void withAuditInit(ids())((r) => {
    seen = auditIdForLog(r)
    return constant(text(200, ''))(r)
  })(makeRequest('/', { headers: { 'audit-id': id } }))
  assert.is(seen, 'a'.repeat(64))
})

forLog('keeps a short audit ID whole and gives an empty string without one', () => {
  let seen = ''
  void withAuditInit(ids('short-id'))((r) => {
    seen = auditIdForLog(r)
    return constant(text(200, ''))(r)
  })(makeRequest('/'))
  assert.is(seen, 'short-id')
  assert.is(auditIdForLog(makeRequest('/')), '')
})

forLog.run()
