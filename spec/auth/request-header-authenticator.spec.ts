import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import * as E from 'fp-ts/lib/Either.js'
import * as O from 'fp-ts/lib/Option.js'
import type { AuthResult } from '../../src/auth/authenticator.js'
import { requestHeaderAuthenticator, requestHeaderDefaults } from '../../src/auth/request-header-authenticator.js'
import type { UserInfo } from '../../src/auth/user.js'
import { type CaBundle, emptyCaBundle } from '../../src/auth/client-chain.js'
import { fakeClock } from '../../src/core/fake-clock.js'
import { withHeaders } from '../../src/core/request.js'
import { http1Request, http2Request } from '../core/node-request.js'
import { alice, ca, forged, serverOnly, specPeerChain, t0, withChain, x } from './fixtures.js'

const proxyCa: CaBundle = { certificates: [x(ca.certPem)] }
const clock = fakeClock(t0)
const userOf = (r: AuthResult): UserInfo | string =>
  E.isLeft(r) ? `error: ${r.left.message}` : O.isSome(r.right) ? r.right.value.user : 'none'
const identity = {
  'x-remote-user': 'bob',
  'x-remote-uid': 'u-7',
  'x-remote-group': 'system:masters',
  'x-remote-extra-scopes': 'view',
  'x-remote-extra-a%2fb': 'c',
}

const rh = suite('requestHeaderAuthenticator')
const auth = requestHeaderAuthenticator(requestHeaderDefaults, () => proxyCa, clock, specPeerChain)

rh('a verified proxy certificate may name the user, uid, groups and extra in headers', () => {
  assert.equal(userOf(auth(withChain([alice], identity))), {
    name: 'bob',
    uid: 'u-7',
    groups: ['system:masters'],
    extra: { scopes: ['view'], 'a/b': ['c'] },
  })
})

rh('forged identity headers without a proxy certificate are ignored (no opinion)', () => {
  assert.is(userOf(auth(withChain([], identity))), 'none')
})

rh('forged identity headers with a certificate from another CA are refused', () => {
  assert.match(userOf(auth(withChain([forged], identity))) as string, /^error: x509: certificate signed by unknown authority/)
  assert.match(userOf(auth(withChain([serverOnly], identity))) as string, 'error: x509: certificate specifies an incompatible key usage')
})

rh("allowed names: a proxy CN not in the list is refused with upstream's message", () => {
  const only = requestHeaderAuthenticator(
    { ...requestHeaderDefaults, requestheaderAllowedNames: ['front-proxy'] },
    () => proxyCa,
    clock,
    specPeerChain,
  )
  assert.is(userOf(only(withChain([alice], identity))), 'error: x509: subject with cn=alice is not in the allowed list')
  const allowed = requestHeaderAuthenticator(
    { ...requestHeaderDefaults, requestheaderAllowedNames: ['front-proxy', 'alice'] },
    () => proxyCa,
    clock,
    specPeerChain,
  )
  assert.is((userOf(allowed(withChain([alice], identity))) as UserInfo).name, 'bob')
})

rh('no username header, or an empty CA bundle, is no opinion', () => {
  assert.is(userOf(auth(withChain([alice], { 'x-remote-group': 'g' }))), 'none')
  assert.is(
    userOf(requestHeaderAuthenticator(requestHeaderDefaults, () => emptyCaBundle, clock, specPeerChain)(withChain([alice], identity))),
    'none',
  )
})

rh('configured header names are case-insensitive and the first non-empty username wins', () => {
  const cfg = {
    ...requestHeaderDefaults,
    requestheaderUsernameHeaders: ['X-First', ' X-Second '],
    requestheaderGroupHeaders: ['X-G1', 'X-G2'],
    requestheaderExtraHeaderPrefixes: ['X-Ex-', 'X-Other-'],
  }
  const custom = requestHeaderAuthenticator(cfg, () => proxyCa, clock, specPeerChain)
  const u = userOf(
    custom(
      withChain([alice], {
        'x-first': '',
        'x-second': 'carol',
        'x-g1': 'a',
        'x-g2': 'b',
        'x-ex-k': '1',
        'x-other-k': '2',
        'x-ex-Bad%zz': '3',
      }),
    ),
  )
  assert.equal(u, { name: 'carol', uid: '', groups: ['a', 'b'], extra: { k: ['1', '2'], 'bad%zz': ['3'] } })
})

rh('repeated lines are separate values: the first user and uid line, every non-empty group line, every extra line', () => {
  const req = withHeaders(withChain([alice]), {
    'x-remote-user': ['bob', 'eve'],
    'x-remote-uid': ['u-1', 'u-2'],
    'x-remote-group': ['a', '', 'b'],
    'x-remote-extra-scopes': ['view', 'edit'],
  })
  assert.equal(userOf(auth(req)), { name: 'bob', uid: 'u-1', groups: ['a', 'b'], extra: { scopes: ['view', 'edit'] } })
})

rh("an empty first username line is no username, as Go's Header.Get", () => {
  assert.is(userOf(auth(withHeaders(withChain([alice]), { 'x-remote-user': ['', 'eve'] }))), 'none')
})

rh('repeated lines of a node request (HTTP/1.1 and HTTP/2) are not read as one joined value', () => {
  const lines = [
    ['X-Remote-User', 'bob'],
    ['X-Remote-User', 'eve'],
    ['X-Remote-Group', 'g1'],
    ['x-remote-group', 'g2'],
    ['X-Remote-Extra-Scopes', 'view'],
    ['X-Remote-Extra-Scopes', 'edit'],
  ] as const
  const fromProxy = requestHeaderAuthenticator(
    requestHeaderDefaults,
    () => proxyCa,
    clock,
    () => [alice],
  )
  const expected = { name: 'bob', uid: '', groups: ['g1', 'g2'], extra: { scopes: ['view', 'edit'] } }
  assert.equal(userOf(fromProxy(http1Request(lines))), expected)
  assert.equal(userOf(fromProxy(http2Request(lines.map(([n, v]) => [n.toLowerCase(), v] as const)))), expected)
})

rh.run()
