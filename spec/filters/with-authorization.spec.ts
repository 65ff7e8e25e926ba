import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { type AuditRecorder, auditRecorderKey } from '../../src/audit/audit-recorder.js'
import { alwaysAllow, alwaysDeny } from '../../src/auth/always-authorizers.js'
import type { AuthorizationAttributes, Authorizer } from '../../src/auth/authorizer.js'
import { bootstrapPolicy } from '../../src/auth/bootstrap-policy.js'
import { rbacAuthorizer } from '../../src/auth/rbac-authorizer.js'
import { type UserInfo, userKey } from '../../src/auth/user.js'
import { checkChain } from '../../src/chains/check-chain.js'
import { type Handler, type Request, build, put, recordingLogger, step, text } from '../../src/core/index.js'
import { authorizationStep, forbiddenMessage, forbiddenResponse, withAuthorization } from '../../src/filters/with-authorization.js'
import { withRequestInfo } from '../../src/filters/with-request-info.js'
import { requestInfoKey } from '../../src/request/request-info.js'
import { requestInfoResolverDefaults } from '../../src/request/request-info-resolver.js'
import { resourceInfo } from '../support/request-info.js'
import { bodyText, makeRequest, run, statusOf } from '../support/request.js'

const bob: UserInfo = { name: 'bob', uid: '', groups: ['system:authenticated'], extra: {} }
const log = recordingLogger()
const deps = { log: log.log }
const recorder = () => {
  const notes: Array<[string, string]> = []
  const r: AuditRecorder = { impersonated: () => undefined, annotate: (k, v) => void notes.push([k, v]) }
  return { r, notes }
}
const innerSeen: Request[] = []
const inner: Handler = (req) => (innerSeen.push(req), text(200, 'ok'))
const reqFor = (info = resourceInfo('list', 'configmaps', { namespace: 'default' }), user: UserInfo | null = bob, rec?: AuditRecorder) => {
  let req = put(makeRequest('/api/v1/namespaces/default/configmaps'), requestInfoKey, info)
  if (user !== null) req = put(req, userKey, user)
  return rec === undefined ? req : put(req, auditRecorderKey, rec)
}
const attrs = (over: Partial<AuthorizationAttributes>): AuthorizationAttributes => ({
  user: { name: 'NAME', uid: '', groups: [], extra: {} },
  verb: 'get',
  isResourceRequest: true,
  path: '',
  namespace: '',
  apiGroup: '',
  apiVersion: '',
  resource: '',
  subresource: '',
  name: '',
  ...over,
})

const s = suite('withAuthorization')
s.before.each(() => void innerSeen.splice(0))

s('allowed: passes the very same request on and annotates allow with the reason', async () => {
  const { r, notes } = recorder()
  const req = reqFor(undefined, bob, r)
  const res = await run(withAuthorization(() => ({ decision: 'Allow', reason: 'because' }), deps)(inner), req)
  assert.is(statusOf(res), 200)
  assert.is(innerSeen[0], req)
  assert.equal(notes, [
    ['authorization.k8s.io/decision', 'allow'],
    ['authorization.k8s.io/reason', 'because'],
  ])
})

s("no opinion: 403 Forbidden Status with upstream's message and forbid annotations", async () => {
  const { r, notes } = recorder()
  const res = await run(withAuthorization(rbacAuthorizer(bootstrapPolicy), deps)(inner), reqFor(undefined, bob, r))
  assert.is(statusOf(res), 403)
  assert.is(innerSeen.length, 0)
  assert.is(res.headers['x-content-type-options'], 'nosniff')
  assert.is(res.headers['content-type'], 'application/json')
  assert.is(
    await bodyText(res),
    '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"configmaps is forbidden: User \\"bob\\" cannot list resource \\"configmaps\\" in API group \\"\\" in the namespace \\"default\\"","reason":"Forbidden","details":{"kind":"configmaps"},"code":403}\n',
  )
  assert.equal(notes, [
    ['authorization.k8s.io/decision', 'forbid'],
    ['authorization.k8s.io/reason', ''],
  ])
})

s('a Deny is forbidden too, with its reason appended', async () => {
  const res = await run(
    withAuthorization(() => ({ decision: 'Deny', reason: 'no way' }), deps)(inner),
    reqFor(resourceInfo('get', 'pods', { name: 'p', subresource: 'log', apiGroup: '' })),
  )
  assert.match(
    await bodyText(res),
    '"message":"pods \\"p\\" is forbidden: User \\"bob\\" cannot get resource \\"pods/log\\" in API group \\"\\" at the cluster scope: no way"',
  )
  assert.match(await bodyText(res), '"details":{"name":"p","kind":"pods"}')
})

