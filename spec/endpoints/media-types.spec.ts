import fc from 'fast-check'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { admits, parseAccept } from '../../src/endpoints/media-types.js'

const accept = suite('parseAccept')

accept('reads types, parameters and quality', () => {
  assert.equal(parseAccept('application/json;as=Table;v=v1;g=meta.k8s.io'), [
    { type: 'application', subType: 'json', q: 1, params: { as: 'Table', v: 'v1', g: 'meta.k8s.io' } },
  ])
  assert.equal(parseAccept(' text/plain ; q=0.5 ')[0], { type: 'text', subType: 'plain', q: 0.5, params: {} })
})

accept('sorts by quality, then concrete types before wildcards, else keeps header order', () => {
  const order = parseAccept('*/*, application/*, application/yaml;q=0.5, application/json, text/html').map((c) => `${c.type}/${c.subType}`)
  assert.equal(order, ['application/json', 'text/html', 'application/*', '*/*', 'application/yaml'])
})

accept('reads a bare * as */* and skips clauses without one slash', () => {
  assert.equal(
    parseAccept('*, json, a/b/c').map((c) => `${c.type}/${c.subType}`),
    ['*/*'],
  )
})

accept('a quality that does not parse is 0, as Go leaves it', () => {
  assert.is(parseAccept('application/json;q=high')[0]?.q, 0)
})

accept('any header gives clauses and never throws', () => {
  fc.assert(fc.property(fc.string(), (h) => Array.isArray(parseAccept(h))))
})
accept("admits: kubectl's OpenAPI v3 Accept admits JSON; its v2 protobuf Accept does not", () => {
  const admitsJson = (h: string): boolean => parseAccept(h).some((c) => admits(c, 'application', 'json'))
  assert.ok(admitsJson('application/json, */*'))
  assert.ok(admitsJson('*'))
  assert.not.ok(admitsJson('application/com.github.proto-openapi.spec.v2@v1.0+protobuf'))
  assert.ok(
    parseAccept('application/com.github.proto-openapi.spec.v2@v1.0+protobuf').some((c) =>
      admits(c, 'application', 'com.github.proto-openapi.spec.v2@v1.0+protobuf'),
    ),
  )
})

accept('a header of a megabyte (upstream allows 1 MiB of headers) parses in one pass: runs of spaces and digits inside clauses', () => {
  const spaces = ' '.repeat(1 << 20)
  assert.equal(
    parseAccept(`application/json${spaces}x, text/plain${spaces}`).map((c) => `${c.type}/${c.subType}`),
    [`application/json${spaces}x`, 'text/plain'],
  )
  assert.equal(
    parseAccept(`a/b;q=${'1'.repeat(1 << 20)}x, c/d;q=0.${'5'.repeat(1 << 20)}`).map((c) => [c.subType, c.q]),
    [
      ['d', 0.5555555555555556],
      ['b', 0],
    ],
  )
  assert.equal(
    parseAccept(`a/b;${spaces}q=0.2;${spaces}v=${spaces}1${spaces}`).map((c) => [c.q, c.params['v']]),
    [[0.2, '1']],
  )
})

accept.run()
