import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import {
  authorizationApiGroup,
  authorizationGroupHandler,
  authorizationV1ResourceListHandler,
  selfSubjectAccessReviewDefinition,
  selfSubjectRulesReviewDefinition,
} from '../../src/example-api/authorization-group.js'
import { bodyText, makeRequest, run, statusOf } from '../support/request.js'

const gv = '{"groupVersion":"authorization.k8s.io/v1","version":"v1"}'

const discovery = suite('authorization.k8s.io discovery')

discovery('the APIGroup names v1 as its only and preferred version', async () => {
  const expected = `{"kind":"APIGroup","apiVersion":"v1","name":"authorization.k8s.io","versions":[${gv}],"preferredVersion":${gv}}\n`
  assert.is(await bodyText(await run(authorizationGroupHandler, makeRequest('/apis/authorization.k8s.io'))), expected)
  assert.is(await bodyText(await run(authorizationGroupHandler, makeRequest('/apis/authorization.k8s.io/'))), expected)
  assert.is(statusOf(await run(authorizationGroupHandler, makeRequest('/apis/authorization.k8s.io', { method: 'POST' }))), 405)
  assert.is(statusOf(await run(authorizationGroupHandler, makeRequest('/apis/authorization.k8s.io/v2'))), 404)
  assert.is(JSON.stringify(authorizationApiGroup), `{"name":"authorization.k8s.io","versions":[${gv}],"preferredVersion":${gv}}`)
})

discovery('v1 lists the two self reviews, cluster-scoped, create only', async () => {
  assert.is(
    await bodyText(await run(authorizationV1ResourceListHandler, makeRequest('/apis/authorization.k8s.io/v1'))),
    '{"kind":"APIResourceList","apiVersion":"v1","groupVersion":"authorization.k8s.io/v1","resources":[' +
      '{"name":"selfsubjectaccessreviews","singularName":"selfsubjectaccessreview","namespaced":false,"kind":"SelfSubjectAccessReview","verbs":["create"]},' +
      '{"name":"selfsubjectrulesreviews","singularName":"selfsubjectrulesreview","namespaced":false,"kind":"SelfSubjectRulesReview","verbs":["create"]}]}\n',
  )
})

const definitions = suite('self review definitions')

definitions('name the kinds, their models and resources; no columns', () => {
  assert.equal(
    [selfSubjectAccessReviewDefinition, selfSubjectRulesReviewDefinition].map((d) => [
      d.group,
      d.version,
      d.kind,
      d.listKind,
      d.resource,
      d.singularName,
      d.namespaced,
      d.verbs,
      d.model,
      d.columns.length,
    ]),
    [
      [
        'authorization.k8s.io',
        'v1',
        'SelfSubjectAccessReview',
        'SelfSubjectAccessReviewList',
        'selfsubjectaccessreviews',
        'selfsubjectaccessreview',
        false,
        ['create'],
        'io.k8s.api.authorization.v1.SelfSubjectAccessReview',
        0,
      ],
      [
        'authorization.k8s.io',
        'v1',
        'SelfSubjectRulesReview',
        'SelfSubjectRulesReviewList',
        'selfsubjectrulesreviews',
        'selfsubjectrulesreview',
        false,
        ['create'],
        'io.k8s.api.authorization.v1.SelfSubjectRulesReview',
        0,
      ],
    ],
  )
})

discovery.run()
definitions.run()
