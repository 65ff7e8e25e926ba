import * as E from 'fp-ts/lib/Either.js'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { includeObjectOf } from '../../src/endpoints/table-options.js'
import { makeRequest } from '../support/request.js'

const include = suite('includeObjectOf')
include('defaults to Metadata and reads the three values', () => {
  assert.equal(includeObjectOf(makeRequest('/')), E.right('Metadata'))
  assert.equal(includeObjectOf(makeRequest('/?includeObject=')), E.right('Metadata'))
  assert.equal(includeObjectOf(makeRequest('/?includeObject=Object')), E.right('Object'))
  assert.equal(includeObjectOf(makeRequest('/?includeObject=None')), E.right('None'))
})
include("any other value is upstream's 400", () => {
  const r = includeObjectOf(makeRequest('/?includeObject=all'))
  assert.ok(E.isLeft(r) && r.left._tag === 'Status')
  if (E.isLeft(r) && r.left._tag === 'Status') {
    assert.is(r.left.status.code, 400)
    assert.is(
      r.left.status.message,
      `Unable to convert to Table as requested: includeObject: Invalid value: "all": must be 'Metadata', 'Object', 'None', or empty`,
    )
  }
})
include.run()
