import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import * as E from 'fp-ts/lib/Either.js'
import { type RulesResolver, alwaysAllowRules, alwaysDenyRules } from '../../src/auth/rules-resolver.js'
import { userKey } from '../../src/auth/user.js'
import { put } from '../../src/core/index.js'
import {
  selfSubjectRulesReview,
  selfSubjectRulesReviewHandler,
  selfSubjectRulesReviewsPath,
} from '../../src/example-api/self-subject-rules-review.js'
import { bodyText, makeRequest, run, statusOf } from '../support/request.js'
import { bodyRequest } from './fixtures.js'

const jane = { name: 'jane', uid: '', groups: ['system:authenticated'], extra: {} }
const inDefault = { apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectRulesReview', spec: { namespace: 'default' } }

const errorOf = (r: E.Either<import('../../src/core/status.js').ApiError, unknown>): string =>
  E.isLeft(r) && r.left._tag === 'Status' ? `${r.left.status.code} ${r.left.status.message}` : 'no error'

const review = suite('selfSubjectRulesReview')

review('asks the resolver for the user in spec.namespace and lists its rules; the spec is not echoed', () => {
  const asked: string[] = []
  const rules: RulesResolver = (user, ns) => (
    asked.push(`${user.name} ${ns}`),
    {
      resourceRules: [{ verbs: ['get'], apiGroups: [''], resources: ['pods'], resourceNames: [] }, { verbs: ['list'] }],
      nonResourceRules: [{ verbs: ['get'], nonResourceURLs: ['/api'] }],
      incomplete: true,
      evaluationError: 'role.rbac.authorization.k8s.io "r" not found',
    }
  )
  const r = selfSubjectRulesReview(rules)(jane, inDefault)
  assert.equal(E.isRight(r) && r.right, {
    kind: 'SelfSubjectRulesReview',
    apiVersion: 'authorization.k8s.io/v1',
    metadata: {},
    spec: {},
    status: {
      resourceRules: [{ verbs: ['get'], apiGroups: [''], resources: ['pods'] }, { verbs: ['list'] }],
      nonResourceRules: [{ verbs: ['get'], nonResourceURLs: ['/api'] }],
      incomplete: true,
      evaluationError: 'role.rbac.authorization.k8s.io "r" not found',
    },
  })
  assert.equal(asked, ['jane default'])
})

review('no rules are empty lists, complete, with no evaluationError', () => {
  const r = selfSubjectRulesReview(alwaysDenyRules)(jane, inDefault)
  assert.equal(E.isRight(r) && r.right['status'], { resourceRules: [], nonResourceRules: [], incomplete: false })
})

review('no user is 400 before the namespace is looked at; no namespace is 400', () => {
  assert.is(errorOf(selfSubjectRulesReview(alwaysAllowRules)(undefined, {})), '400 no user present on request')
  assert.is(errorOf(selfSubjectRulesReview(alwaysAllowRules)(jane, {})), '400 no namespace on request')
  assert.is(errorOf(selfSubjectRulesReview(alwaysAllowRules)(jane, { spec: { namespace: '' } })), '400 no namespace on request')
  assert.is(errorOf(selfSubjectRulesReview(alwaysAllowRules)(jane, { spec: null })), '400 no namespace on request')
})

review("a wrong type is 400 with Go's unmarshal message, before the user check", () => {
  assert.is(
    errorOf(selfSubjectRulesReview(alwaysAllowRules)(undefined, { spec: { namespace: ['a'] } })),
    '400 SelfSubjectRulesReview in version "v1" cannot be handled as a SelfSubjectRulesReview: json: cannot unmarshal array into Go struct field SelfSubjectRulesReviewSpec.spec.namespace of type string',
  )
  assert.is(
    errorOf(selfSubjectRulesReview(alwaysAllowRules)(jane, { ...inDefault, kind: 'SelfSubjectAccessReview' })),
    '400 the kind in the data (SelfSubjectAccessReview) does not match the expected kind (SelfSubjectRulesReview)',
  )
})

const handler = suite('selfSubjectRulesReviewHandler')

handler("answers 201 with upstream's JSON", async () => {
  const res = await run(
    selfSubjectRulesReviewHandler(alwaysAllowRules),
    put(bodyRequest('POST', selfSubjectRulesReviewsPath, inDefault), userKey, jane),
  )
  assert.is(statusOf(res), 201)
  assert.is(
    await bodyText(res),
    '{"kind":"SelfSubjectRulesReview","apiVersion":"authorization.k8s.io/v1","metadata":{},"spec":{},"status":{"resourceRules":[{"verbs":["*"],"apiGroups":["*"],"resources":["*"]}],"nonResourceRules":[{"verbs":["*"],"nonResourceURLs":["*"]}],"incomplete":false}}\n',
  )
})

handler('405 for PUT, 404 elsewhere, 400 without a user', async () => {
  const h = selfSubjectRulesReviewHandler(alwaysAllowRules)
  assert.is(statusOf(await run(h, put(makeRequest(selfSubjectRulesReviewsPath, { method: 'PUT' }), userKey, jane))), 405)
  assert.is(statusOf(await run(h, put(makeRequest(`${selfSubjectRulesReviewsPath}/`, { method: 'POST' }), userKey, jane))), 404)
  assert.is(statusOf(await run(h, bodyRequest('POST', selfSubjectRulesReviewsPath, inDefault))), 400)
})

review.run()
handler.run()
