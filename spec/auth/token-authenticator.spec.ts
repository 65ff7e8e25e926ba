import * as fc from 'fast-check'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import * as E from 'fp-ts/lib/Either.js'
import * as O from 'fp-ts/lib/Option.js'
import type { AuthResult } from '../../src/auth/authenticator.js'
import {
  bearerProtocolPrefix,
  bearerTokenAuthenticator,
  extraSpaceWarning,
  keyedHash,
  sameText,
  staticTokenAuthenticator,
  tokenTable,
  websocketTokenAuthenticator,
  withoutTokenProtocol,
} from '../../src/auth/token-authenticator.js'
import type { UserInfo } from '../../src/auth/user.js'
import { type Headers, put } from '../../src/core/index.js'
import { warningRecorderKey } from '../../src/request/warnings.js'
import { makeRequest } from '../support/request.js'

const alice: UserInfo = { name: 'alice', uid: '1', groups: ['dev'], extra: {} }
const tokens = staticTokenAuthenticator(
  new Map([
    ['secret', alice],
    ['tøken', { ...alice, name: 'bob' }],
  ]),
)
const nameOf = (r: AuthResult): string =>
  E.isRight(r) && O.isSome(r.right) ? r.right.value.user.name : E.isLeft(r) ? `error: ${r.left.message}` : 'none'

const table = suite('staticTokenAuthenticator')

table('finds known tokens, including non-ASCII ones, and returns the same result each time', () => {
  assert.is(nameOf(tokens('secret')), 'alice')
  assert.is(nameOf(tokens('tøken')), 'bob')
  assert.is(tokens('secret'), tokens('secret'))
})

table('has no opinion on unknown tokens, prefixes and extensions of known ones', () => {
  for (const t of ['', 'secre', 'secrets', 'Secret', 'tøke']) assert.is(nameOf(tokens(t)), 'none', t)
})

/** The Map keys a lookup asks for. */
const keysAskedFor = (lookup: () => unknown): unknown[] => {
  const seen: unknown[] = []
  const original = Map.prototype.get
  Map.prototype.get = function (this: Map<unknown, unknown>, k: unknown) {
    seen.push(k)
    return original.call(this, k)
  }
  try {
    lookup()
  } finally {
    Map.prototype.get = original
  }
  return seen
}

table('looks tokens up by a keyed hash, never by the raw token', () => {
  const seen = keysAskedFor(() => (tokens('secret'), tokens('unknown')))
  assert.is(seen.length, 2)
  assert.ok(
    seen.every((k) => typeof k === 'number' && Number.isInteger(k) && k >= 0 && k < 2 ** 30),
    String(seen),
  )
})

table('each table draws its own hash key: the same token lands in different buckets', () => {
  const users = new Map([['secret', alice]])
  const buckets = Array.from({ length: 4 }, () => staticTokenAuthenticator(users)).map((t) => keysAskedFor(() => t('secret'))[0])
  assert.ok(new Set(buckets).size > 1, String(buckets))
})

table('keyedHash: 30 bits, depends on the key and on every character', () => {
  const h = keyedHash(0x12345678, 0x9abcdef0)
  fc.assert(
    fc.property(fc.string({ unit: 'binary' }), (s) => {
      const v = h(s)
      return Number.isInteger(v) && v >= 0 && v < 2 ** 30
    }),
  )
  assert.is.not(h('secret'), keyedHash(0x12345679, 0x9abcdef0)('secret'))
  assert.is.not(h('secret'), keyedHash(0x12345678, 0x9abcdef1)('secret'))
  assert.is.not(h('secret'), h('secreu'))
  assert.is.not(h('secret'), h('tecret'))
})

table('compares every token of a shared bucket in full (all tokens in one bucket)', () => {
  const users = new Map(['a', 'ab', 'abc', 'b', 'secret', 'secreT'].map((t) => [t, { ...alice, name: `user-${t}` }]))
  const oneBucket = tokenTable(users, () => 7)
  for (const t of users.keys()) assert.is(nameOf(oneBucket(t)), `user-${t}`, t)
  for (const t of ['', 'c', 'abcd', 'secre', 'Secret', 'SECRET']) assert.is(nameOf(oneBucket(t)), 'none', t)
})

table('property: every stored token finds its user, every other string has no opinion', () => {
  const storedTokens = fc.uniqueArray(fc.string({ minLength: 1, maxLength: 40, unit: 'binary' }), { minLength: 1, maxLength: 60 })
  fc.assert(
    fc.property(storedTokens, fc.array(fc.string({ unit: 'binary' })), (stored, others) => {
      const lookup = staticTokenAuthenticator(new Map(stored.map((t, i) => [t, { ...alice, name: `u${i}` }])))
      stored.forEach((t, i) => assert.is(nameOf(lookup(t)), `u${i}`))
      for (const o of others) if (!stored.includes(o)) assert.is(nameOf(lookup(o)), 'none')
    }),
  )
})

