import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import fc from 'fast-check'
import { constant, setHeader, text, toResponse, unauthorized } from '../../src/core/index.js'
import { hstsDefaults, hstsStep, validateHstsDirectives, withHsts } from '../../src/filters/with-hsts.js'
import { makeRequest, run } from '../support/request.js'

const invalid =
  '--strict-transport-security-directives invalid, allowed values: max-age=expireTime, includeSubDomains, preload. see https://tools.ietf.org/html/rfc6797#section-6.1 for more information'

const filter = suite('withHsts')

filter('is the identity without directives, as by default', () => {
  const inner = constant(text(200, 'ok'))
  assert.is(withHsts(hstsDefaults)(inner), inner)
})

filter('sets the directives joined by "; " on every response, errors included', async () => {
  const cfg = { directives: ['max-age=31536000', 'includeSubDomains', 'preload'] }
  const ok = await run(withHsts(cfg)(constant(text(200, 'ok'))), makeRequest('/'))
  const denied = await run(withHsts(cfg)(constant(toResponse(unauthorized('')))), makeRequest('/'))
  assert.is(ok.headers['strict-transport-security'], 'max-age=31536000; includeSubDomains; preload')
  assert.is(denied.headers['strict-transport-security'], 'max-age=31536000; includeSubDomains; preload')
})

filter('keeps a Strict-Transport-Security header set by the inner handler', async () => {
  const inner = constant(setHeader('strict-transport-security', 'max-age=5')(text(200, 'ok')))
  const res = await run(withHsts({ directives: ['max-age=31536000'] })(inner), makeRequest('/'))
  assert.is(res.headers['strict-transport-security'], 'max-age=5')
})

filter.run()

const stepSuite = suite('hstsStep')

stepSuite('is named hsts and declares no ordering', () => {
  const s = hstsStep({ directives: ['preload'] })
  assert.equal([s.name, s.needs, s.provides, s.inside, s.outside], ['hsts', [], [], [], []])
})

stepSuite.run()

const validate = suite('validateHstsDirectives')

validate('accepts includeSubDomains, preload and max-age=<x>', () => {
  assert.equal(validateHstsDirectives(['max-age=31536000', 'includeSubDomains', 'preload']), [])
  assert.equal(validateHstsDirectives([]), [])
})

validate('reports blank and unknown directives, one message each, in order', () => {
  assert.equal(validateHstsDirectives(['  ', 'max-age', 'max-age=1=2', 'maxage=1', 'Preload']), [
    'empty value in strict-transport-security-directives',
    invalid,
    invalid,
    invalid,
    invalid,
  ])
})

validate('accepts any max-age value without "="', () => {
  fc.assert(
    fc.property(
      fc.string().filter((s) => !s.includes('=')),
      (v) => validateHstsDirectives([`max-age=${v}`]).length === 0,
    ),
  )
})

validate.run()
