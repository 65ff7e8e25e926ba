import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import * as E from 'fp-ts/lib/Either.js'
import * as O from 'fp-ts/lib/Option.js'
import type { AuthResult } from '../../src/auth/authenticator.js'
import {
  bearerProtocolPrefix,
  bearerTokenAuthenticator,
  extraSpaceWarning,
  staticTokenAuthenticator,
  websocketTokenAuthenticator,
  withoutTokenProtocol,
} from '../../src/auth/token-authenticator.js'
import type { UserInfo } from '../../src/auth/user.js'
import { type Headers, put } from '../../src/core/index.js'
import { warningRecorderKey } from '../../src/request/warnings.js'
import { makeRequest } from '../support/request.js'

const alice: UserInfo = { name: 'alice', uid: '1', groups: ['dev'], extra: {} }
const tokens = staticTokenAuthenticator(new Map([['secret', alice], ['tøken', { ...alice, name: 'bob' }]]))
const nameOf = (r: AuthResult): string => (E.isRight(r) && O.isSome(r.right) ? r.right.value.user.name : E.isLeft(r) ? `error: ${r.left.message}` : 'none')

const table = suite('staticTokenAuthenticator')

table('finds known tokens, including non-ASCII ones, and returns the same result each time', () => {
  assert.is(nameOf(tokens('secret')), 'alice')
  assert.is(nameOf(tokens('tøken')), 'bob')
  assert.is(tokens('secret'), tokens('secret'))
})

table('has no opinion on unknown tokens, prefixes and extensions of known ones', () => {
  for (const t of ['', 'secre', 'secrets', 'Secret', 'tøke']) assert.is(nameOf(tokens(t)), 'none', t)
})

table('looks tokens up by SHA-256 digest, never by the raw token (constant-time path)', () => {
  const seen: unknown[] = []
  const original = Map.prototype.get
  Map.prototype.get = function (this: Map<unknown, unknown>, k: unknown) {
    seen.push(k)
    return original.call(this, k)
  }
  try {
    tokens('secret')
  } finally {
    Map.prototype.get = original
  }
  assert.ok(seen.length >= 1)
  assert.not.ok(seen.includes('secret'))
  assert.ok(seen.every((k) => typeof k === 'string' && k.length === 32))
})

const bearer = suite('bearerTokenAuthenticator')
const auth = bearerTokenAuthenticator(tokens)
const withAuth = (value: string | undefined, headers: Headers = {}) => makeRequest('/', { headers: value === undefined ? headers : { ...headers, authorization: value } })

bearer('authenticates "Bearer <token>" with the scheme in any case and surrounding space trimmed', () => {
  for (const v of ['Bearer secret', 'bearer secret', 'BEARER secret', '  Bearer secret  ', 'Bearer secret a b c']) assert.is(nameOf(auth(withAuth(v))), 'alice', v)
})

bearer('has no opinion without a bearer credential (upstream bearertoken_test cases)', () => {
  for (const v of [undefined, '', '   ', 'Basic 123', 'Bearer', 'Bearer ', 'bear token', 'Bearer: token', 'Bearer\tsecret', 'Bearersecret']) {
    assert.is(nameOf(auth(withAuth(v))), 'none', String(v))
  }
})

bearer('an unknown token is "invalid bearer token"', () => {
  const r = auth(withAuth('Bearer nope'))
  assert.equal(r, E.left({ _tag: 'AuthFailure', authenticator: 'bearer-token', message: 'invalid bearer token' }))
})

bearer('two spaces before the token: no opinion and upstream\'s warning', () => {
  const warnings: string[] = []
  const req = put(makeRequest('/', { headers: { authorization: 'Bearer  secret' } }), warningRecorderKey, { add: (_a, t) => void warnings.push(t) })
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

ws('refuses malformed token protocols with upstream\'s messages', () => {
  const p = bearerProtocolPrefix
  assert.is(nameOf(wsAuth(wsReq(`${p}${b64('secret')}`))), 'error: missing additional subprotocol')
  assert.is(nameOf(wsAuth(wsReq(`${p}${b64('a')},${p}${b64('b')},x`))), 'error: multiple base64.bearer.authorization tokens specified')
  assert.is(nameOf(wsAuth(wsReq(`${p}c2VjcmV0==,x`))), 'error: invalid base64.bearer.authorization token encoding')
  assert.is(nameOf(wsAuth(wsReq(`${p}${Buffer.from([0xff, 0xfe]).toString('base64url')},x`))), 'error: invalid base64.bearer.authorization token')
  assert.is(nameOf(wsAuth(wsReq(`${p}${b64('nope')},x`))), 'error: invalid bearer token')
})

ws('withoutTokenProtocol keeps the other subprotocols', () => {
  assert.is(withoutTokenProtocol(`${bearerProtocolPrefix}abc, v4.channel.k8s.io, base64.channel.k8s.io`), 'v4.channel.k8s.io,base64.channel.k8s.io')
})

table.run()
bearer.run()
ws.run()
