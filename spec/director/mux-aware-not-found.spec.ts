import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { put } from '../../src/core/index.js'
import { muxAwareNotFoundHandler } from '../../src/director/mux-aware-not-found.js'
import { muxIncompleteKey } from '../../src/filters/with-mux-and-discovery-complete.js'
import { bodyText, makeRequest, run, statusOf } from '../support/request.js'

const handler = suite('muxAwareNotFoundHandler')

handler("answers Go's 404 page not found for an unmarked request", async () => {
  const res = await run(muxAwareNotFoundHandler, makeRequest('/apis/flowcontrol.apiserver.k8s.io/v1beta1'))
  assert.is(statusOf(res), 404)
  assert.is(await bodyText(res), '404 page not found\n')
  assert.equal(res.headers, { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' })
})

handler('answers 503 ServiceUnavailable with Retry-After: 5 for a marked request', async () => {
  const req = put(makeRequest('/apis/flowcontrol.apiserver.k8s.io/v1beta1'), muxIncompleteKey, 'MuxAndDiscoveryInstallationNotComplete')
  const res = await run(muxAwareNotFoundHandler, req)
  assert.is(statusOf(res), 503)
  assert.is(
    await bodyText(res),
    '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"the request has been made before all known HTTP paths have been installed, please try again","reason":"ServiceUnavailable","details":{"retryAfterSeconds":5},"code":503}\n',
  )
  assert.is(res.headers['retry-after'], '5')
  assert.is(res.headers['content-type'], 'application/json')
})

handler.run()