table('sameText: equal only for equal strings, and reads both in full', () => {
  assert.ok(sameText('', ''))
  assert.ok(sameText('tøken', 'tøken'))
  for (const [a, b] of [
    ['a', ''],
    ['ab', 'ac'],
    ['ab', 'ba'],
    ['abc', 'ab'],
    ['x\u0100', 'x\u0000'],
  ])
    assert.not.ok(sameText(a as string, b as string), `${a} ${b}`)
  fc.assert(fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' }), (a, b) => sameText(a, b) === (a === b)))
})

const bearer = suite('bearerTokenAuthenticator')
const auth = bearerTokenAuthenticator(tokens)
const withAuth = (value: string | undefined, headers: Headers = {}) =>
  makeRequest('/', { headers: value === undefined ? headers : { ...headers, authorization: value } })

bearer('authenticates "Bearer <token>" with the scheme in any case and surrounding space trimmed', () => {
  for (const v of ['Bearer secret', 'bearer secret', 'BEARER secret', '  Bearer secret  ', 'Bearer secret a b c'])
    assert.is(nameOf(auth(withAuth(v))), 'alice', v)
})

bearer('has no opinion without a bearer credential (upstream bearertoken_test cases)', () => {
  for (const v of [
    undefined,
    '',
    '   ',
    'Basic 123',
    'Bearer',
    'Bearer ',
    'bear token',
    'Bearer: token',
    'Bearer\tsecret',
    'Bearersecret',
  ]) {
    assert.is(nameOf(auth(withAuth(v))), 'none', String(v))
  }
})

bearer('an unknown token is "invalid bearer token"', () => {
  const r = auth(withAuth('Bearer nope'))
  assert.equal(r, E.left({ _tag: 'AuthFailure', authenticator: 'bearer-token', message: 'invalid bearer token' }))
})

bearer("two spaces before the token: no opinion and upstream's warning", () => {
  const warnings: string[] = []
  const req = put(makeRequest('/', { headers: { authorization: 'Bearer  secret' } }), warningRecorderKey, {
    add: (_a, t) => void warnings.push(t),
  })
  assert.is(nameOf(auth(req)), 'none')
  assert.equal(warnings, [extraSpaceWarning])
})

const ws = suite('websocketTokenAuthenticator')
const wsAuth = websocketTokenAuthenticator(tokens)
const b64 = (s: string) => Buffer.from(s).toString('base64url')
const wsReq = (protocol: string, upgrade = 'websocket', connection = 'Upgrade') =>
  makeRequest('/', { headers: { upgrade, connection, 'sec-websocket-protocol': protocol } })

ws('authenticates the token subprotocol when another subprotocol is offered', () => {
  assert.is(nameOf(wsAuth(wsReq(`${bearerProtocolPrefix}${b64('secret')}, v4.channel.k8s.io`))), 'alice')
  assert.is(nameOf(wsAuth(wsReq(`v4.channel.k8s.io,${bearerProtocolPrefix}${b64('secret')}`, 'WebSocket', 'keep-alive, upgrade'))), 'alice')
})

ws('ignores requests that are not websocket upgrades', () => {
  assert.is(nameOf(wsAuth(wsReq(`${bearerProtocolPrefix}${b64('secret')}, x`, 'h2c'))), 'none')
  assert.is(nameOf(wsAuth(wsReq(`${bearerProtocolPrefix}${b64('secret')}, x`, 'websocket', 'keep-alive'))), 'none')
  assert.is(nameOf(wsAuth(wsReq('v4.channel.k8s.io'))), 'none')
})

ws("refuses malformed token protocols with upstream's messages", () => {
  const p = bearerProtocolPrefix
  assert.is(nameOf(wsAuth(wsReq(`${p}${b64('secret')}`))), 'error: missing additional subprotocol')
  assert.is(nameOf(wsAuth(wsReq(`${p}${b64('a')},${p}${b64('b')},x`))), 'error: multiple base64.bearer.authorization tokens specified')
  assert.is(nameOf(wsAuth(wsReq(`${p}c2VjcmV0==,x`))), 'error: invalid base64.bearer.authorization token encoding')
  assert.is(
    nameOf(wsAuth(wsReq(`${p}${Buffer.from([0xff, 0xfe]).toString('base64url')},x`))),
    'error: invalid base64.bearer.authorization token',
  )
  assert.is(nameOf(wsAuth(wsReq(`${p}${b64('nope')},x`))), 'error: invalid bearer token')
})

ws('withoutTokenProtocol keeps the other subprotocols', () => {
  assert.is(
    withoutTokenProtocol(`${bearerProtocolPrefix}abc, v4.channel.k8s.io, base64.channel.k8s.io`),
    'v4.channel.k8s.io,base64.channel.k8s.io',
  )
})

table.run()
bearer.run()
ws.run()
