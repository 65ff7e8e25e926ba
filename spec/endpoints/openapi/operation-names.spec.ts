import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import {
  articleFor,
  groupInOperationId,
  groupVersionKey,
  operationIdPrefix,
  tagOf,
} from '../../../src/endpoints/openapi/operation-names.js'

const names = suite('operation names')

names("groups are spelled as upstream's operation ids and tags spell them", () => {
  assert.is(groupInOperationId(''), 'Core')
  assert.is(groupInOperationId('authorization.k8s.io'), 'Authorization')
  assert.is(groupInOperationId('rbac.authorization.k8s.io'), 'RbacAuthorization')
  assert.is(groupInOperationId('flowcontrol.apiserver.k8s.io'), 'FlowcontrolApiserver')
  assert.is(groupInOperationId('apps'), 'Apps')
  assert.is(groupInOperationId('stable.example.com'), 'StableExampleCom')
  assert.is(operationIdPrefix('batch', 'v1beta1'), 'BatchV1beta1')
  assert.is(tagOf('', 'v1'), 'core_v1')
  assert.is(tagOf('rbac.authorization.k8s.io', 'v1'), 'rbacAuthorization_v1')
})

names('an before a vowel, a otherwise; index keys drop the leading slash', () => {
  assert.is(articleFor('Ingress'), 'an')
  assert.is(articleFor('ConfigMap'), 'a')
  assert.is(groupVersionKey('', 'v1'), 'api/v1')
  assert.is(groupVersionKey('authentication.k8s.io', 'v1'), 'apis/authentication.k8s.io/v1')
})

names.run()
