import * as E from 'fp-ts/lib/Either.js'
import fc from 'fast-check'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import type { JsonObject, JsonValue } from '../../../src/endpoints/json-value.js'
import { applyMergePatch } from '../../../src/endpoints/patch/merge-patch.js'
import { body } from './patch-models.js'
import { statusLine } from './status-of.js'

const test = suite('applyMergePatch')

// RFC 7386 appendix A (the cases whose target is an object).
const rfc: ReadonlyArray<readonly [JsonObject, JsonValue, JsonObject]> = [
  [{ a: 'b' }, { a: 'c' }, { a: 'c' }],
  [{ a: 'b' }, { b: 'c' }, { a: 'b', b: 'c' }],
  [{ a: 'b' }, { a: null }, {}],
  [{ a: 'b', b: 'c' }, { a: null }, { b: 'c' }],
  [{ a: ['b'] }, { a: 'c' }, { a: 'c' }],
  [{ a: 'c' }, { a: ['b'] }, { a: ['b'] }],
  [{ a: { b: 'c' } }, { a: { b: 'd', c: null } }, { a: { b: 'd' } }],
  [{ a: [{ b: 'c' }] }, { a: [1] }, { a: [1] }],
  [{ e: null }, { a: 1 }, { e: null, a: 1 }],
  [{}, { a: { bb: { ccc: null } } }, { a: { bb: {} } }],
]

rfc.forEach(([target, patch, want], i) => {
  test(`RFC 7386 A.${i + 1}: ${JSON.stringify(patch)}`, () => {
    assert.equal(applyMergePatch(target, body(patch)), E.right(want))
  })
})

test('deletes a label and adds another, as kubectl label does', () => {
  const live = { metadata: { name: 'a', labels: { app: 'web', tier: 'x' } }, data: { k: 'v' } }
  assert.equal(
    applyMergePatch(live, body({ metadata: { labels: { tier: null, env: 'prod' } } })),
    E.right({ metadata: { name: 'a', labels: { app: 'web', env: 'prod' } }, data: { k: 'v' } }),
  )
})

test('null, a string, a number and malformed JSON are 400 Invalid JSON Patch', () => {
  for (const p of ['null', '"bar"', '1', '{'])
    assert.is(statusLine(applyMergePatch({ a: 'foo' }, body(p))), '400 BadRequest Invalid JSON Patch')
})

test('an array replaces the document, which is then 422 on field patch', () => {
  assert.match(
    statusLine(applyMergePatch({ a: 'b' }, body(['c', null]))),
    /^422 Invalid {2}"" is invalid: patch: Invalid value: "\[\\"c\\"\]": /,
  )
})

test('a __proto__ key is data, not a prototype', () => {
  const r = applyMergePatch({}, body('{"__proto__":{"x":1}}'))
  assert.ok(E.isRight(r) && Object.hasOwn(r.right, '__proto__') && Object.getPrototypeOf(r.right) === Object.prototype)
})

test('any bytes give a value or an error, never a throw', () => {
  fc.assert(
    fc.property(
      fc.oneof(
        fc.uint8Array(),
        fc.json().map((s) => Buffer.from(s)),
      ),
      (bytes) => {
        const r = applyMergePatch({ a: { b: [1] } }, bytes)
        return E.isLeft(r) || typeof r.right === 'object'
      },
    ),
  )
})

test.run()
