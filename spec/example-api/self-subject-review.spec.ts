import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { put } from '../../src/core/index.js'
import { userKey } from '../../src/auth/user.js'
import { selfSubjectReviewHandler, selfSubjectReviewsPath } from '../../src/example-api/self-subject-review.js'
import { bodyText, makeRequest, run, statusOf } from '../support/request.js'
import { bodyRequest } from './fixtures.js'
import { hex, kubectlWhoami } from '../endpoints/protobuf/fixtures.js'

const review = suite('selfSubjectReviewHandler')
const user = { name: 'jane', uid: 'u-1', groups: ['dev', 'system:authenticated'], extra: { scopes: ['a'] } }

review('answers 201 with the request user', async () => {
  const req = put(
    bodyRequest('POST', selfSubjectReviewsPath, { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' }),
    userKey,
    user,
  )
  const res = await run(selfSubjectReviewHandler, req)
  assert.is(statusOf(res), 201)
  assert.is(
    await bodyText(res),
    '{"kind":"SelfSubjectReview","apiVersion":"authentication.k8s.io/v1","metadata":{"creationTimestamp":null},"status":{"userInfo":{"username":"jane","uid":"u-1","groups":["dev","system:authenticated"],"extra":{"scopes":["a"]}}}}\n',
  )
})

review('leaves out empty uid, groups and extra', async () => {
  const req = put(makeRequest(selfSubjectReviewsPath, { method: 'POST' }), userKey, { name: 'x', uid: '', groups: [], extra: {} })
  const body = JSON.parse(await bodyText(await run(selfSubjectReviewHandler, req)))
  assert.equal(body.status.userInfo, { username: 'x' })
})

review('is 400 without a user or with malformed JSON; 405 for GET; 404 elsewhere', async () => {
  const noUser = await run(selfSubjectReviewHandler, makeRequest(selfSubjectReviewsPath, { method: 'POST' }))
  assert.is(statusOf(noUser), 400)
  assert.is(JSON.parse(await bodyText(noUser)).message, 'no user present on request')
  assert.is(statusOf(await run(selfSubjectReviewHandler, put(bodyRequest('POST', selfSubjectReviewsPath, '{'), userKey, user))), 400)
  assert.is(statusOf(await run(selfSubjectReviewHandler, makeRequest(selfSubjectReviewsPath))), 405)
  assert.is(statusOf(await run(selfSubjectReviewHandler, makeRequest(`${selfSubjectReviewsPath}/x`, { method: 'POST' }))), 404)
})

review('reads the protobuf body kubectl auth whoami sends; a text/plain body is 415', async () => {
  const proto = { 'content-type': 'application/vnd.kubernetes.protobuf' }
  const req = put(bodyRequest('POST', selfSubjectReviewsPath, hex(kubectlWhoami), { headers: proto }), userKey, user)
  const res = await run(selfSubjectReviewHandler, req)
  assert.is(statusOf(res), 201)
  assert.is(JSON.parse(await bodyText(res)).status.userInfo.username, 'jane')
  const plain = put(bodyRequest('POST', selfSubjectReviewsPath, '{}', { headers: { 'content-type': 'text/plain' } }), userKey, user)
  assert.is(statusOf(await run(selfSubjectReviewHandler, plain)), 415)
})

review.run()
