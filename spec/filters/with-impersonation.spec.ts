import * as E from 'fp-ts/lib/Either.js'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { type AuditRecorder, auditRecorderKey } from '../../src/audit/audit-recorder.js'
import type { AuthorizationAttributes, AuthorizationResult, Authorizer } from '../../src/auth/authorizer.js'
import { type UserInfo, userKey } from '../../src/auth/user.js'
import { checkChain } from '../../src/chains/check-chain.js'
import { type Handler, type Request, get, put, recordingLogger, step, text } from '../../src/core/index.js'
import { httpLogValuesKey } from '../../src/request/http-log-values.js'
import { impersonationStep, withImpersonation } from '../../src/filters/with-impersonation.js'
import { headerValues, withHeaders } from '../../src/core/request.js'
import { http1Request, http2Request } from '../core/node-request.js'
import { bodyText, makeRequest, run, statusOf } from '../support/request.js'

const log = recordingLogger()
const allow: AuthorizationResult = { decision: 'Allow', reason: '' }

/** Upstream's `impersonateAuthorizer` from impersonation_test.go. */
const upstreamAuthorizer: Authorizer = (a: AuthorizationAttributes) => {
  const g = a.user.groups
  const imp = a.verb === 'impersonate'
  if (a.user.name === 'system:admin') return allow
  if (a.user.name === 'tester') return { decision: 'NoOpinion', reason: '' }
  if (a.user.name === 'deny-me') return { decision: 'NoOpinion', reason: 'denied' }
  if (g[0] === 'wheel' && imp && a.resource === 'users') return allow
  if (g[0] === 'sa-impersonater' && imp && a.resource === 'serviceaccounts') return allow
  if (g[0] === 'regular-impersonater' && imp && a.resource === 'users') return allow
  if (g[1] === 'group-impersonater' && imp && a.resource === 'groups') return allow
  if (g[1] === 'extra-setter-scopes' && imp && a.resource === 'userextras' && a.subresource === 'scopes') return allow
  if (g[1] === 'escaped-scopes' || g[1] === 'almost-escaped-scopes') return allow
  if (
    g[1] === 'extra-setter-particular-scopes' &&
    imp &&
    a.resource === 'userextras' &&
    a.subresource === 'scopes' &&
    a.name === 'scope-a' &&
    a.apiGroup === 'authentication.k8s.io'
  )
    return allow
  if (
    g[1] === 'extra-setter-project' &&
    imp &&
    a.resource === 'userextras' &&
    a.subresource === 'project' &&
    a.apiGroup === 'authentication.k8s.io'
  )
    return allow
  if (g[0] === 'everything-impersonater' && imp && a.resource === 'users' && a.apiGroup === '') return allow
  if (g[0] === 'everything-impersonater' && imp && a.resource === 'uids' && a.name === 'some-uid' && a.apiGroup === 'authentication.k8s.io')
    return allow
  if (g[0] === 'everything-impersonater' && imp && a.resource === 'groups' && a.apiGroup === '') return allow
  if (
    g[0] === 'everything-impersonater' &&
    imp &&
    a.resource === 'userextras' &&
    a.subresource === 'scopes' &&
    a.apiGroup === 'authentication.k8s.io'
  )
    return allow
  return { decision: 'NoOpinion', reason: 'deny by default' }
}

const user = (name: string, groups: string[] = [], extra: Record<string, string[]> = {}, uid = ''): UserInfo => ({
  name,
  uid,
  groups,
  extra,
})
let seen: Request | undefined
const inner: Handler = (req) => ((seen = req), text(200, 'ok'))
const handler = withImpersonation(upstreamAuthorizer, { log: log.log })(inner)

