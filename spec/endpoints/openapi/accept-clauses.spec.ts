import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import * as fc from 'fast-check'
import { admits, parseAccept } from '../../../src/endpoints/openapi/accept-clauses.js'

const accept = suite('parseAccept')

accept('no header or an empty one is */*', () => {
  assert.equal(parseAccept(undefined), [{ type: '*', subType: '*', q: 1, params: 0 }])
  assert.equal(parseAccept(''), [{ type: '*', subType: '*', q: 1, params: 0 }])
})

accept('clauses sort by q, then concrete before wildcard; a lone * is */*; malformed ranges are skipped', () => {
  const clauses = parseAccept('*/*;q=0.8, application/*, application/json;q=0.9, *, text')
  assert.equal(
    clauses.map((c) => `${c.type}/${c.subType};${c.q}`),
    ['application/*;1', '*/*;1', 'application/json;0.9', '*/*;0.8'],
  )
})

accept('kubectl\'s v3 Accept admits JSON; its v2 protobuf Accept does not', () => {
  assert.ok(parseAccept('application/json, */*').some((c) => admits(c, 'application', 'json')))
  assert.not.ok(parseAccept('application/com.github.proto-openapi.spec.v2@v1.0+protobuf').some((c) => admits(c, 'application', 'json')))
  assert.ok(parseAccept('application/com.github.proto-openapi.spec.v2@v1.0+protobuf').some((c) => admits(c, 'application', 'com.github.proto-openapi.spec.v2@v1.0+protobuf')))
})

accept('any header gives clauses sorted by q, never a throw', () => {
  fc.assert(
    fc.property(fc.string(), (h) => {
      const qs = parseAccept(h).map((c) => c.q)
      return qs.every((q, i) => i === 0 || (qs[i - 1] as number) >= q)
    }),
  )
})

accept.run()