s('alwaysDeny on a non-resource path: forbidden: ... Everything is forbidden.', async () => {
  const info = { ...resourceInfo('get', ''), isResourceRequest: false, path: '/foo', apiPrefix: '', apiVersion: '', parts: [] }
  const res = await run(withAuthorization(alwaysDeny, deps)(inner), reqFor(info))
  assert.match(
    await bodyText(res),
    '"message":"forbidden: User \\"bob\\" cannot get path \\"/foo\\": Everything is forbidden.","reason":"Forbidden","details":{},"code":403}',
  )
})

s("no RequestInfo: upstream's 500 text, inner not reached", async () => {
  const res = await run(withAuthorization(alwaysAllow, deps)(inner), put(makeRequest('/x'), userKey, bob))
  assert.is(statusOf(res), 500)
  assert.is(await bodyText(res), 'Internal Server Error: "/x": no RequestInfo found in the context\n')
  assert.is(innerSeen.length, 0)
})

s("no user: asks with an empty user, as upstream's nil user", async () => {
  const res = await run(withAuthorization(alwaysDeny, deps)(inner), reqFor(undefined, null))
  assert.match(await bodyText(res), 'User \\"\\" cannot list')
  assert.is(statusOf(await run(withAuthorization(alwaysAllow, deps)(inner), reqFor(undefined, null))), 200)
})

s('an authorizer that throws: 500 with the error and reason "internal error"', async () => {
  const { r, notes } = recorder()
  const boom: Authorizer = () => {
    throw new Error('webhook <down>')
  }
  const res = await run(withAuthorization(boom, deps)(inner), reqFor(undefined, bob, r))
  assert.is(statusOf(res), 500)
  assert.is(await bodyText(res), 'Internal Server Error: "/api/v1/namespaces/default/configmaps": webhook &lt;down&gt;\n')
  assert.equal(notes, [['authorization.k8s.io/reason', 'internal error']])
})

s('with alwaysDeny no request ever reaches the inner handler (property)', async () => {
  const handler = build([
    step('request-info', withRequestInfo(requestInfoResolverDefaults, deps)),
    step('authorization', withAuthorization(alwaysDeny, deps)),
  ])(inner)
  const seg = fc.stringMatching(/^[a-zA-Z0-9._~*:-]{0,8}$/)
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS', 'CONNECT'),
      fc.array(seg, { maxLength: 6 }),
      fc.dictionary(fc.stringMatching(/^[a-z][a-z-]{0,12}$/), fc.string({ maxLength: 10 })),
      async (method, segs, headers) => {
        const req = put(makeRequest(`/${segs.join('/')}`, { method, headers }), userKey, {
          name: 'system:admin',
          uid: '',
          groups: ['system:masters'],
          extra: {},
        })
        const res = await run(handler, req)
        return innerSeen.length === 0 && statusOf(res) >= 400
      },
    ),
    { numRuns: 200 },
  )
})

s.run()

const msg = suite('forbiddenMessage / forbiddenResponse')
msg('formats as upstream errors_test.go', async () => {
  assert.is(
    forbiddenMessage(attrs({ isResourceRequest: false, verb: 'GET', path: '/whatever' })),
    'User "NAME" cannot GET path "/whatever"',
  )
  const pod = forbiddenResponse(attrs({ resource: 'pod', name: 'mypod' }), '')
  assert.match(
    await bodyText(pod),
    '"message":"pod \\"mypod\\" is forbidden: User \\"NAME\\" cannot get resource \\"pod\\" in API group \\"\\" at the cluster scope","reason":"Forbidden","details":{"name":"mypod","kind":"pod"}',
  )
  const quota = forbiddenResponse(attrs({ resource: 'pod', subresource: 'quota', apiGroup: 'v2', namespace: 'test' }), '')
  assert.match(
    await bodyText(quota),
    '"message":"pod.v2 is forbidden: User \\"NAME\\" cannot get resource \\"pod/quota\\" in API group \\"v2\\" in the namespace \\"test\\"","reason":"Forbidden","details":{"group":"v2","kind":"pod"}',
  )
})
msg('escapes &, <, > in the message but not in the reason', async () => {
  const res = forbiddenResponse(attrs({ isResourceRequest: false, path: '/<a&b>' }), 'r<')
  assert.match(await bodyText(res), 'path \\"/\\u0026lt;a\\u0026amp;b\\u0026gt;\\": r\\u003c"')
})
msg.run()

const st = suite('authorizationStep')
st('declares its needs and must run inside authentication, audit and impersonation', () => {
  const a = authorizationStep(alwaysAllow, deps)
  assert.equal([a.name, a.needs, a.inside], ['authorization', ['User', 'RequestInfo'], ['authentication', 'audit', 'impersonation']])
  const ri = step('request-info', (h) => h, { provides: ['RequestInfo'] })
  const authn = step('authentication', (h) => h, { provides: ['User'] })
  assert.ok(E.isRight(checkChain([ri, authn, a])))
  assert.ok(E.isLeft(checkChain([ri, a, authn])))
  assert.ok(E.isLeft(checkChain([ri, authn, a, step('impersonation', (h) => h)])))
})
st.run()
