import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import * as E from 'fp-ts/lib/Either.js'
import * as O from 'fp-ts/lib/Option.js'
import { anonymousAuthenticator, anonymousUser } from '../../src/auth/anonymous-authenticator.js'
import { makeRequest } from '../support/request.js'

const anon = suite('anonymousAuthenticator')

anon('authenticates any request as system:anonymous in system:unauthenticated', () => {
  const r = anonymousAuthenticator()(makeRequest('/api/v1/pods', { headers: { authorization: 'Bearer whatever' } }))
  assert.equal(
    r,
    E.right(O.some({ user: { name: 'system:anonymous', uid: '', groups: ['system:unauthenticated'], extra: {} }, audiences: [] })),
  )
  assert.equal(anonymousUser.groups, ['system:unauthenticated'])
})

anon('with paths, only those exact paths are anonymous; others get no opinion', () => {
  const auth = anonymousAuthenticator(['/healthz', '/livez'])
  assert.equal(auth(makeRequest('/healthz')), E.right(O.some({ user: anonymousUser, audiences: [] })))
  assert.equal(auth(makeRequest('/healthz/etcd')), E.right(O.none))
  assert.equal(auth(makeRequest('/api')), E.right(O.none))
})

anon.run()
