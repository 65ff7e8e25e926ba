import * as O from 'fp-ts/lib/Option.js'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { encodeStatus } from '../../../src/core/status.js'
import { patchTypeOf, unsupportedPatchType } from '../../../src/endpoints/patch/patch-type.js'

const test = suite('patchTypeOf')

test('knows the four patch types upstream serves', () => {
  for (const t of [
    'application/json-patch+json',
    'application/merge-patch+json',
    'application/strategic-merge-patch+json',
    'application/apply-patch+yaml',
  ]) {
    assert.equal(patchTypeOf(t), O.some(t))
  }
})

test('drops parameters after the first semicolon, as upstream cuts the header', () => {
  assert.equal(patchTypeOf('application/merge-patch+json; charset=utf-8'), O.some('application/merge-patch+json'))
  assert.equal(patchTypeOf('application/merge-patch+json ; charset=utf-8'), O.none)
})

test('refuses CBOR apply, plain JSON, and any other spelling', () => {
  for (const t of ['application/apply-patch+cbor', 'application/json', 'Application/Merge-Patch+json', '', ';application/json-patch+json'])
    assert.equal(patchTypeOf(t), O.none)
})

test('the 415 lists the accepted types in upstream order, without details', () => {
  const err = unsupportedPatchType()
  assert.is(err._tag, 'Status')
  if (err._tag !== 'Status') return
  assert.is(
    encodeStatus(err.status),
    '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json, application/apply-patch+yaml","reason":"UnsupportedMediaType","code":415}\n',
  )
})

test.run()
