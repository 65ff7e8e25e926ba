import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import fc from 'fast-check'
import { parseQuery, query, queryValue } from '../../src/core/index.js'
import { makeRequest } from '../support/request.js'

const parse = suite('parseQuery')

parse('keeps every value of a repeated key in order', () => {
  assert.equal(
    [...parseQuery('a=1&b=2&a=3')],
    [
      ['a', ['1', '3']],
      ['b', ['2']],
    ],
  )
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

const first = suite('queryValue')

first('skips pairs with a semicolon and answers an empty value for a bare key', () => {
  assert.is(queryValue(makeRequest('/x?timeout=1s;x&timeout=2s'), 'timeout'), '2s')
  assert.is(queryValue(makeRequest('/x?a&timeout'), 'timeout'), '')
  assert.is(queryValue(makeRequest('/x?timeoutx=1&xtimeout=2'), 'timeout'), undefined)
})

first('agrees with parseQuery on any query (the plain scan and the full parse)', () => {
  const raw = fc
    .array(fc.constantFrom('a', 'b', 'timeout', '=', '&', ';', '%', '%61', '+', '1s'), { maxLength: 12 })
    .map((xs) => xs.join(''))
  fc.assert(
    fc.property(raw, fc.constantFrom('a', 'b', 'timeout', ''), (q, name) => {
      const req = makeRequest(q === '' ? '/x' : `/x?${q}`)
      assert.is(queryValue(req, name), parseQuery(req.rawQuery).get(name)?.[0])
    }),
    { numRuns: 2000 },
  )
})

parse.run()
lazy.run()
first.run()
