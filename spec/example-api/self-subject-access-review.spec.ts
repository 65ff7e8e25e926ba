import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import * as E from 'fp-ts/lib/Either.js'
import type { AuthorizationAttributes, AuthorizationResult, Authorizer } from '../../src/auth/authorizer.js'
import { alwaysAllow, alwaysDeny } from '../../src/auth/always-authorizers.js'
import { userKey } from '../../src/auth/user.js'
import { put } from '../../src/core/index.js'
import { encodeStatus } from '../../src/core/status.js'
import type { JsonObject } from '../../src/endpoints/json-value.js'
import {
  selfSubjectAccessReview,
  selfSubjectAccessReviewHandler,
  selfSubjectAccessReviewsPath,
} from '../../src/example-api/self-subject-access-review.js'
import { bodyText, makeRequest, run, statusOf } from '../support/request.js'
import { bodyRequest } from './fixtures.js'

const jane = { name: 'jane', uid: 'u-1', groups: ['dev', 'system:authenticated'], extra: {} }

/** An authorizer that records what it was asked and answers `result`. */
const recording = (result: AuthorizationResult): { authorize: Authorizer; asked: AuthorizationAttributes[] } => {
  const asked: AuthorizationAttributes[] = []
  return { asked, authorize: (a) => (asked.push(a), result) }
}

/** The error's Status body text, or the review. */
const outcome = (r: E.Either<import('../../src/core/status.js').ApiError, JsonObject>): unknown =>
  E.isRight(r) ? r.right : r.left._tag === 'Status' ? JSON.parse(encodeStatus(r.left.status)) : r.left

const canI = { spec: { resourceAttributes: { namespace: 'default', verb: 'create', resource: 'configmaps' } } }

const review = suite('selfSubjectAccessReview')

