import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { parseQuery, query, queryValue } from '../../src/core/index.js'
import { makeRequest } from '../support/request.js'

const parse = suite('parseQuery')

parse('keeps every value of a repeated key in order', () => {
  assert.equal([...parseQuery('a=1&b=2&a=3')], [['a', ['1', '3']], ['b', ['2']]])
})

parse('decodes + as space and percent escapes', () => {
  assert.equal(parseQuery('fieldSelector=metadata.name%3Dfoo&x=a+b').get('fieldSelector'), ['metadata.name=foo'])
  assert.equal(parseQuery('x=a+b').get('x'), ['a b'])
})

parse('a key without = has an empty value', () => {
  assert.equal(parseQuery('verbose').get('verbose'), [''])
})

parse('drops pairs with ; or a bad escape, like Go', () => {
  const q = parseQuery('a=1;b=2&c=%zz&d=4')
  assert.equal([...q.keys()], ['d'])
})

parse('empty pieces are skipped', () => {
  assert.equal([...parseQuery('&&a=1&')], [['a', ['1']]])
})

const lazy = suite('query')

lazy('parses the request query once and answers the first value', () => {
  const req = makeRequest('/x?timeout=10s&timeout=20s')
  assert.is(query(req), query(req))
  assert.is(queryValue(req, 'timeout'), '10s')
  assert.is(queryValue(req, 'missing'), undefined)
  assert.is(query(makeRequest('/x')).size, 0)
})

parse.run()
lazy.run()
