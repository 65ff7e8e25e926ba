import * as E from 'fp-ts/lib/Either.js'
import fc from 'fast-check'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { negotiateInput, parseMediaType } from '../../src/endpoints/negotiate-input.js'
import { makeRequest } from '../support/request.js'

const typed = (ct?: string) => makeRequest('/', { method: 'POST', headers: ct === undefined ? {} : { 'content-type': ct } })

const input = suite('negotiateInput')

input('reads JSON, YAML and protobuf bodies; parameters and case do not matter', () => {
  assert.equal(negotiateInput(typed('application/json')), E.right('json'))
  assert.equal(negotiateInput(typed('Application/JSON; charset=utf-8')), E.right('json'))
  assert.equal(negotiateInput(typed('application/yaml')), E.right('yaml'))
  assert.equal(negotiateInput(typed('application/vnd.kubernetes.protobuf')), E.right('protobuf'))
})

input('no Content-Type is the first accepted type', () => {
  assert.equal(negotiateInput(typed()), E.right('json'))
  assert.equal(negotiateInput(typed(), [{ mediaType: 'application/yaml', format: 'yaml' }]), E.right('yaml'))
})

input("text/plain is upstream's 415 listing what is read", () => {
  const r = negotiateInput(typed('text/plain'))
  assert.ok(E.isLeft(r) && r.left._tag === 'Status')
  if (E.isLeft(r) && r.left._tag === 'Status') {
    assert.is(r.left.status.code, 415)
    assert.is(r.left.status.reason, 'UnsupportedMediaType')
    assert.is(
      r.left.status.message,
      'the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf',
    )
  }
})

input('a Content-Type that does not parse is 415', () => {
  assert.ok(E.isLeft(negotiateInput(typed('application/json; charset'))))
  assert.ok(E.isLeft(negotiateInput(typed('json'))))
})
input.run()

const media = suite('parseMediaType')
media('allows a trailing semicolon and quoted values', () => {
  assert.is(parseMediaType('application/json;'), 'application/json')
  assert.is(parseMediaType('application/json; a="b c"'), 'application/json')
  assert.is(parseMediaType('application/json;;'), undefined)
})
media('any text gives a type or undefined, never a throw', () => {
  fc.assert(
    fc.property(fc.string(), (s) => {
      const r = parseMediaType(s)
      return r === undefined || r.includes('/')
    }),
  )
})
media.run()
