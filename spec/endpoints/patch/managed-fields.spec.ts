import * as O from 'fp-ts/lib/Option.js'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import type { JsonObject } from '../../../src/endpoints/json-value.js'
import { managersOf, recordUpdate } from '../../../src/endpoints/patch/managed-fields.js'

const test = suite('recordUpdate')
const cm = (meta: JsonObject, data?: Record<string, string>): JsonObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'a', namespace: 'd', uid: 'u', resourceVersion: '1', ...meta },
  ...(data === undefined ? {} : { data }),
})
const entries = (o: JsonObject) =>
  managersOf(o).map((e) => ({
    manager: e.manager,
    operation: e.operation,
    time: e.time,
    fields: [...e.fields.values()].map((p) => p.join('/')).sort(),
  }))

test('a create records every field it set as an Update entry, system metadata excluded', () => {
  const got = recordUpdate(O.none, cm({ labels: { x: '1' } }, { k: 'v' }), 'kubectl-create', '2024-01-01T00:00:00Z')
  assert.equal((got['metadata'] as JsonObject)['managedFields'], [
    {
      manager: 'kubectl-create',
      operation: 'Update',
      apiVersion: 'v1',
      time: '2024-01-01T00:00:00Z',
      fieldsType: 'FieldsV1',
      fieldsV1: { 'f:data': { '.': {}, 'f:k': {} }, 'f:metadata': { 'f:labels': { '.': {}, 'f:x': {} } } },
    },
  ])
})

test('an update takes changed fields from other managers and stamps its own entry', () => {
  const first = recordUpdate(O.none, cm({}, { a: '1', b: '1' }), 'kubectl-create', '2024-01-01T00:00:00Z')
  const next = recordUpdate(O.some(first), { ...first, data: { a: '2', b: '1' } }, 'kubectl-edit', '2024-01-02T00:00:00Z')
  assert.equal(entries(next), [
    { manager: 'kubectl-create', operation: 'Update', time: '2024-01-01T00:00:00Z', fields: ['f:data', 'f:data/f:b'] },
    { manager: 'kubectl-edit', operation: 'Update', time: '2024-01-02T00:00:00Z', fields: ['f:data/f:a'] },
  ])
})

test('a removed field leaves every manager', () => {
  const first = recordUpdate(O.none, cm({}, { a: '1', b: '1' }), 'kubectl-create', '2024-01-01T00:00:00Z')
  const next = recordUpdate(O.some(first), { ...first, data: { a: '1' } }, 'kubectl-edit', '2024-01-02T00:00:00Z')
  assert.equal(entries(next), [
    { manager: 'kubectl-create', operation: 'Update', time: '2024-01-01T00:00:00Z', fields: ['f:data', 'f:data/f:a'] },
  ])
})

test('a write that changes nothing keeps the entries and their times', () => {
  const first = recordUpdate(O.none, cm({}, { a: '1' }), 'kubectl-create', '2024-01-01T00:00:00Z')
  const same = recordUpdate(
    O.some(first),
    { ...first, metadata: { ...(first['metadata'] as JsonObject), resourceVersion: '2' } },
    'other',
    '2024-01-05T00:00:00Z',
  )
  assert.equal(entries(same), entries(first))
})

test('the same manager accumulates its fields in one entry', () => {
  const first = recordUpdate(O.none, cm({}, { a: '1' }), 'm', '2024-01-01T00:00:00Z')
  const next = recordUpdate(O.some(first), { ...first, data: { a: '1', b: '2' } }, 'm', '2024-01-02T00:00:00Z')
  assert.equal(entries(next), [
    { manager: 'm', operation: 'Update', time: '2024-01-02T00:00:00Z', fields: ['f:data', 'f:data/f:a', 'f:data/f:b'] },
  ])
})

test('managedFields a client sends in the new object are ignored', () => {
  const got = recordUpdate(
    O.none,
    cm({ managedFields: [{ manager: 'evil', operation: 'Apply', fieldsV1: { 'f:data': {} } }] }, { a: '1' }),
    'm',
    '2024-01-01T00:00:00Z',
  )
  assert.equal(
    entries(got).map((e) => e.manager),
    ['m'],
  )
})

test('entries sort Apply first, then by time', () => {
  const live = cm(
    {
      managedFields: [
        {
          manager: 'z',
          operation: 'Update',
          apiVersion: 'v1',
          time: '2024-01-01T00:00:00Z',
          fieldsType: 'FieldsV1',
          fieldsV1: { 'f:data': { 'f:b': {} } },
        },
        {
          manager: 'y',
          operation: 'Apply',
          apiVersion: 'v1',
          time: '2024-01-03T00:00:00Z',
          fieldsType: 'FieldsV1',
          fieldsV1: { 'f:data': { 'f:c': {} } },
        },
      ],
    },
    { b: '1', c: '1' },
  )
  const got = recordUpdate(O.some(live), { ...live, data: { a: '1', b: '1', c: '1' } }, 'x', '2024-01-02T00:00:00Z')
  assert.equal(
    entries(got).map((e) => e.manager),
    ['y', 'z', 'x'],
  )
})

test.run()
