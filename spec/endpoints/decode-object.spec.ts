import * as E from 'fp-ts/lib/Either.js'
import fc from 'fast-check'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { decodeObject } from '../../src/endpoints/decode-object.js'
import type { FieldValidation } from '../../src/endpoints/write-options.js'
import { definition, models } from './fixture-models.js'

const test = suite('decodeObject')
const decode = (text: string, validation: FieldValidation = 'Strict', format: 'json' | 'yaml' = 'json') =>
  decodeObject(Buffer.from(text), format, definition, models, validation)
const failure = (text: string, validation?: FieldValidation, format?: 'json' | 'yaml'): string => {
  const r = decode(text, validation, format)
  if (E.isRight(r) || r.left._tag !== 'Status') throw new Error(`expected a Status, got ${JSON.stringify(r)}`)
  return `${r.left.status.code} ${r.left.status.message}`
}

test('decodes a JSON object of the resource kind', () => {
  assert.equal(
    decode('{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a"},"data":{"k":"v"}}'),
    E.right({ object: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' }, data: { k: 'v' } }, warnings: [] }),
  )
})

test('decodes YAML into the same object', () => {
  const yaml = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  k: v\n'
  assert.equal(decode(yaml, 'Strict', 'yaml'), decode('{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a"},"data":{"k":"v"}}'))
})

test('Strict: unknown and duplicate fields are a 400 naming each, as upstream words it', () => {
  assert.is(
    failure('{"metadata":{"name":"a","labelz":{}},"dataa":{},"data":{"k":"1"},"data":{}}'),
    '400 ConfigMap in version "v1" cannot be handled as a ConfigMap: strict decoding error: unknown field "metadata.labelz", unknown field "dataa", duplicate field "data"',
  )
  assert.is(
    failure('metadata:\n  name: a\n  name: b\n', 'Strict', 'yaml'),
    '400 ConfigMap in version "v1" cannot be handled as a ConfigMap: strict decoding error: duplicate field "metadata.name"',
  )
})

test('Warn: the object, with one warning per strict error; Ignore: no warnings', () => {
  assert.equal(
    decode('{"dataa":{},"a":1,"a":2}', 'Warn'),
    E.right({ object: { dataa: {}, a: 2 }, warnings: ['unknown field "dataa"', 'unknown field "a"', 'duplicate field "a"'] }),
  )
  assert.equal(decode('{"dataa":{}}', 'Ignore'), E.right({ object: { dataa: {} }, warnings: [] }))
})

test('another apiVersion or kind is 400, whatever the validation', () => {
  assert.is(
    failure('{"apiVersion":"v2","kind":"ConfigMap"}', 'Ignore'),
    '400 the API version in the data (v2) does not match the expected API version (v1)',
  )
  assert.is(
    failure('{"apiVersion":"v1","kind":"Secret"}', 'Ignore'),
    '400 the kind in the data (Secret) does not match the expected kind (ConfigMap)',
  )
})

test('malformed text, and a body that is not an object, are 400', () => {
  assert.match(failure('{"a":'), /^400 couldn't get version\/kind; json parse error: /)
  assert.is(failure('[1]'), "400 couldn't get version/kind; json parse error: expected a JSON object, got array")
  assert.match(failure('a: [', 'Strict', 'yaml'), /^400 couldn't get version\/kind; yaml parse error: /)
})

test('a number read as infinite (1e400, YAML .inf) is 400 naming where, as Go refuses it; JSON could not write it back', () => {
  assert.is(
    failure('{"metadata":{"name":"a"},"items":[{"key":1e400}]}', 'Ignore'),
    "400 couldn't get version/kind; json parse error: number out of range at items[0].key",
  )
  assert.is(
    failure('data:\n  size: .inf\n', 'Ignore', 'yaml'),
    "400 couldn't get version/kind; yaml parse error: number out of range at data.size",
  )
})

test('any text, as JSON or YAML, decodes or fails with a Status: never a throw', () => {
  fc.assert(
    fc.property(fc.oneof(fc.string(), fc.json()), fc.constantFrom<'json' | 'yaml'>('json', 'yaml'), (text, format) => {
      const r = decode(text, 'Strict', format)
      return E.isRight(r) || r.left._tag === 'Status'
    }),
  )
})

test.run()
