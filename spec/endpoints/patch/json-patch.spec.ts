import * as E from 'fp-ts/lib/Either.js'
import fc from 'fast-check'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import type { JsonObject, JsonValue } from '../../../src/endpoints/json-value.js'
import { applyJsonPatch } from '../../../src/endpoints/patch/json-patch.js'
import { applyOperations } from '../../../src/endpoints/patch/json-patch-ops.js'
import { body } from './patch-models.js'
import { statusJson, statusLine } from './status-of.js'

const test = suite('applyJsonPatch')

// RFC 6902 appendix A, as evanphx/json-patch applies it.
const rfc: ReadonlyArray<readonly [string, JsonObject, ReadonlyArray<JsonValue>, JsonValue | string]> = [
  ['A.1 adds an object member', { foo: 'bar' }, [{ op: 'add', path: '/baz', value: 'qux' }], { foo: 'bar', baz: 'qux' }],
  ['A.2 adds an array element', { foo: ['bar', 'baz'] }, [{ op: 'add', path: '/foo/1', value: 'qux' }], { foo: ['bar', 'qux', 'baz'] }],
  ['A.3 removes an object member', { baz: 'qux', foo: 'bar' }, [{ op: 'remove', path: '/baz' }], { foo: 'bar' }],
  ['A.4 removes an array element', { foo: ['bar', 'qux', 'baz'] }, [{ op: 'remove', path: '/foo/1' }], { foo: ['bar', 'baz'] }],
  ['A.5 replaces a value', { baz: 'qux', foo: 'bar' }, [{ op: 'replace', path: '/baz', value: 'boo' }], { baz: 'boo', foo: 'bar' }],
  [
    'A.6 moves a value',
    { foo: { bar: 'baz', waldo: 'fred' }, qux: { corge: 'grault' } },
    [{ op: 'move', from: '/foo/waldo', path: '/qux/thud' }],
    { foo: { bar: 'baz' }, qux: { corge: 'grault', thud: 'fred' } },
  ],
  [
    'A.7 moves an array element',
    { foo: ['all', 'grass', 'cows', 'eat'] },
    [{ op: 'move', from: '/foo/1', path: '/foo/3' }],
    { foo: ['all', 'cows', 'eat', 'grass'] },
  ],
  [
    'A.8 tests values',
    { baz: 'qux', foo: ['a', 2, 'c'] },
    [
      { op: 'test', path: '/baz', value: 'qux' },
      { op: 'test', path: '/foo/1', value: 2 },
    ],
    { baz: 'qux', foo: ['a', 2, 'c'] },
  ],
  ['A.9 fails a test', { baz: 'qux' }, [{ op: 'test', path: '/baz', value: 'bar' }], 'testing value /baz failed: test failed'],
  [
    'A.10 adds a nested member object',
    { foo: 'bar' },
    [{ op: 'add', path: '/child', value: { grandchild: {} } }],
    { foo: 'bar', child: { grandchild: {} } },
  ],
  [
    'A.12 cannot add to a missing target',
    { foo: 'bar' },
    [{ op: 'add', path: '/baz/bat', value: 'qux' }],
    'add operation does not apply: doc is missing path: "/baz/bat": missing value',
  ],
  ['A.14 unescapes ~0 and ~1', { '/': 9, '~1': 10 }, [{ op: 'test', path: '/~01', value: 10 }], { '/': 9, '~1': 10 }],
  [
    'A.16 appends an array value',
    { foo: ['bar'] },
    [{ op: 'add', path: '/foo/-', value: ['abc', 'def'] }],
    { foo: ['bar', ['abc', 'def']] },
  ],
  ['copies a value', { a: { b: 1 } }, [{ op: 'copy', from: '/a', path: '/c' }], { a: { b: 1 }, c: { b: 1 } }],
  ['replace of an absent key adds it (library leniency)', { a: 1 }, [{ op: 'replace', path: '/b', value: 2 }], { a: 1, b: 2 }],
  ['a negative index counts from the end', { a: [1, 2, 3] }, [{ op: 'remove', path: '/a/-1' }], { a: [1, 2] }],
  [
    'removing an absent key fails',
    { a: 1 },
    [{ op: 'remove', path: '/b' }],
    "error in remove for path: '/b': Unable to remove nonexistent key: b: missing value",
  ],
  [
    'an index past the end fails',
    { a: [1] },
    [{ op: 'add', path: '/a/3', value: 0 }],
    "error in add for path: '/a/3': Unable to access invalid index: 3: invalid index referenced",
  ],
  [
    'replace past the end of an array fails',
    { a: [1] },
    [{ op: 'replace', path: '/a/5', value: 2 }],
    'replace operation does not apply: doc is missing key: /a/5: missing value',
  ],
  ['an unknown op fails', { a: 1 }, [{ op: 'frob', path: '/a' }], 'Unexpected kind: frob'],
  ['a test of an absent key against null passes', { a: 1 }, [{ op: 'test', path: '/b', value: null }], { a: 1 }],
]

for (const [name, doc, ops, want] of rfc) {
  test(name, () => {
    const got = applyOperations(doc, ops)
    assert.equal(got, typeof want === 'string' ? E.left(want) : E.right(want))
  })
}

