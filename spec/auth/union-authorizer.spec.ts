import * as E from 'fp-ts/lib/Either.js'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import type { AuthorizationAttributes, Decision } from '../../src/auth/authorizer.js'
import { type NamedAuthorizer, unionAuthorizer } from '../../src/auth/union-authorizer.js'

const attrs: AuthorizationAttributes = {
  user: { name: 'u', uid: '', groups: [], extra: {} },
  verb: 'get',
  isResourceRequest: false,
  path: '/',
  namespace: '',
  apiGroup: '',
  apiVersion: '',
  resource: '',
  subresource: '',
  name: '',
}
const calls: string[] = []
const fixed = (name: string, decision: Decision, reason: string): NamedAuthorizer => ({
  name,
  authorize: () => (calls.push(name), { decision, reason }),
})
const union = (list: ReadonlyArray<NamedAuthorizer>) => {
  const u = unionAuthorizer(list)
  if (E.isLeft(u)) throw new Error(u.left)
  return u.right
}

const s = suite('unionAuthorizer')
s.before.each(() => void calls.splice(0))
s('returns the first Allow with its own reason and asks no further', () => {
  assert.equal(union([fixed('a', 'NoOpinion', 'ra'), fixed('b', 'Allow', 'rb'), fixed('c', 'Deny', 'rc')])(attrs), {
    decision: 'Allow',
    reason: 'rb',
  })
  assert.equal(calls, ['a', 'b'])
})
s('returns the first Deny even when a later authorizer would allow', () => {
  assert.equal(union([fixed('a', 'Deny', 'ra'), fixed('b', 'Allow', 'rb')])(attrs), { decision: 'Deny', reason: 'ra' })
})
s('all NoOpinion: the non-empty reasons prefixed with their names, joined by newlines', () => {
  assert.equal(union([fixed('a', 'NoOpinion', 'ra'), fixed('b', 'NoOpinion', ''), fixed('c', 'NoOpinion', 'rc')])(attrs), {
    decision: 'NoOpinion',
    reason: 'a: ra\nc: rc',
  })
  assert.equal(union([])(attrs), { decision: 'NoOpinion', reason: '' })
})
s('an empty or repeated name is refused when the union is built', () => {
  assert.equal(unionAuthorizer([fixed('', 'Allow', '')]), E.left('authorizer name must not be empty'))
  assert.equal(unionAuthorizer([fixed('RBAC', 'Allow', ''), fixed('RBAC', 'Deny', '')]), E.left('authorizer name "RBAC" is used twice'))
})
s.run()
