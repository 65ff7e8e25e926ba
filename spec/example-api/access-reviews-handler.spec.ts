import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import * as fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { userKey } from '../../src/auth/user.js'
import { put } from '../../src/core/index.js'
import { accessReviewHandler, decodeJsonObject } from '../../src/example-api/access-reviews-handler.js'
import { bodyText, makeRequest, run, statusOf } from '../support/request.js'
import { bodyRequest } from './fixtures.js'

const jane = { name: 'jane', uid: '', groups: [], extra: {} }
const bytes = (s: string): Uint8Array => new Uint8Array(Buffer.from(s))
const messageOf = (r: ReturnType<typeof decodeJsonObject>): string =>
  E.isLeft(r) && r.left._tag === 'Status' ? r.left.status.message : 'no error'

const decode = suite('decodeJsonObject')

decode('an object is itself, null is empty', () => {
  assert.equal(decodeJsonObject(bytes('{"a":[1,{"b":null}]}')), E.right({ a: [1, { b: null }] }))
  assert.equal(decodeJsonObject(bytes('null')), E.right({}))
})

decode("other JSON values are 400 with Go's version/kind sniffing message; malformed JSON too", () => {
  assert.is(
    messageOf(decodeJsonObject(bytes('[]'))),
    'couldn\'t get version/kind; json parse error: json: cannot unmarshal array into Go value of type struct { APIVersion string "json:\\"apiVersion,omitempty\\""; Kind string "json:\\"kind,omitempty\\"" }',
  )
  assert.match(messageOf(decodeJsonObject(bytes('true'))), 'cannot unmarshal bool into Go value')
  assert.match(messageOf(decodeJsonObject(bytes('"x"'))), 'cannot unmarshal string into Go value')
  assert.match(messageOf(decodeJsonObject(bytes('{'))), /^couldn't get version\/kind; json parse error: /)
  assert.match(messageOf(decodeJsonObject(bytes(''))), /^couldn't get version\/kind; json parse error: /)
})

decode('any bytes give an object or a 400, never a throw', () => {
  fc.assert(
    fc.property(fc.oneof(fc.uint8Array(), fc.json().map(bytes)), (b) => {
      const r = decodeJsonObject(b)
      return E.isRight(r) ? typeof r.right === 'object' && !Array.isArray(r.right) : r.left._tag === 'Status' && r.left.status.code === 400
    }),
  )
})

const handler = suite('accessReviewHandler')

handler('hands the decoded body and the user to the review and answers 201 with its object', async () => {
  const seen: unknown[] = []
  const h = accessReviewHandler('/p', (user, object) => (seen.push([user?.name, object]), E.right({ kind: 'K', got: object })))
  const res = await run(h, put(bodyRequest('POST', '/p', { a: 1 }), userKey, jane))
  assert.is(statusOf(res), 201)
  assert.is(await bodyText(res), '{"kind":"K","got":{"a":1}}\n')
  await run(h, bodyRequest('POST', '/p', {}))
  assert.equal(seen, [
    ['jane', { a: 1 }],
    [undefined, {}],
  ])
})

handler('a bad body is 400 and never reaches the review; 405 and 404 as go-restful', async () => {
  let called = 0
  const h = accessReviewHandler('/p', () => (called++, E.right({})))
  assert.is(statusOf(await run(h, put(bodyRequest('POST', '/p', '[1]'), userKey, jane))), 400)
  assert.is(called, 0)
  assert.is(statusOf(await run(h, makeRequest('/p', { method: 'DELETE' }))), 405)
  assert.is(statusOf(await run(h, makeRequest('/p/q', { method: 'POST' }))), 404)
})

decode.run()
handler.run()
