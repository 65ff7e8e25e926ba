import * as E from 'fp-ts/lib/Either.js'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import {
  hasImpersonationHeaders,
  impersonatedUser,
  impersonationAttributes,
  impersonationRequests,
} from '../../src/auth/impersonation-rules.js'
import { withHeaders } from '../../src/core/request.js'
import { http1Request, http2Request } from '../core/node-request.js'
import { makeRequest } from '../support/request.js'

const reqWith = (headers: Record<string, string | string[]>) => makeRequest('/api/v1/pods', { headers })

const has = suite('hasImpersonationHeaders')
has('finds any impersonate-* header and nothing else', () => {
  assert.not.ok(hasImpersonationHeaders({ authorization: 'x', 'x-impersonate-user': 'a', impersonate: 'x' }))
  assert.ok(hasImpersonationHeaders({ accept: '*/*', 'impersonate-extra-scopes': 'a' }))
  assert.ok(hasImpersonationHeaders({ 'impersonate-user': '' }))
})
has.run()

const build = suite('impersonationRequests')
build('builds user, groups, extras (unescaped, lower-cased key) and uid in upstream order', () => {
  const r = impersonationRequests(
    reqWith({
      'impersonate-uid': 'u1',
      'impersonate-user': 'jane',
      'impersonate-group': ['a', 'b'],
      'impersonate-extra-example.com%2fscopes': ['s1', 's2'],
    }),
  )
  assert.equal(
    r,
    E.right([
      { kind: 'User', name: 'jane' },
      { kind: 'Group', name: 'a' },
      { kind: 'Group', name: 'b' },
      { kind: 'UserExtra', key: 'example.com/scopes', value: 's1' },
      { kind: 'UserExtra', key: 'example.com/scopes', value: 's2' },
      { kind: 'UID', uid: 'u1' },
    ]),
  )
})
build('decodes percent-escaped UTF-8 keys and keeps malformed ones as they are', () => {
  const ok = impersonationRequests(reqWith({ 'impersonate-user': 'x', 'impersonate-extra-example.com%2fescaped%e1%9b%84scopes': 'a' }))
  assert.equal(E.map((rs: ReadonlyArray<{ kind: string; key?: string }>) => rs[1]?.key)(ok), E.right('example.com/escapedᛄscopes'))
  const bad = impersonationRequests(reqWith({ 'impersonate-user': 'x', 'impersonate-extra-almost%zzpercent%xxencoded': 'a' }))
  assert.equal(E.map((rs: ReadonlyArray<{ kind: string; key?: string }>) => rs[1]?.key)(bad), E.right('almost%zzpercent%xxencoded'))
})
build('recognises valid service account names only', () => {
  assert.equal(
    impersonationRequests(reqWith({ 'impersonate-user': 'system:serviceaccount:foo:default' })),
    E.right([{ kind: 'ServiceAccount', namespace: 'foo', name: 'default' }]),
  )
  for (const name of [
    'system:serviceaccount:foo',
    'system:serviceaccount:Foo:x',
    'system:serviceaccount:a:b:c',
    'system:serviceaccount::x',
  ]) {
    assert.equal(impersonationRequests(reqWith({ 'impersonate-user': name })), E.right([{ kind: 'User', name }]), name)
  }
})
build('an empty user header impersonates nobody', () =>
  assert.equal(impersonationRequests(reqWith({ 'impersonate-user': '' })), E.right([])),
)
build("groups, extras or uid without a user: upstream's message with Go-formatted references", () => {
  assert.equal(
    impersonationRequests(reqWith({ 'impersonate-group': 'some-group' })),
    E.left('requested [{Group  some-group    }] without impersonating a user'),
  )
  assert.equal(
    impersonationRequests(reqWith({ 'impersonate-extra-scopes': 'scope-a' })),
    E.left('requested [{UserExtra  scope-a  authentication.k8s.io/v1  scopes}] without impersonating a user'),
  )
  assert.equal(
    impersonationRequests(reqWith({ 'impersonate-uid': 'some-uid', 'impersonate-group': ['g1', 'g2'] })),
    E.left('requested [{Group  g1    } {Group  g2    } {UID  some-uid  authentication.k8s.io/v1  }] without impersonating a user'),
  )
})
build('repeated lines of a node request are separate values, also once authentication stripped Authorization', () => {
  const lines = [
    ['Authorization', 'Bearer t'],
    ['Impersonate-User', 'u1'],
    ['Impersonate-User', 'u2'],
    ['Impersonate-Group', 'g1'],
    ['impersonate-group', 'g2'],
    ['Impersonate-Extra-Scopes', 's1'],
    ['Impersonate-Extra-Scopes', 's2'],
    ['Impersonate-Uid', 'id1'],
    ['Impersonate-Uid', 'id2'],
  ] as const
  const expected = E.right([
    { kind: 'User', name: 'u1' },
    { kind: 'Group', name: 'g1' },
    { kind: 'Group', name: 'g2' },
    { kind: 'UserExtra', key: 'scopes', value: 's1' },
    { kind: 'UserExtra', key: 'scopes', value: 's2' },
    { kind: 'UID', uid: 'id1' },
  ])
  const h2 = lines.map(([n, v]) => [n.toLowerCase(), v] as const)
  for (const req of [http1Request(lines), http2Request(h2)]) {
    const { authorization: _, ...rest } = req.headers
    assert.equal(impersonationRequests(withHeaders(req, rest)), expected)
    assert.equal(impersonationRequests(req), expected)
  }
})
build.run()