review('asks the authorizer about the user, with version * when empty, and echoes the spec', () => {
  const { authorize, asked } = recording({ decision: 'Allow', reason: 'RBAC: allowed by ClusterRoleBinding "x"' })
  const r = selfSubjectAccessReview(authorize)(jane, { apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectAccessReview', ...canI })
  assert.equal(outcome(r), {
    kind: 'SelfSubjectAccessReview',
    apiVersion: 'authorization.k8s.io/v1',
    metadata: {},
    spec: { resourceAttributes: { namespace: 'default', verb: 'create', resource: 'configmaps' } },
    status: { allowed: true, reason: 'RBAC: allowed by ClusterRoleBinding "x"' },
  })
  assert.equal(asked, [
    {
      user: jane,
      verb: 'create',
      isResourceRequest: true,
      path: '',
      namespace: 'default',
      apiGroup: '',
      apiVersion: '*',
      resource: 'configmaps',
      subresource: '',
      name: '',
    },
  ])
})

review("passes every resource attribute through, in upstream's echo order", () => {
  const { authorize, asked } = recording({ decision: 'NoOpinion', reason: '' })
  const attrs = {
    name: 'web',
    subresource: 'scale',
    resource: 'deployments',
    version: 'v1',
    group: 'apps',
    verb: 'update',
    namespace: 'ns1',
  }
  const r = selfSubjectAccessReview(authorize)(jane, { spec: { resourceAttributes: attrs } })
  assert.is(
    JSON.stringify(E.isRight(r) && r.right['spec']),
    '{"resourceAttributes":{"namespace":"ns1","verb":"update","group":"apps","version":"v1","resource":"deployments","subresource":"scale","name":"web"}}',
  )
  assert.equal(asked[0], {
    user: jane,
    verb: 'update',
    isResourceRequest: true,
    path: '',
    namespace: 'ns1',
    apiGroup: 'apps',
    apiVersion: 'v1',
    resource: 'deployments',
    subresource: 'scale',
    name: 'web',
  })
})

review('non-resource attributes ask about the path and verb', () => {
  const { authorize, asked } = recording({ decision: 'Allow', reason: '' })
  const r = selfSubjectAccessReview(authorize)(jane, { spec: { nonResourceAttributes: { verb: 'get', path: '/healthz' } } })
  assert.equal(outcome(r), {
    kind: 'SelfSubjectAccessReview',
    apiVersion: 'authorization.k8s.io/v1',
    metadata: {},
    spec: { nonResourceAttributes: { path: '/healthz', verb: 'get' } },
    status: { allowed: true },
  })
  assert.equal(asked[0], {
    user: jane,
    verb: 'get',
    isResourceRequest: false,
    path: '/healthz',
    namespace: '',
    apiGroup: '',
    apiVersion: '',
    resource: '',
    subresource: '',
    name: '',
  })
})

review('Deny is denied; NoOpinion is neither; reasons are kept', () => {
  const deny = selfSubjectAccessReview(() => ({ decision: 'Deny', reason: 'no way' }))(jane, canI)
  assert.equal(E.isRight(deny) && deny.right['status'], { allowed: false, denied: true, reason: 'no way' })
  const none = selfSubjectAccessReview(alwaysDeny)(jane, canI)
  assert.equal(E.isRight(none) && none.right['status'], { allowed: false, reason: 'Everything is forbidden.' })
  const silent = selfSubjectAccessReview(() => ({ decision: 'NoOpinion', reason: '' }))(jane, canI)
  assert.equal(E.isRight(silent) && silent.right['status'], { allowed: false })
})

review("neither attributes (or null ones) is 422 on spec with upstream's message", () => {
  const expected = {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message:
      '.authorization.k8s.io "" is invalid: spec: Invalid value: null: exactly one of nonResourceAttributes or resourceAttributes must be specified',
    reason: 'Invalid',
    details: {
      group: 'authorization.k8s.io',
      causes: [
        {
          reason: 'FieldValueInvalid',
          message: 'Invalid value: null: exactly one of nonResourceAttributes or resourceAttributes must be specified',
          field: 'spec',
        },
      ],
    },
    code: 422,
  }
  assert.equal(outcome(selfSubjectAccessReview(alwaysAllow)(jane, {})), expected)
  assert.equal(
    outcome(selfSubjectAccessReview(alwaysAllow)(jane, { spec: { resourceAttributes: null, nonResourceAttributes: null } })),
    expected,
  )
})

review('both attributes is 422; metadata with content is 422 too, both listed', () => {
  const both = { resourceAttributes: { verb: 'get' }, nonResourceAttributes: { verb: 'get', path: '/' } }
  const r = outcome(selfSubjectAccessReview(alwaysAllow)(jane, { metadata: { name: 'x' }, spec: both })) as {
    message: string
    code: number
  }
  assert.is(r.code, 422)
  assert.is(
    r.message,
    '.authorization.k8s.io "" is invalid: [spec: Invalid value: "object": exactly one of nonResourceAttributes or resourceAttributes must be specified, metadata: Invalid value: "object": must be empty]',
  )
})

review('empty metadata, managedFields and a null creationTimestamp are accepted', () => {
  const metadatas: ReadonlyArray<JsonObject | null> = [
    {},
    null,
    { creationTimestamp: null, labels: {}, name: '' },
    { managedFields: [{ manager: 'kubectl' }] },
  ]
  for (const metadata of metadatas) {
    const r = selfSubjectAccessReview(alwaysAllow)(jane, { metadata, ...canI })
    assert.ok(E.isRight(r), JSON.stringify(metadata))
  }
})

review('validation comes before the user: no user is 400 only for a valid review', () => {
  const noUser = outcome(selfSubjectAccessReview(alwaysAllow)(undefined, canI)) as { code: number; message: string }
  assert.equal([noUser.code, noUser.message], [400, 'no user present on request'])
  assert.is((outcome(selfSubjectAccessReview(alwaysAllow)(undefined, {})) as { code: number }).code, 422)
})

review("wrong JSON types are 400 with Go's unmarshal message; other kinds and versions are 400", () => {
  const message = (o: JsonObject): string => (outcome(selfSubjectAccessReview(alwaysAllow)(jane, o)) as { message: string }).message
  assert.is(
    message({ spec: { resourceAttributes: { verb: 5 } } }),
    'SelfSubjectAccessReview in version "v1" cannot be handled as a SelfSubjectAccessReview: json: cannot unmarshal number into Go struct field ResourceAttributes.spec.resourceAttributes.verb of type string',
  )
  assert.is(
    message({ spec: 'x' }),
    'SelfSubjectAccessReview in version "v1" cannot be handled as a SelfSubjectAccessReview: json: cannot unmarshal string into Go struct field SelfSubjectAccessReview.spec of type v1.SelfSubjectAccessReviewSpec',
  )
  assert.is(message({ kind: 'Pod', ...canI }), 'the kind in the data (Pod) does not match the expected kind (SelfSubjectAccessReview)')
  assert.is(
    message({ apiVersion: 'v1', ...canI }),
    'the API version in the data (v1) does not match the expected API version (authorization.k8s.io/v1)',
  )
  assert.is(
    message({ kind: 1 }),
    "couldn't get version/kind; json parse error: json: cannot unmarshal number into Go struct field .kind of type string",
  )
})

review('selectors and unknown fields are dropped from the echo', () => {
  const r = selfSubjectAccessReview(alwaysAllow)(jane, {
    spec: { resourceAttributes: { verb: 'list', resource: 'pods', fieldSelector: { rawSelector: 'a=b' }, extra: 1 }, other: true },
  })
  assert.equal(E.isRight(r) && r.right['spec'], { resourceAttributes: { verb: 'list', resource: 'pods' } })
})

const handler = suite('selfSubjectAccessReviewHandler')

handler("answers 201 with the review as upstream's JSON", async () => {
  const req = put(
    bodyRequest('POST', selfSubjectAccessReviewsPath, { kind: 'SelfSubjectAccessReview', apiVersion: 'authorization.k8s.io/v1', ...canI }),
    userKey,
    jane,
  )
  const res = await run(selfSubjectAccessReviewHandler(alwaysAllow), req)
  assert.is(statusOf(res), 201)
  assert.is(
    await bodyText(res),
    '{"kind":"SelfSubjectAccessReview","apiVersion":"authorization.k8s.io/v1","metadata":{},"spec":{"resourceAttributes":{"namespace":"default","verb":"create","resource":"configmaps"}},"status":{"allowed":true}}\n',
  )
})

handler("uses the request's user; none is 400", async () => {
  const { authorize, asked } = recording({ decision: 'Allow', reason: '' })
  await run(
    selfSubjectAccessReviewHandler(authorize),
    put(bodyRequest('POST', `${selfSubjectAccessReviewsPath}?dryRun=All`, canI), userKey, jane),
  )
  assert.is(asked[0]?.user, jane)
  const res = await run(selfSubjectAccessReviewHandler(authorize), bodyRequest('POST', selfSubjectAccessReviewsPath, canI))
  assert.is(statusOf(res), 400)
  assert.is(JSON.parse(await bodyText(res)).message, 'no user present on request')
})

handler('reads YAML bodies too; other media types are 415', async () => {
  const yaml = 'spec:\n  nonResourceAttributes: { path: /healthz, verb: get }\n'
  const ok = await run(
    selfSubjectAccessReviewHandler(alwaysAllow),
    put(bodyRequest('POST', selfSubjectAccessReviewsPath, yaml, { headers: { 'content-type': 'application/yaml' } }), userKey, jane),
  )
  assert.is(statusOf(ok), 201)
  assert.equal(JSON.parse(await bodyText(ok)).spec, { nonResourceAttributes: { path: '/healthz', verb: 'get' } })
  const text = await run(
    selfSubjectAccessReviewHandler(alwaysAllow),
    put(bodyRequest('POST', selfSubjectAccessReviewsPath, canI, { headers: { 'content-type': 'text/plain' } }), userKey, jane),
  )
  assert.is(statusOf(text), 415)
})

handler('405 for GET, 404 below the path', async () => {
  const h = selfSubjectAccessReviewHandler(alwaysAllow)
  assert.is(statusOf(await run(h, put(makeRequest(selfSubjectAccessReviewsPath), userKey, jane))), 405)
  assert.is(statusOf(await run(h, put(makeRequest(`${selfSubjectAccessReviewsPath}/x`, { method: 'POST' }), userKey, jane))), 404)
})

review.run()
handler.run()
