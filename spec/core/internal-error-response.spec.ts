import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { recordingLogger } from '../../src/core/index.js'
import { internalErrorResponse } from '../../src/core/internal-error-response.js'
import { bodyText, makeRequest, statusOf } from '../support/request.js'

const internal = suite('internalErrorResponse')

internal('answers 500 with Go http.Error text, the URI quoted and HTML specials escaped', async () => {
  const res = await internalErrorResponse(makeRequest('/a"b?q=<x>&y'), 'bad <thing>', recordingLogger().log)
  assert.is(statusOf(res), 500)
  assert.equal(res.headers, { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' })
  assert.is(await bodyText(res), 'Internal Server Error: "/a\\"b?q=&lt;x&gt;&amp;y": bad &lt;thing&gt;\n')
})

internal('logs the error when it answers', () => {
  const log = recordingLogger()
  internalErrorResponse(makeRequest('/x'), 'no RequestInfo found in the context', log.log)
  assert.equal(log.entries, [{ level: 'error', msg: 'no RequestInfo found in the context', fields: { method: 'GET', uri: '/x' } }])
})

internal.run()
