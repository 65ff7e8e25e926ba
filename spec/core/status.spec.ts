import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import {
  badRequest,
  encodeStatus,
  forbidden,
  goJson,
  internalError,
  notFound,
  plainError,
  requestEntityTooLarge,
  serviceUnavailable,
  timeoutError,
  toResponse,
  unauthorized,
} from '../../src/core/index.js'
import { bodyText } from '../support/request.js'

const status = suite('toResponse')

status('401 is byte-identical to upstream', async () => {
  const r = toResponse(unauthorized('Unauthorized'))
  assert.is(r.status, 401)
  assert.is(r.headers['content-type'], 'application/json')
  assert.is(
    await bodyText(r),
    '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Unauthorized","reason":"Unauthorized","code":401}\n',
  )
})

status('an empty unauthorized message becomes "not authorized"', async () => {
  assert.match(await bodyText(toResponse(unauthorized(''))), '"message":"not authorized"')
})

status('503 with retryAfterSeconds sets Retry-After and details', async () => {
  const r = toResponse(serviceUnavailable('the request has been made before all known HTTP paths have been installed, please try again', 5))
  assert.is(r.headers['retry-after'], '5')
  assert.is(
    await bodyText(r),
    '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"the request has been made before all known HTTP paths have been installed, please try again","reason":"ServiceUnavailable","details":{"retryAfterSeconds":5},"code":503}\n',
  )
})

status('a 503 without retry has no details and no Retry-After', async () => {
  const r = toResponse(serviceUnavailable('apiserver is shutting down'))
  assert.is(r.headers['retry-after'], undefined)
  assert.is(
    await bodyText(r),
    '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"apiserver is shutting down","reason":"ServiceUnavailable","code":503}\n',
  )
})

status('forbidden messages follow NewForbidden, with details', async () => {
  assert.match(
    await bodyText(toResponse(forbidden('', '', '', 'User "NAME" cannot GET path "/whatever"'))),
    '"message":"forbidden: User \\"NAME\\" cannot GET path \\"/whatever\\""',
  )
  const pod = await bodyText(toResponse(forbidden('', 'pod', 'mypod', 'x')))
  assert.match(pod, '"message":"pod \\"mypod\\" is forbidden: x","reason":"Forbidden","details":{"name":"mypod","kind":"pod"},"code":403}')
  assert.match(
    await bodyText(toResponse(forbidden('v2', 'pod', '', 'x'))),
    '"message":"pod.v2 is forbidden: x","reason":"Forbidden","details":{"group":"v2","kind":"pod"}',
  )
})

status('timeout, internal error, bad request, not found and too large use upstream reasons', async () => {
  assert.match(
    await bodyText(toResponse(timeoutError('request did not complete', 2))),
    '"message":"Timeout: request did not complete","reason":"Timeout","details":{"retryAfterSeconds":2},"code":504}',
  )
  assert.match(
    await bodyText(toResponse(internalError('boom'))),
    '"message":"Internal error occurred: boom","reason":"InternalError","details":{"causes":[{"message":"boom"}]},"code":500}',
  )
  assert.match(await bodyText(toResponse(badRequest('invalid timeout'))), '"reason":"BadRequest","code":400}')
  assert.match(
    await bodyText(toResponse(notFound('apps', 'deployments', 'web'))),
    '"message":"deployments.apps \\"web\\" not found","reason":"NotFound"',
  )
  assert.is(toResponse(requestEntityTooLarge('limit is 3145728')).status, 413)
})

status('plain errors are written like Go http.Error', async () => {
  const r = toResponse(plainError(429, 'Too many requests, please try again later.', { 'retry-after': '1' }))
  assert.is(r.status, 429)
  assert.equal(r.headers, { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff', 'retry-after': '1' })
  assert.is(await bodyText(r), 'Too many requests, please try again later.\n')
})

status('Status JSON escapes HTML characters like Go', async () => {
  assert.match(await bodyText(toResponse(badRequest('<a & b>'))), '"message":"\\u003ca \\u0026 b\\u003e"')
})

const encode = suite('encodeStatus')

encode('can leave out kind and apiVersion, as the timeout filter writes it', () => {
  assert.is(
    encodeStatus(
      {
        status: 'Failure',
        message: 'Timeout: request did not complete within the allotted timeout',
        reason: 'Timeout',
        details: {},
        code: 504,
      },
      false,
    ),
    '{"metadata":{},"status":"Failure","message":"Timeout: request did not complete within the allotted timeout","reason":"Timeout","details":{},"code":504}\n',
  )
})

const json = suite('goJson')

json('escapes line and paragraph separators', () => {
  assert.is(goJson('\u2028\u2029'), '"\\u2028\\u2029"')
})

status.run()
encode.run()
json.run()
