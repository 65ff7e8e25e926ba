import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import type { JsonObject } from '../../src/endpoints/json-value.js'
import { creationTimestampDescription, nameDescription, toTable } from '../../src/endpoints/table.js'
import { configMapDefinition } from '../../src/example-api/configmap-definition.js'

const cm = (name: string, rv: string, data: Record<string, string> = {}): JsonObject => ({
  kind: 'ConfigMap',
  apiVersion: 'v1',
  metadata: { name, namespace: 'default', uid: `u-${name}`, resourceVersion: rv, creationTimestamp: '2026-01-01T00:00:00Z' },
  data,
})
const now = Date.parse('2026-01-01T00:03:10Z')

const table = suite('toTable')

table('writes Name, the definition columns and Age, then a row per object', () => {
  const t = toTable(configMapDefinition, [cm('a', '3', { k: 'v', l: 'w' }), cm('b', '4')], {
    includeObject: 'None',
    now,
    listMeta: { resourceVersion: '9' },
    withColumns: true,
  })
  assert.is(t['kind'], 'Table')
  assert.is(t['apiVersion'], 'meta.k8s.io/v1')
  assert.equal(t['metadata'], { resourceVersion: '9' })
  const columns = t['columnDefinitions'] as ReadonlyArray<JsonObject>
  assert.equal(
    columns.map((c) => [c['name'], c['type'], c['format'], c['priority']]),
    [
      ['Name', 'string', 'name', 0],
      ['Data', 'string', '', 0],
      ['Age', 'string', '', 0],
    ],
  )
  assert.is(columns[0]?.['description'], nameDescription)
  assert.is(columns[2]?.['description'], creationTimestampDescription)
  assert.equal(t['rows'], [
    { cells: ['a', 2, '3m10s'], object: null },
    { cells: ['b', 0, '3m10s'], object: null },
  ])
})

table('rows carry PartialObjectMetadata for Metadata and the object for Object', () => {
  const meta = toTable(configMapDefinition, [cm('a', '3')], { includeObject: 'Metadata', now, withColumns: true, version: 'v1beta1' })
  const row = (meta['rows'] as ReadonlyArray<JsonObject>)[0] as JsonObject
  assert.equal(row['object'], {
    kind: 'PartialObjectMetadata',
    apiVersion: 'meta.k8s.io/v1beta1',
    metadata: (cm('a', '3') as { metadata: JsonObject }).metadata,
  })
  assert.is(meta['apiVersion'], 'meta.k8s.io/v1beta1')
  const full = toTable(configMapDefinition, [cm('a', '3')], { includeObject: 'Object', now, withColumns: true })
  assert.equal((full['rows'] as ReadonlyArray<JsonObject>)[0]?.['object'], cm('a', '3'))
})

table("one object's Table takes its resourceVersion; no headers writes null columns", () => {
  const t = toTable(configMapDefinition, [cm('a', '7')], { includeObject: 'None', now, withColumns: false })
  assert.equal(t['metadata'], { resourceVersion: '7' })
  assert.is(t['columnDefinitions'], null)
})

table('an empty list has no rows and keeps only set list fields', () => {
  const t = toTable(configMapDefinition, [], {
    includeObject: 'Metadata',
    now,
    listMeta: { resourceVersion: '5', continue: '' },
    withColumns: true,
  })
  assert.equal(t['rows'], [])
  assert.equal(t['metadata'], { resourceVersion: '5' })
})
table.run()
