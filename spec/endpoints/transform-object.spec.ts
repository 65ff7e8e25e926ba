import * as E from 'fp-ts/lib/Either.js'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import type { JsonObject } from '../../src/endpoints/json-value.js'
import { transformObject } from '../../src/endpoints/transform-object.js'
import { configMapDefinition } from '../../src/example-api/configmap-definition.js'

const meta = { name: 'a', namespace: 'default', resourceVersion: '3', creationTimestamp: '2026-01-01T00:00:00Z' }
const one: JsonObject = { kind: 'ConfigMap', apiVersion: 'v1', metadata: meta }
const list: JsonObject = { kind: 'ConfigMapList', apiVersion: 'v1', metadata: { resourceVersion: '8' }, items: [one] }
const opts = { includeObject: 'Metadata' as const, now: Date.parse('2026-01-01T00:00:30Z') }

const transform = suite('transformObject')

transform('keeps the object without a conversion, and a Status always', () => {
  assert.equal(transformObject(configMapDefinition, undefined, one, opts), E.right(one))
  const status: JsonObject = { kind: 'Status', apiVersion: 'v1', status: 'Success' }
  assert.equal(transformObject(configMapDefinition, { kind: 'Table', version: 'v1' }, status, opts), E.right(status))
})

transform("a list's Table has its items as rows and its resourceVersion", () => {
  const r = transformObject(configMapDefinition, { kind: 'Table', version: 'v1' }, list, opts)
  assert.ok(E.isRight(r))
  if (E.isRight(r)) {
    assert.equal(r.right['metadata'], { resourceVersion: '8' })
    assert.equal(
      (r.right['rows'] as ReadonlyArray<JsonObject>).map((row) => row['cells']),
      [['a', 0, '30s']],
    )
  }
})

transform("one object's Table has one row", () => {
  const r = transformObject(configMapDefinition, { kind: 'Table', version: 'v1' }, one, { ...opts, withColumns: false })
  assert.ok(E.isRight(r) && (r.right['rows'] as ReadonlyArray<unknown>).length === 1 && r.right['columnDefinitions'] === null)
})

transform('PartialObjectMetadata of an object, and 406 for a list', () => {
  assert.equal(
    transformObject(configMapDefinition, { kind: 'PartialObjectMetadata', version: 'v1' }, one, opts),
    E.right({ kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: meta }),
  )
  const r = transformObject(configMapDefinition, { kind: 'PartialObjectMetadata', version: 'v1' }, list, opts)
  assert.ok(E.isLeft(r) && r.left._tag === 'Status' && r.left.status.code === 406)
  if (E.isLeft(r) && r.left._tag === 'Status')
    assert.is(r.left.status.message, 'you requested PartialObjectMetadata, but the requested object is a list (*core.ConfigMapList)')
})

transform('PartialObjectMetadataList of a list, and 406 for an object', () => {
  assert.equal(
    transformObject(configMapDefinition, { kind: 'PartialObjectMetadataList', version: 'v1' }, list, opts),
    E.right({
      kind: 'PartialObjectMetadataList',
      apiVersion: 'meta.k8s.io/v1',
      metadata: { resourceVersion: '8' },
      items: [{ kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: meta }],
    }),
  )
  const r = transformObject(configMapDefinition, { kind: 'PartialObjectMetadataList', version: 'v1' }, one, opts)
  assert.ok(
    E.isLeft(r) &&
      r.left._tag === 'Status' &&
      r.left.status.message === 'you requested PartialObjectMetadataList, but the requested object is not a list (*core.ConfigMap)',
  )
})
transform.run()