test('a patch that does not apply is the causeless 422 upstream answers', () => {
  const r = applyJsonPatch({ a: '1' }, body([{ op: 'test', path: '/a', value: '2' }]))
  assert.is(
    statusJson(r),
    '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"the server rejected our request due to an error in our request","reason":"Invalid","details":{},"code":422}\n',
  )
})

test('a body that is not an array of operations is 400 with the decoder message', () => {
  assert.is(
    statusLine(applyJsonPatch({}, body({ op: 'add' }))),
    '400 BadRequest json: cannot unmarshal object into Go value of type jsonpatch.Patch',
  )
  assert.is(
    statusLine(applyJsonPatch({}, body(['x']))),
    '400 BadRequest json: cannot unmarshal string into Go value of type jsonpatch.Operation',
  )
  assert.match(statusLine(applyJsonPatch({}, body('[{'))), /^400 BadRequest /)
})

test('null is no operations', () => {
  assert.equal(applyJsonPatch({ a: 1 }, body('null')), E.right({ a: 1 }))
})

test('more than 10000 operations is 413', () => {
  const ops = Array.from({ length: 10001 }, () => ({ op: 'test', path: '/a', value: 1 }))
  assert.is(
    statusLine(applyJsonPatch({ a: 1 }, body(ops))),
    '413 RequestEntityTooLarge Request entity too large: The allowed maximum operations in a JSON patch is 10000, got 10001',
  )
  assert.ok(E.isRight(applyJsonPatch({ a: 1 }, body(ops.slice(1)))))
})

test('a result that is not an object is 422 Invalid on field patch', () => {
  const r = applyJsonPatch({ a: 1 }, body([{ op: 'replace', path: '', value: [1] }]))
  assert.match(
    statusLine(r),
    /^422 Invalid {2}"" is invalid: patch: Invalid value: "\[1\]": couldn't get version\/kind; json parse error: json: cannot unmarshal array into Go value of type struct/,
  )
})

test('doubling copies stop at the copy limit', () => {
  const ops = [
    { op: 'add', path: '/a', value: 'x'.repeat(1000) },
    ...Array.from({ length: 20 }, (_, i) => ({ op: 'copy', from: '', path: `/c${i}` })),
  ]
  const got = applyOperations({}, ops, { maxCopyBytes: 100_000 })
  assert.ok(E.isLeft(got) && got.left.startsWith('copy operation does not apply'))
  const doubling = [
    { op: 'add', path: '/a', value: ['x'.repeat(1000)] },
    ...Array.from({ length: 20 }, () => ({ op: 'copy', from: '/a', path: '/a/-' })),
  ]
  const stopped = applyOperations({}, doubling, { maxCopyBytes: 100_000 })
  assert.ok(E.isLeft(stopped) && stopped.left.startsWith('Unable to complete the copy'), JSON.stringify(stopped).slice(0, 200))
})

test('a patch nested deeper than 1000 levels is 400; copies that nest past it do not apply', () => {
  const deep = (n: number): string => `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`
  assert.is(
    statusLine(applyJsonPatch({}, body(`[{"op":"add","path":"/x","value":${deep(1000)}}]`))),
    '400 BadRequest exceeded max depth of 1000',
  )
  assert.ok(E.isRight(applyJsonPatch({}, body(`[{"op":"add","path":"/x","value":${deep(990)}}]`))))
  const nesting = Array.from({ length: 1001 }, () => ({ op: 'copy', from: '/a', path: '/a/a' }))
  assert.is(
    statusLine(applyJsonPatch({ a: { b: 1 } }, body(nesting))),
    '422 Invalid the server rejected our request due to an error in our request',
  )
})

test('the live object is not changed', () => {
  const live = { a: { b: [1] } }
  applyJsonPatch(
    live,
    body([
      { op: 'add', path: '/a/b/-', value: 2 },
      { op: 'remove', path: '/a/b/0' },
    ]),
  )
  assert.equal(live, { a: { b: [1] } })
})

test('any bytes give a value or an error, never a throw', () => {
  fc.assert(
    fc.property(
      fc.oneof(
        fc.uint8Array(),
        fc.json().map((s) => Buffer.from(s)),
      ),
      (bytes) => {
        const r = applyJsonPatch({ a: [1, { b: 2 }] }, bytes)
        return E.isLeft(r) || typeof r.right === 'object'
      },
    ),
  )
})

test('any operations on any document give a value or an error, never a throw', () => {
  const op = fc.record({
    op: fc.constantFrom('add', 'remove', 'replace', 'move', 'copy', 'test', 'x'),
    path: fc.constantFrom('', '/a', '/a/0', '/a/-', '/b/c', '/a/-1', 'x'),
    from: fc.constantFrom('/a', '/a/1', '/b'),
    value: fc.jsonValue(),
  })
  fc.assert(
    fc.property(fc.jsonValue(), fc.array(op, { maxLength: 6 }), (doc, ops) => {
      applyOperations(doc as JsonValue, ops as ReadonlyArray<JsonValue>)
      return true
    }),
  )
})

test.run()