const attrs = suite('impersonationAttributes')
attrs('asks for verb impersonate on users, serviceaccounts, groups, userextras/<key> and uids', () => {
  const me = { name: 'me', uid: '', groups: [], extra: {} }
  const pick = (a: ReturnType<typeof impersonationAttributes>) => [
    a.verb,
    a.apiGroup,
    a.resource,
    a.subresource,
    a.namespace,
    a.name,
    a.isResourceRequest,
  ]
  assert.equal(pick(impersonationAttributes(me, { kind: 'User', name: 'u' })), ['impersonate', '', 'users', '', '', 'u', true])
  assert.equal(pick(impersonationAttributes(me, { kind: 'ServiceAccount', namespace: 'ns', name: 'sa' })), [
    'impersonate',
    '',
    'serviceaccounts',
    '',
    'ns',
    'sa',
    true,
  ])
  assert.equal(pick(impersonationAttributes(me, { kind: 'Group', name: 'g' })), ['impersonate', '', 'groups', '', '', 'g', true])
  assert.equal(pick(impersonationAttributes(me, { kind: 'UserExtra', key: 'k', value: 'v' })), [
    'impersonate',
    'authentication.k8s.io',
    'userextras',
    'k',
    '',
    'v',
    true,
  ])
  assert.equal(pick(impersonationAttributes(me, { kind: 'UID', uid: 'id' })), [
    'impersonate',
    'authentication.k8s.io',
    'uids',
    '',
    '',
    'id',
    true,
  ])
  assert.is(impersonationAttributes(me, { kind: 'User', name: 'u' }).user, me)
})
attrs.run()

const result = suite('impersonatedUser')
result('adds system:authenticated unless an auth group is given; anonymous gets system:unauthenticated', () => {
  assert.equal(impersonatedUser([{ kind: 'User', name: 'tester' }], false), {
    name: 'tester',
    uid: '',
    groups: ['system:authenticated'],
    extra: {},
  })
  assert.equal(
    impersonatedUser(
      [
        { kind: 'User', name: 'u' },
        { kind: 'Group', name: 'system:unauthenticated' },
      ],
      true,
    ).groups,
    ['system:unauthenticated'],
  )
  assert.equal(
    impersonatedUser(
      [
        { kind: 'User', name: 'u' },
        { kind: 'Group', name: 'g' },
        { kind: 'Group', name: 'system:authenticated' },
      ],
      true,
    ).groups,
    ['g', 'system:authenticated'],
  )
  assert.equal(impersonatedUser([{ kind: 'User', name: 'system:anonymous' }], false).groups, ['system:unauthenticated'])
  assert.equal(
    impersonatedUser(
      [
        { kind: 'User', name: 'system:anonymous' },
        { kind: 'Group', name: 'system:unauthenticated' },
      ],
      true,
    ).groups,
    ['system:unauthenticated'],
  )
})
result('service accounts get their groups unless groups were requested', () => {
  assert.equal(impersonatedUser([{ kind: 'ServiceAccount', namespace: 'foo', name: 'default' }], false), {
    name: 'system:serviceaccount:foo:default',
    uid: '',
    groups: ['system:serviceaccounts', 'system:serviceaccounts:foo', 'system:authenticated'],
    extra: {},
  })
  assert.equal(
    impersonatedUser(
      [
        { kind: 'ServiceAccount', namespace: 'foo', name: 'd' },
        { kind: 'Group', name: 'g' },
      ],
      true,
    ).groups,
    ['g', 'system:authenticated'],
  )
})
result('collects extras and uid', () => {
  assert.equal(
    impersonatedUser(
      [
        { kind: 'User', name: 'u' },
        { kind: 'UserExtra', key: 'scopes', value: 'a' },
        { kind: 'UserExtra', key: 'scopes', value: 'b' },
        { kind: 'UID', uid: 'id' },
      ],
      false,
    ),
    { name: 'u', uid: 'id', groups: ['system:authenticated'], extra: { scopes: ['a', 'b'] } },
  )
})
result.run()
