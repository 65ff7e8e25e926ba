import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { bytes, constant, text } from '../../src/core/index.js'
import { contentTypeStep, withContentType } from '../../src/filters/with-content-type.js'
import { makeRequest, run } from '../support/request.js'

const filter = suite('withContentType')

filter('sets the given Content-Type and X-Content-Type-Options: nosniff', async () => {
  const res = await run(withContentType({ contentType: 'application/json' })(constant(bytes(200, '{}'))), makeRequest('/openapi/v2'))
  assert.equal(res.headers, { 'content-type': 'application/json', 'x-content-type-options': 'nosniff' })
})

filter('lets a Content-Type set by the inner handler win, as upstream', async () => {
  const res = await run(withContentType({ contentType: 'application/json' })(constant(text(500, 'oops'))), makeRequest('/'))
  assert.equal(res.headers, { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' })
})

filter.run()

const stepSuite = suite('contentTypeStep')

stepSuite('is named content-type', () => {
  assert.is(contentTypeStep({ contentType: 'text/html' }).name, 'content-type')
})

stepSuite.run()
