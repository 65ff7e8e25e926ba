import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { apiJson, rawJson } from '../../src/example-api/api-json.js'
import { bodyText, statusOf } from '../support/request.js'

const api = suite('apiJson')
api('writes compact JSON with Go escaping and a newline', async () => {
  const res = apiJson(201, { a: '<b>' })
  assert.is(statusOf(res), 201)
  assert.is(await bodyText(res), '{"a":"\\u003cb\\u003e"}\n')
  assert.is(res.headers['content-type'], 'application/json')
})
api.run()

const raw = suite('rawJson')
raw('writes two-space indented JSON without a newline', async () => {
  assert.is(await bodyText(rawJson(200, { a: 1 })), '{\n  "a": 1\n}')
})
raw.run()
