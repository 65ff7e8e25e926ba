import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import type { ApiError } from '../../src/core/index.js'
import type { JsonObject } from '../../src/endpoints/json-value.js'
import { decodeConfigMap } from '../../src/example-api/configmap-codec.js'

const enc = (s: string): JsonObject => JSON.parse(s) as JsonObject
const leftOf = (s: string): ApiError => {
  const r = decodeConfigMap(enc(s))
  if (E.isRight(r)) throw new Error(`expected a rejection of ${s}`)
  return r.left
}
const statusOf = (e: ApiError) => {
  if (e._tag !== 'Status') throw new Error('expected a Status error')
  return e.status
}

const decode = suite('decodeConfigMap')

decode('decodes a full ConfigMap and drops unknown fields (decodeObject reports them)', () => {
  const r = decodeConfigMap(
    enc('{"kind":"ConfigMap","apiVersion":"v1","metadata":{"name":"a","labels":{"x":"y"}},"data":{"k":"v"},"immutable":true,"extra":1}'),
  )
  assert.ok(E.isRight(r))
  if (E.isRight(r)) {
    assert.equal(r.right.metadata?.labels, { x: 'y' })
    assert.is(r.right.immutable, true)
    assert.equal(r.right.data, { k: 'v' })
  }
})

decode('wrong types are 422 naming apimachinery field paths', () => {
  const s = statusOf(leftOf('{"metadata":{"name":"a","labels":{"app":5}},"immutable":"yes"}'))
  assert.is(s.code, 422)
  assert.is(
    s.message,
    'ConfigMap "a" is invalid: [metadata.labels[app]: Invalid value: 5: expected a string, immutable: Invalid value: "yes": expected a boolean]',
  )
  assert.equal(
    s.details?.causes?.map((c) => c.field),
    ['metadata.labels[app]', 'immutable'],
  )
})

decode('a metadata that is not an object names metadata', () => {
  const s = statusOf(leftOf('{"metadata":[]}'))
  assert.is(s.message, 'ConfigMap "" is invalid: metadata: Invalid value: "array": expected an object')
})

decode('never throws on arbitrary JSON; every 422 names a field in each cause', () => {
  fc.assert(
    fc.property(fc.jsonValue(), fc.jsonValue(), fc.jsonValue(), (meta, data, other) => {
      const body = JSON.stringify({ metadata: meta, data, immutable: other })
      const r = decodeConfigMap(enc(body))
      assert.ok(E.isRight(r) || r.left._tag === 'Status')
      if (E.isRight(r) || r.left._tag !== 'Status') return
      const s = r.left.status
      if (s.code !== 422) return
      for (const c of s.details?.causes ?? []) assert.ok(c.field !== undefined && c.field !== '', `a cause without a field: ${body}`)
    }),
    { numRuns: 300 },
  )
})

decode.run()