interface Case {
  readonly name: string
  readonly user: UserInfo
  readonly headers: Record<string, string | string[]>
  readonly code: number
  readonly expected?: UserInfo
}
const cases: ReadonlyArray<Case> = [
  { name: 'not-impersonating', user: user('tester'), headers: {}, code: 200, expected: user('tester') },
  { name: 'impersonating-error', user: user('tester'), headers: { 'impersonate-user': 'anyone' }, code: 403 },
  { name: 'impersonating-group-without-user', user: user('tester'), headers: { 'impersonate-group': 'some-group' }, code: 400 },
  { name: 'impersonating-extra-without-user', user: user('tester'), headers: { 'impersonate-extra-scopes': 'scope-a' }, code: 400 },
  { name: 'impersonating-uid-without-user', user: user('tester'), headers: { 'impersonate-uid': 'some-uid' }, code: 400 },
  {
    name: 'disallowed-group',
    user: user('dev', ['wheel']),
    headers: { 'impersonate-user': 'system:admin', 'impersonate-group': 'some-group' },
    code: 403,
  },
  {
    name: 'allowed-group',
    user: user('dev', ['wheel', 'group-impersonater']),
    headers: { 'impersonate-user': 'system:admin', 'impersonate-group': 'some-group' },
    code: 200,
    expected: user('system:admin', ['some-group', 'system:authenticated']),
  },
  {
    name: 'disallowed-userextra-1',
    user: user('dev', ['wheel']),
    headers: { 'impersonate-user': 'system:admin', 'impersonate-group': 'some-group', 'impersonate-extra-scopes': 'scope-a' },
    code: 403,
  },
  {
    name: 'disallowed-userextra-2',
    user: user('dev', ['wheel', 'extra-setter-project']),
    headers: { 'impersonate-user': 'system:admin', 'impersonate-group': 'some-group', 'impersonate-extra-scopes': 'scope-a' },
    code: 403,
  },
  {
    name: 'disallowed-userextra-3',
    user: user('dev', ['wheel', 'extra-setter-particular-scopes']),
    headers: { 'impersonate-user': 'system:admin', 'impersonate-group': 'some-group', 'impersonate-extra-scopes': ['scope-a', 'scope-b'] },
    code: 403,
  },
  {
    name: 'allowed-userextras',
    user: user('dev', ['wheel', 'extra-setter-scopes']),
    headers: { 'impersonate-user': 'system:admin', 'impersonate-extra-scopes': ['scope-a', 'scope-b'] },
    code: 200,
    expected: user('system:admin', ['system:authenticated'], { scopes: ['scope-a', 'scope-b'] }),
  },
  {
    name: 'percent-escaped-userextras',
    user: user('dev', ['wheel', 'escaped-scopes']),
    headers: { 'impersonate-user': 'system:admin', 'impersonate-extra-example.com%2fescaped%e1%9b%84scopes': ['scope-a', 'scope-b'] },
    code: 200,
    expected: user('system:admin', ['system:authenticated'], { 'example.com/escapedᛄscopes': ['scope-a', 'scope-b'] }),
  },
  {
    name: 'almost-percent-escaped-userextras',
    user: user('dev', ['wheel', 'almost-escaped-scopes']),
    headers: { 'impersonate-user': 'system:admin', 'impersonate-extra-almost%zzpercent%xxencoded': ['scope-a', 'scope-b'] },
    code: 200,
    expected: user('system:admin', ['system:authenticated'], { 'almost%zzpercent%xxencoded': ['scope-a', 'scope-b'] }),
  },
  {
    name: 'allowed-users-impersonation',
    user: user('dev', ['regular-impersonater']),
    headers: { 'impersonate-user': 'tester' },
    code: 200,
    expected: user('tester', ['system:authenticated']),
  },
  { name: 'disallowed-impersonating', user: user('dev', ['sa-impersonater']), headers: { 'impersonate-user': 'tester' }, code: 403 },
  {
    name: 'allowed-sa-impersonating',
    user: user('dev', ['sa-impersonater']),
    headers: { 'impersonate-user': 'system:serviceaccount:foo:default' },
    code: 200,
    expected: user('system:serviceaccount:foo:default', ['system:serviceaccounts', 'system:serviceaccounts:foo', 'system:authenticated']),
  },
  {
    name: 'anonymous-username-prevents-adding-authenticated-group',
    user: user('system:admin'),
    headers: { 'impersonate-user': 'system:anonymous' },
    code: 200,
    expected: user('system:anonymous', ['system:unauthenticated']),
  },
  {
    name: 'unauthenticated-group-prevents-adding-authenticated-group',
    user: user('system:admin'),
    headers: { 'impersonate-user': 'unknown', 'impersonate-group': 'system:unauthenticated' },
    code: 200,
    expected: user('unknown', ['system:unauthenticated']),
  },
  {
    name: 'specified-authenticated-group-prevents-double-adding-authenticated-group',
    user: user('dev', ['wheel', 'group-impersonater']),
    headers: { 'impersonate-user': 'system:admin', 'impersonate-group': ['some-group', 'system:authenticated'] },
    code: 200,
    expected: user('system:admin', ['some-group', 'system:authenticated']),
  },
  {
    name: 'anonymous-user-prevents-double-adding-unauthenticated-group',
    user: user('system:admin'),
    headers: { 'impersonate-user': 'system:anonymous', 'impersonate-group': 'system:unauthenticated' },
    code: 200,
    expected: user('system:anonymous', ['system:unauthenticated']),
  },
  {
    name: 'allowed-user-impersonation-with-uid',
    user: user('dev', ['everything-impersonater']),
    headers: { 'impersonate-user': 'tester', 'impersonate-uid': 'some-uid' },
    code: 200,
    expected: user('tester', ['system:authenticated'], {}, 'some-uid'),
  },
  {
    name: 'disallowed-user-impersonation-with-uid',
    user: user('dev', ['everything-impersonater']),
    headers: { 'impersonate-user': 'tester', 'impersonate-uid': 'disallowed-uid' },
    code: 403,
  },
  {
    name: 'allowed-impersonation-with-all-headers',
    user: user('dev', ['everything-impersonater']),
    headers: {
      'impersonate-user': 'tester',
      'impersonate-uid': 'some-uid',
      'impersonate-group': 'system:authenticated',
      'impersonate-extra-scopes': ['scope-a', 'scope-b'],
    },
    code: 200,
    expected: user('tester', ['system:authenticated'], { scopes: ['scope-a', 'scope-b'] }, 'some-uid'),
  },
]

