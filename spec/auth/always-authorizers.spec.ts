import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { alwaysAllow, alwaysDeny } from '../../src/auth/always-authorizers.js'
import type { AuthorizationAttributes } from '../../src/auth/authorizer.js'

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

const allow = suite('alwaysAllow')
allow('allows with no reason', () => assert.equal(alwaysAllow(attrs), { decision: 'Allow', reason: '' }))
allow.run()

const deny = suite('alwaysDeny')
deny("has no opinion, with upstream's reason", () =>
  assert.equal(alwaysDeny(attrs), { decision: 'NoOpinion', reason: 'Everything is forbidden.' }),
)
deny.run()
