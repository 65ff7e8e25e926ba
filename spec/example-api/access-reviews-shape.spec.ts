import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import * as fc from 'fast-check'
import type { JsonObject } from '../../src/endpoints/json-value.js'
import { type GoStruct, goUnmarshalError, objectMetaStruct, reviewDecodeError } from '../../src/example-api/access-reviews-shape.js'

const inner: GoStruct = { name: 'Inner', qualified: 'v1.Inner', fields: { s: 'string', free: 'any' } }
const outer: GoStruct = { name: 'Outer', qualified: 'v1.Outer', fields: { a: 'string', inner, metadata: objectMetaStruct } }

const shape = suite('goUnmarshalError')

shape('names the innermost struct, the full JSON path and the Go type', () => {
  assert.is(
    goUnmarshalError({ inner: { s: true } }, outer),
    'json: cannot unmarshal bool into Go struct field Inner.inner.s of type string',
  )
  assert.is(goUnmarshalError({ inner: [] }, outer), 'json: cannot unmarshal array into Go struct field Outer.inner of type v1.Inner')
  assert.is(goUnmarshalError({ a: {} }, outer), 'json: cannot unmarshal object into Go struct field Outer.a of type string')
  assert.is(
    goUnmarshalError({ metadata: { name: 3 } }, outer),
    'json: cannot unmarshal number into Go struct field ObjectMeta.metadata.name of type string',
  )
})

shape('reports the first bad field in document order', () => {
  assert.is(
    goUnmarshalError({ inner: { s: 1 }, a: 2 }, outer),
    'json: cannot unmarshal number into Go struct field Inner.inner.s of type string',
  )
  assert.is(goUnmarshalError({ a: 2, inner: { s: 1 } }, outer), 'json: cannot unmarshal number into Go struct field Outer.a of type string')
})

shape('null fits anything; unknown fields and unchecked ones are ignored', () => {
  assert.is(goUnmarshalError({ a: null, inner: null, other: 5 }, outer), undefined)
  assert.is(goUnmarshalError({ inner: { s: 'x', free: [1, { x: 2 }], zz: 1 } }, outer), undefined)
})

const json: fc.Arbitrary<unknown> = fc.jsonValue()

shape('any JSON object gives a message or undefined, never a throw', () => {
  fc.assert(
    fc.property(fc.dictionary(fc.constantFrom('a', 'inner', 'metadata', 'kind', 'apiVersion', 'x'), json), (o) => {
      const out = goUnmarshalError(o as JsonObject, outer)
      const decoded = reviewDecodeError(o as JsonObject, outer)
      return (out === undefined || out.startsWith('json: cannot unmarshal ')) && (decoded === undefined || typeof decoded === 'string')
    }),
  )
})

const decode = suite('reviewDecodeError')

decode("accepts an absent or empty kind and apiVersion, or the struct's", () => {
  assert.is(reviewDecodeError({}, outer), undefined)
  assert.is(reviewDecodeError({ kind: '', apiVersion: '' }, outer), undefined)
  assert.is(reviewDecodeError({ kind: 'Outer', apiVersion: 'authorization.k8s.io/v1' }, outer), undefined)
})

decode('refuses other versions before other kinds, and type errors after both', () => {
  assert.is(
    reviewDecodeError({ kind: 'X', apiVersion: 'authorization.k8s.io/v1beta1' }, outer),
    'the API version in the data (authorization.k8s.io/v1beta1) does not match the expected API version (authorization.k8s.io/v1)',
  )
  assert.is(reviewDecodeError({ kind: 'X', a: 1 }, outer), 'the kind in the data (X) does not match the expected kind (Outer)')
  assert.is(
    reviewDecodeError({ a: 1 }, outer),
    'Outer in version "v1" cannot be handled as a Outer: json: cannot unmarshal number into Go struct field Outer.a of type string',
  )
  assert.is(
    reviewDecodeError({ apiVersion: false }, outer),
    "couldn't get version/kind; json parse error: json: cannot unmarshal bool into Go struct field .apiVersion of type string",
  )
})

shape.run()
decode.run()