const s = suite('withImpersonation')
s.before.each(() => void (seen = undefined))

for (const c of cases) {
  s(`upstream table: ${c.name} → ${c.code}`, async () => {
    const req = put(makeRequest('/api/v1/pods', { headers: { accept: '*/*', ...c.headers } }), userKey, c.user)
    const res = await run(handler, req)
    assert.is(statusOf(res), c.code)
    if (c.code !== 200) return assert.is(seen, undefined)
    const got = seen === undefined ? undefined : get(seen, userKey)
    assert.equal(got !== undefined && got._tag === 'Some' ? got.value : undefined, c.expected)
    assert.equal(
      Object.keys(seen?.headers ?? {}).filter((k) => k.startsWith('impersonate-')),
      [],
    )
    assert.is(seen?.headers['accept'], '*/*')
  })
}

s('a request without Impersonate-* headers is passed on as the same object', async () => {
  const req = put(makeRequest('/x', { headers: { accept: 'a', 'x-impersonate-user': 'no' } }), userKey, user('tester'))
  await run(handler, req)
  assert.is(seen, req)
})

s("400 body is upstream's BadRequest Status", async () => {
  const res = await run(handler, put(makeRequest('/x', { headers: { 'impersonate-group': 'some-group' } }), userKey, user('tester')))
  assert.is(
    await bodyText(res),
    '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"requested [{Group  some-group    }] without impersonating a user","reason":"BadRequest","code":400}\n',
  )
})

s('403 messages name what was refused, with the reason', async () => {
  const body = async (u: UserInfo, headers: Record<string, string | string[]>) =>
    bodyText(await run(handler, put(makeRequest('/x', { headers }), userKey, u)))
  assert.match(
    await body(user('tester'), { 'impersonate-user': 'anyone' }),
    '"message":"users \\"anyone\\" is forbidden: User \\"tester\\" cannot impersonate resource \\"users\\" in API group \\"\\" at the cluster scope","reason":"Forbidden","details":{"name":"anyone","kind":"users"},"code":403}',
  )
  assert.match(await body(user('deny-me'), { 'impersonate-user': 'x' }), 'at the cluster scope: denied"')
  assert.match(
    await body(user('dev', ['wheel']), { 'impersonate-user': 'system:serviceaccount:ns:sa' }),
    '"message":"serviceaccounts \\"sa\\" is forbidden: User \\"dev\\" cannot impersonate resource \\"serviceaccounts\\" in API group \\"\\" in the namespace \\"ns\\": deny by default"',
  )
  assert.match(
    await body(user('dev', ['wheel']), { 'impersonate-user': 'u', 'impersonate-group': 'g' }),
    '"message":"groups \\"g\\" is forbidden: User \\"dev\\" cannot impersonate resource \\"groups\\" in API group \\"\\" at the cluster scope: deny by default"',
  )
  assert.match(
    await body(user('dev', ['wheel']), { 'impersonate-user': 'u', 'impersonate-extra-scopes': 'scope-a' }),
    '"message":"userextras.authentication.k8s.io \\"scope-a\\" is forbidden: User \\"dev\\" cannot impersonate resource \\"userextras/scopes\\" in API group \\"authentication.k8s.io\\" at the cluster scope: deny by default"',
  )
  assert.match(
    await body(user('dev', ['wheel']), { 'impersonate-user': 'u', 'impersonate-uid': 'id1' }),
    '"message":"uids.authentication.k8s.io \\"id1\\" is forbidden: User \\"dev\\" cannot impersonate resource \\"uids\\" in API group \\"authentication.k8s.io\\" at the cluster scope: deny by default"',
  )
})

