import fc from 'fast-check'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import type { JsonValue } from '../../src/endpoints/json-value.js'
import { unknownFields } from '../../src/endpoints/unknown-fields.js'
import { models } from './fixture-models.js'

const test = suite('unknownFields')
const root = { $ref: 'test.ConfigMap' }

test('names top-level, nested and list-item fields the model does not know, in document order', () => {
  const value: JsonValue = { dataa: {}, metadata: { name: 'a', labelz: {} }, items: [{ key: 'k' }, { key: 'k', extra: 1 }], zz: 1 }
  assert.equal(unknownFields(value, root, models), ['dataa', 'metadata.labelz', 'items[1].extra', 'zz'])
})

test('map keys are not fields, and their values are checked against the map value schema', () => {
  assert.equal(unknownFields({ data: { anything: 'x' }, metadata: { labels: { a: 'b' } } }, root, models), [])
})

test('preserve-unknown-fields and an unresolvable reference accept anything below them', () => {
  assert.equal(unknownFields({ free: { a: { b: 1 } }, elsewhere: { c: 2 } }, root, models), [])
})

test('a known object passes whole', () => {
  assert.equal(unknownFields({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' }, data: { a: '1' } }, root, models), [])
})

test('never throws, whatever the value', () => {
  fc.assert(fc.property(fc.jsonValue(), (v) => Array.isArray(unknownFields(v as JsonValue, root, models))))
})

test.run()
