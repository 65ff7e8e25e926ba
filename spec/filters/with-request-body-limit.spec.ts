import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { type Handler, type RawRequest, build, newRequest, parseTarget, text } from '../../src/core/index.js'
import {
  RequestBodyLimitConfig,
  requestBodyLimitDefaults,
  requestBodyLimitStep,
  withRequestBodyLimit,
} from '../../src/filters/with-request-body-limit.js'
import { bodyText, makeRequest, run, statusOf } from '../support/request.js'

const inner = text(200, 'inner')
const counting = () => {
  const calls = { n: 0 }
  const handler: Handler = () => {
    calls.n++
    return Promise.resolve(inner)
  }
  return { calls, handler }
}
const post = (contentLength?: string) =>
  makeRequest('/api/v1/namespaces', { method: 'POST', headers: contentLength === undefined ? {} : { 'content-length': contentLength } })
const tooLargeBody = (limit: number) =>
  `{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Request entity too large: limit is ${limit}","reason":"RequestEntityTooLarge","code":413}\n`

const filter = suite('withRequestBodyLimit')

filter('answers 413 for a declared length over 3 MiB without calling the inner handler', async () => {
  const { handler, calls } = counting()
  const res = await run(withRequestBodyLimit(requestBodyLimitDefaults)(handler), post('3145729'))
  assert.is(statusOf(res), 413)
  assert.is(await bodyText(res), tooLargeBody(3145728))
  assert.equal(res.headers, { 'content-type': 'application/json', 'x-content-type-options': 'nosniff', connection: 'close' })
  assert.is(calls.n, 0)
})

filter('passes a declared length up to the limit, or none, to the inner handler unchanged', async () => {
  const { handler, calls } = counting()
  const h = withRequestBodyLimit(requestBodyLimitDefaults)(handler)
  assert.is(await run(h, post('3145728')), inner)
  assert.is(await run(h, post()), inner)
  assert.is(await run(h, post('12x')), inner)
  assert.is(calls.n, 3)
})

filter('keeps the connection when less than 256 KiB would be left unread', async () => {
  const res = await run(withRequestBodyLimit({ maxRequestBodyBytes: 10 })(counting().handler), post('11'))
  assert.is(statusOf(res), 413)
  assert.is(await bodyText(res), tooLargeBody(10))
  assert.not.ok('connection' in res.headers)
})

filter('does not ask an HTTP/2 request to close its connection', async () => {
  const target = parseTarget('/x')
  if (E.isLeft(target)) throw new Error(target.left)
  const raw = { httpVersionMajor: 2 } as RawRequest
  const req = newRequest({ method: 'PUT', target: target.right, headers: { 'content-length': '9999999' }, raw })
  const res = await run(withRequestBodyLimit(requestBodyLimitDefaults)(counting().handler), req)
  assert.is(statusOf(res), 413)
  assert.not.ok('connection' in res.headers)
})

filter('is the identity for a limit of 0 or less', () => {
  const { handler } = counting()
  assert.is(withRequestBodyLimit({ maxRequestBodyBytes: 0 })(handler), handler)
  assert.is(withRequestBodyLimit({ maxRequestBodyBytes: -1 })(handler), handler)
})

filter('rejects exactly the declared lengths over the limit (property)', async () => {
  await fc.assert(
    fc.asyncProperty(fc.integer({ min: 1, max: 1 << 30 }), fc.nat(), async (limit, declared) => {
      const res = await run(withRequestBodyLimit({ maxRequestBodyBytes: limit })(counting().handler), post(String(declared)))
      assert.is(statusOf(res), declared > limit ? 413 : 200)
    }),
  )
})

const steps = suite('requestBodyLimitStep')

steps('is named request-body-limit and builds the filter', async () => {
  const s = requestBodyLimitStep({ maxRequestBodyBytes: 1 })
  assert.is(s.name, 'request-body-limit')
  assert.equal([s.needs, s.provides, s.inside, s.outside], [[], [], [], []])
  assert.is(statusOf(await run(build([s])(counting().handler), post('2'))), 413)
})

const config = suite('RequestBodyLimitConfig')

config('defaults to upstream 3 MiB and decodes numbers only', () => {
  assert.is(requestBodyLimitDefaults.maxRequestBodyBytes, 3145728)
  assert.ok(E.isRight(RequestBodyLimitConfig.decode({ maxRequestBodyBytes: 0 })))
  assert.ok(E.isLeft(RequestBodyLimitConfig.decode({ maxRequestBodyBytes: '3Mi' })))
})

filter.run()
steps.run()
config.run()