s("no user: upstream's 500 text", async () => {
  const res = await run(handler, makeRequest('/x', { headers: { 'impersonate-user': 'u' } }))
  assert.is(statusOf(res), 500)
  assert.is(await bodyText(res), 'Internal Server Error: "/x": no user found for request\n')
})

s('records the impersonated user in the audit recorder and the HTTP log', async () => {
  const recorded: UserInfo[] = []
  const rec: AuditRecorder = { impersonated: (u) => void recorded.push(u), annotate: () => undefined }
  const values = { pairs: [] as Array<readonly [string, unknown]> }
  const req = put(
    put(
      put(makeRequest('/x', { headers: { 'impersonate-user': 'jane' } }), userKey, user('system:admin', ['system:masters'])),
      auditRecorderKey,
      rec,
    ),
    httpLogValuesKey,
    values,
  )
  await run(handler, req)
  assert.equal(recorded, [user('jane', ['system:authenticated'])])
  assert.equal(values.pairs, [['impersonation', 'system:admin[system:masters] is impersonating jane[system:authenticated]']])
})

s('repeated Impersonate-* lines of a node request are separate groups and extras, the first user line the user, and all go', async () => {
  const lines = [
    ['Authorization', 'Bearer t'],
    ['Impersonate-User', 'tester'],
    ['Impersonate-User', 'other'],
    ['Impersonate-Group', 'g1'],
    ['impersonate-group', 'g2'],
    ['Impersonate-Extra-Scopes', 'scope-a'],
    ['Impersonate-Extra-Scopes', 'scope-b'],
    ['Accept', '*/*'],
  ] as const
  const granted: string[] = []
  const recordAll: Authorizer = (a) => (granted.push(`${a.resource}:${a.name}`), allow)
  const h = withImpersonation(recordAll, { log: log.log })(inner)
  for (const node of [http1Request(lines), http2Request(lines.map(([n, v]) => [n.toLowerCase(), v] as const))]) {
    granted.length = 0
    const { authorization: _, ...rest } = node.headers // as authentication leaves it
    assert.is(statusOf(await run(h, put(withHeaders(node, rest), userKey, user('dev')))), 200)
    assert.equal(granted, ['users:tester', 'groups:g1', 'groups:g2', 'userextras:scope-a', 'userextras:scope-b'])
    const got = seen === undefined ? undefined : get(seen, userKey)
    assert.equal(
      got?._tag === 'Some' ? got.value : undefined,
      user('tester', ['g1', 'g2', 'system:authenticated'], { scopes: ['scope-a', 'scope-b'] }),
    )
    for (const name of ['impersonate-user', 'impersonate-group', 'impersonate-extra-scopes'])
      assert.equal(seen === undefined ? undefined : headerValues(seen, name), [], name)
    assert.equal(seen === undefined ? undefined : headerValues(seen, 'accept'), ['*/*'])
  }
})

s.run()

const st = suite('impersonationStep')
st('runs outside max-in-flight and authorization, inside authentication and audit', () => {
  const imp = impersonationStep(upstreamAuthorizer, { log: log.log })
  const provide = step('authn', (h) => h, { provides: ['User', 'RequestInfo'] })
  assert.ok(
    E.isRight(checkChain([provide, step('audit', (h) => h), imp, step('max-in-flight', (h) => h), step('authorization', (h) => h)])),
  )
  assert.ok(E.isLeft(checkChain([provide, step('authorization', (h) => h), imp])))
  assert.ok(E.isLeft(checkChain([provide, step('max-in-flight', (h) => h), imp])))
  assert.ok(E.isLeft(checkChain([provide, imp, step('audit', (h) => h)])))
})
st.run()
