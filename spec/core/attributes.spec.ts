import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import * as O from 'fp-ts/lib/Option.js'
import { attr, get, put } from '../../src/core/index.js'
import { makeRequest } from '../support/request.js'

const attributes = suite('attributes')

attributes('get on a fresh request is none', () => {
  const k = attr<number>('n')
  assert.equal(get(makeRequest('/'), k), O.none)
})

attributes('put returns a new request and leaves the old one unchanged', () => {
  const k = attr<string>('user')
  const before = makeRequest('/x')
  const after = put(before, k, 'alice')
  assert.equal(get(after, k), O.some('alice'))
  assert.equal(get(before, k), O.none)
  assert.is(after.path, '/x')
})

attributes('a later put shadows an earlier one for the same key only', () => {
  const a = attr<number>('a')
  const b = attr<number>('b')
  const req = put(put(put(makeRequest('/'), a, 1), b, 2), a, 3)
  assert.equal(get(req, a), O.some(3))
  assert.equal(get(req, b), O.some(2))
})

attributes('two keys with the same name are different keys', () => {
  const k1 = attr<number>('same')
  const k2 = attr<number>('same')
  const req = put(makeRequest('/'), k1, 1)
  assert.equal(get(req, k2), O.none)
  assert.is(k1.name, k2.name)
})

attributes.run()
