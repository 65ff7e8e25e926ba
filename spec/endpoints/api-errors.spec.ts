import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { toResponse } from '../../src/core/index.js'
import {
  alreadyExists,
  conflict,
  genericServerResponse,
  invalid,
  methodNotAllowed,
  resourceExpired,
  routeNotFound,
  staleObjectMessage,
} from '../../src/endpoints/api-errors.js'
import { invalidField, requiredField } from '../../src/endpoints/field-error.js'
import { bodyText } from '../support/request.js'

const bodyOf = (e: Parameters<typeof toResponse>[0]) => bodyText(toResponse(e))

const exists = suite('alreadyExists')
exists('is 409 AlreadyExists naming the resource', async () => {
  assert.is(
    await bodyOf(alreadyExists('', 'configmaps', 'web')),
    '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"configmaps \\"web\\" already exists","reason":"AlreadyExists","details":{"name":"web","kind":"configmaps"},"code":409}\n',
  )
})
exists.run()

const conflicts = suite('conflict')
conflicts('is 409 Conflict with the storage message', async () => {
  const body = JSON.parse(await bodyOf(conflict('apps', 'deployments', 'web', staleObjectMessage)))
  assert.is(body.message, `Operation cannot be fulfilled on deployments.apps "web": ${staleObjectMessage}`)
  assert.is(body.code, 409)
})
conflicts.run()

const invalids = suite('invalid')
invalids('is 422 with one message for one error and a bracketed list for several', async () => {
  const one = JSON.parse(await bodyOf(invalid('', 'ConfigMap', 'x', [invalidField('data[a b]', 'a b', 'bad')])))
  assert.is(one.message, 'ConfigMap "x" is invalid: data[a b]: Invalid value: "a b": bad')
  assert.equal(one.details, {
    name: 'x',
    kind: 'ConfigMap',
    causes: [{ reason: 'FieldValueInvalid', message: 'Invalid value: "a b": bad', field: 'data[a b]' }],
  })
  const two = JSON.parse(await bodyOf(invalid('', 'ConfigMap', '', [requiredField('metadata.name', 'r'), invalidField('data', 1, 'd')])))
  assert.is(two.message, 'ConfigMap "" is invalid: [metadata.name: Required value: r, data: Invalid value: 1: d]')
  assert.is(two.reason, 'Invalid')
  assert.is(two.code, 422)
})
invalids.run()

const expired = suite('resourceExpired')
expired('is 410 Expired', async () => {
  const b = JSON.parse(await bodyOf(resourceExpired('too old resource version: 1 (2)')))
  assert.equal([b.code, b.reason, b.message], [410, 'Expired', 'too old resource version: 1 (2)'])
})
expired.run()

const generic = suite('genericServerResponse')
generic('reproduces go-restful 404 and 405 as upstream converts them', async () => {
  assert.is(
    await bodyOf(routeNotFound),
    '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"the server could not find the requested resource","reason":"NotFound","details":{"causes":[{"reason":"UnexpectedServerResponse","message":"404: Page Not Found"}]},"code":404}\n',
  )
  const m = JSON.parse(await bodyOf(methodNotAllowed))
  assert.equal([m.code, m.reason, m.message], [405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource'])
  assert.is(JSON.parse(await bodyOf(genericServerResponse(415, 'x'))).reason, 'UnsupportedMediaType')
})
generic.run()
