import fc from 'fast-check'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { duplicateFields } from '../../src/endpoints/duplicate-fields.js'

const test = suite('duplicateFields')

test('names a repeated key by its path, at any depth and inside lists', () => {
  assert.equal(duplicateFields('{"a":1,"a":2}'), ['a'])
  assert.equal(duplicateFields('{"metadata":{"name":"x", "name" :"y"},"items":[{},{"k":1,"k":2}]}'), ['metadata.name', 'items[1].k'])
})

test('keys equal after unescaping are the same key; string values are never keys', () => {
  assert.equal(duplicateFields('{"a":"a","\\u0061":1}'), ['a'])
  assert.equal(duplicateFields('{"a":["a","a"],"b":{"c":"a"},"c":"}"}'), [])
})

test('the same key in sibling objects is no duplicate', () => {
  assert.equal(duplicateFields('[{"a":1},{"a":2}]'), [])
})

test('JSON.stringify output has none, and the scan never throws', () => {
  fc.assert(fc.property(fc.jsonValue(), (v) => duplicateFields(JSON.stringify(v)).length === 0))
})

test.run()
