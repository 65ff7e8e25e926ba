import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import type { Policy, Stage } from '../../src/audit/policy.js'
import { policyEvaluator } from '../../src/audit/policy-evaluator.js'
import {
  type Deps,
  type Handler,
  type Request,
  fakeClock,
  newRequest,
  parseTarget,
  put,
  recordingLogger,
  toResponse,
  unauthorized,
} from '../../src/core/index.js'
import { authMethods, withFailedAuthenticationAudit } from '../../src/filters/with-failed-authentication-audit.js'
import { auditIdKey } from '../../src/request/facts.js'
import { requestInfoKey } from '../../src/request/request-info.js'
import { memoryBackend } from '../audit/fixtures.js'
import { resourceInfo } from '../support/request-info.js'
import { bodyText, makeRequest, run, statusOf } from '../support/request.js'

const t0 = Date.UTC(2026, 10, 23, 10)
const unauthorizedHandler: Handler = () => Promise.resolve(toResponse(unauthorized('Unauthorized')))
const policy = (rule: Policy['rules'][number], omitStages?: ReadonlyArray<Stage>): Policy => ({
  apiVersion: 'audit.k8s.io/v1',
  kind: 'Policy',
  rules: [rule],
  ...(omitStages ? { omitStages } : {}),
})

const setup = (p: Policy) => {
  const mem = memoryBackend()
  const deps: Deps = { clock: fakeClock(t0), newId: () => 'x', random: () => 0, log: recordingLogger().log }
  return { mem, handler: withFailedAuthenticationAudit(unauthorizedHandler, mem.backend, policyEvaluator(p), deps) }
}
const failedRequest = (url = '/api/v1/pods', headers: Record<string, string> = {}): Request =>
  put(put(makeRequest(url, { headers }), requestInfoKey, resourceInfo('list', 'pods')), auditIdKey, 'id-1')

const Failed = suite('withFailedAuthenticationAudit')

Failed('audits a refused request once, at ResponseStarted, with the credentials tried', async () => {
  const { mem, handler } = setup(policy({ level: 'Metadata' }))
  const res = await run(handler, failedRequest('/api/v1/pods', { authorization: 'Bearer abc' }))
  assert.is(statusOf(res), 401)
  assert.is(
    await bodyText(res),
    '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Unauthorized","reason":"Unauthorized","code":401}\n',
  )
  assert.is(mem.events.length, 1)
  const ev = mem.events[0]
  assert.is(ev?.stage, 'ResponseStarted')
  assert.is(ev?.auditID, 'id-1')
  assert.equal(ev?.user, {})
  assert.equal(ev?.responseStatus, { metadata: {}, message: 'Authentication failed, attempted: bearer', code: 401 })
  assert.is(ev?.stageTimestamp, '2026-11-23T10:00:00.000000Z')
})

Failed('level None, or a rule for named users only, leaves the failure unaudited', async () => {
  for (const p of [
    policy({ level: 'None' }),
    policy({ level: 'Metadata', users: ['tim'] }),
    policy({ level: 'Metadata', userGroups: ['system:unauthenticated'] }),
  ]) {
    const { mem, handler } = setup(p)
    assert.is(statusOf(await run(handler, failedRequest())), 401)
    assert.equal(mem.events, [])
  }
})

Failed('a policy answering None for everyone gives back the failure handler itself', () => {
  const mem = memoryBackend()
  const deps: Deps = { clock: fakeClock(t0), newId: () => 'x', random: () => 0, log: () => undefined }
  assert.is(
    withFailedAuthenticationAudit(unauthorizedHandler, mem.backend, policyEvaluator(policy({ level: 'None' })), deps),
    unauthorizedHandler,
  )
  assert.is.not(
    withFailedAuthenticationAudit(unauthorizedHandler, mem.backend, policyEvaluator(policy({ level: 'Metadata' })), deps),
    unauthorizedHandler,
  )
})

Failed('respects omitStages', async () => {
  const { mem, handler } = setup(policy({ level: 'Metadata' }, ['ResponseStarted']))
  await run(handler, failedRequest())
  assert.equal(mem.events, [])
})

Failed('no RequestInfo: 500 failed to create audit event', async () => {
  const { handler } = setup(policy({ level: 'Metadata' }))
  const res = await run(handler, makeRequest('/api/v1/pods'))
  assert.is(statusOf(res), 500)
  assert.is(await bodyText(res), 'Internal Server Error: "/api/v1/pods": failed to create audit event\n')
})

const Methods = suite('authMethods')

Methods('lists basic, bearer, access_token and x509 as upstream getAuthMethods', () => {
  const basic = `Basic ${Buffer.from('tim:pw').toString('base64')}`
  assert.is(authMethods(makeRequest('/')), 'Authentication failed, no credentials provided')
  assert.is(authMethods(makeRequest('/', { headers: { authorization: basic } })), 'Authentication failed, attempted: basic')
  assert.is(
    authMethods(makeRequest('/', { headers: { authorization: `basic ${Buffer.from('nocolon').toString('base64')}` } })),
    'Authentication failed, no credentials provided',
  )
  assert.is(authMethods(makeRequest('/', { headers: { authorization: 'BEARER  t' } })), 'Authentication failed, attempted: bearer')
  assert.is(authMethods(makeRequest('/', { headers: { authorization: 'Bearer' } })), 'Authentication failed, no credentials provided')
  assert.is(
    authMethods(makeRequest('/?access_token=%20t%20', { headers: { authorization: 'Bearer x' } })),
    'Authentication failed, attempted: bearer, access_token',
  )
  assert.is(authMethods(makeRequest('/?access_token=%20')), 'Authentication failed, no credentials provided')
  const target = parseTarget('/')
  if (target._tag === 'Left') throw new Error(target.left)
  const tls = newRequest({
    method: 'GET',
    target: target.right,
    headers: {},
    raw: { socket: { getPeerCertificate: () => ({ subject: { CN: 'x' } }) } } as never,
  })
  assert.is(authMethods(tls), 'Authentication failed, attempted: x509')
  const noCert = newRequest({
    method: 'GET',
    target: target.right,
    headers: {},
    raw: { socket: { getPeerCertificate: () => ({}) } } as never,
  })
  assert.is(authMethods(noCert), 'Authentication failed, no credentials provided')
})

Failed.run()
Methods.run()
