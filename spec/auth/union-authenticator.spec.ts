import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import * as E from 'fp-ts/lib/Either.js'
import * as O from 'fp-ts/lib/Option.js'
import type { AuthResult, Authenticator } from '../../src/auth/authenticator.js'
import { authenticatedGroupAdder, unionAuthenticator } from '../../src/auth/union-authenticator.js'
import type { UserInfo } from '../../src/auth/user.js'
import { makeRequest } from '../support/request.js'

const user = (name: string, groups: string[] = []): UserInfo => ({ name, uid: '', groups, extra: {} })
const ok = (u: UserInfo): AuthResult => E.right(O.some({ user: u, audiences: [] }))
const fail = (authenticator: string, message: string): AuthResult => E.left({ _tag: 'AuthFailure', authenticator, message })
const none: AuthResult = E.right(O.none)
const req = makeRequest('/')
const tracing =
  (calls: string[], name: string, result: AuthResult): Authenticator =>
  () => (calls.push(name), result)

const union = suite('unionAuthenticator')

union('returns a single authenticator as it is', () => {
  const a: Authenticator = () => none
  assert.is(unionAuthenticator([a]), a)
})

union('tries in order and stops at the first success, forgetting earlier failures', () => {
  const calls: string[] = []
  const auth = unionAuthenticator([
    tracing(calls, 'a', none),
    tracing(calls, 'b', fail('b', 'bad')),
    tracing(calls, 'c', ok(user('carol'))),
    tracing(calls, 'd', ok(user('dave'))),
  ])
  assert.equal(auth(req), ok(user('carol')))
  assert.equal(calls, ['a', 'b', 'c'])
})

union('no success and no failure is no opinion', () => {
  assert.equal(unionAuthenticator([() => none, () => none])(req), none)
})

union('aggregates failures like utilerrors: one message as is, several distinct in brackets, duplicates once', () => {
  assert.equal(unionAuthenticator([() => fail('x509', 'expired'), () => none])(req), fail('x509', 'expired'))
  const several = unionAuthenticator([() => fail('x509', 'expired'), () => none, () => fail('bearer-token', 'invalid bearer token')])(req)
  assert.equal(several, fail('x509,bearer-token', '[expired, invalid bearer token]'))
  assert.equal(unionAuthenticator([() => fail('a', 'same'), () => fail('b', 'same')])(req), fail('a,b', 'same'))
})

union('failOnError stops at the first failure before a later success', () => {
  const calls: string[] = []
  const auth = unionAuthenticator([tracing(calls, 'a', fail('a', 'bad')), tracing(calls, 'b', ok(user('anon')))], { failOnError: true })
  assert.equal(auth(req), fail('a', 'bad'))
  assert.equal(calls, ['a'])
})

const adder = suite('authenticatedGroupAdder')
const groupsAfter = (u: UserInfo): ReadonlyArray<string> | string => {
  const r = authenticatedGroupAdder(() => ok(u))(req)
  return E.isRight(r) && O.isSome(r.right) ? r.right.value.user.groups : 'no user'
}

adder('adds system:authenticated to ordinary users without changing the original', () => {
  const u = user('alice', ['dev'])
  assert.equal(groupsAfter(u), ['dev', 'system:authenticated'])
  assert.equal(u.groups, ['dev'])
})

adder('leaves system:anonymous and users already in system:authenticated or system:unauthenticated alone', () => {
  assert.equal(groupsAfter(user('system:anonymous', ['system:unauthenticated'])), ['system:unauthenticated'])
  assert.equal(groupsAfter(user('system:anonymous')), [])
  assert.equal(groupsAfter(user('bob', ['system:authenticated', 'x'])), ['system:authenticated', 'x'])
  assert.equal(groupsAfter(user('carol', ['system:unauthenticated'])), ['system:unauthenticated'])
})

adder('passes failures and no opinion through', () => {
  assert.equal(authenticatedGroupAdder(() => none)(req), none)
  assert.equal(authenticatedGroupAdder(() => fail('a', 'bad'))(req), fail('a', 'bad'))
})

adder('returns the same enlarged result for the same response (no per-request allocation)', () => {
  const result = ok(user('alice'))
  const auth = authenticatedGroupAdder(() => result)
  assert.is(auth(req), auth(req))
  assert.is.not(auth(req), result)
})

union.run()
adder.run()
