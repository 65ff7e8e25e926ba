import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { authorizationAttributes, noUser } from '../../src/auth/authorization-attributes.js'
import { resourceInfo } from '../support/request-info.js'

const s = suite('authorizationAttributes')
s('copies the user and the RequestInfo fields upstream reads', () => {
  const user = { name: 'bob', uid: '1', groups: ['g'], extra: {} }
  const info = resourceInfo('get', 'pods', {
    namespace: 'ns',
    apiGroup: 'apps',
    apiVersion: 'v1beta1',
    subresource: 'log',
    name: 'p',
    path: '/apis/apps/v1beta1/namespaces/ns/pods/p/log',
  })
  assert.equal(authorizationAttributes(user, info), {
    user,
    verb: 'get',
    isResourceRequest: true,
    path: '/apis/apps/v1beta1/namespaces/ns/pods/p/log',
    namespace: 'ns',
    apiGroup: 'apps',
    apiVersion: 'v1beta1',
    resource: 'pods',
    subresource: 'log',
    name: 'p',
  })
})
s('noUser is the empty user', () => assert.equal(noUser, { name: '', uid: '', groups: [], extra: {} }))
s.run()
