import * as E from 'fp-ts/lib/Either.js'
import * as O from 'fp-ts/lib/Option.js'
import fc from 'fast-check'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import type { ApiError } from '../../../src/core/status.js'
import type { JsonObject } from '../../../src/endpoints/json-value.js'
import { recordUpdate } from '../../../src/endpoints/patch/managed-fields.js'
import { decodeApplyPatch, serverSideApply } from '../../../src/endpoints/patch/server-side-apply.js'
import { body, configMap, models, pod } from './patch-models.js'
import { statusJson, statusLine } from './status-of.js'

const test = suite('serverSideApply')
const now = '2024-01-02T03:04:05Z'
const opts = (manager: string, force = false) => ({ manager, force, now, schema: configMap, models })
const cm = (data: Record<string, string>, extra: JsonObject = {}): JsonObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'a', ...extra },
  data,
})
const right = (r: E.Either<ApiError, JsonObject>): JsonObject => {
  if (E.isLeft(r)) throw new Error(statusLine(r))
  return r.right
}
const managed = (o: JsonObject): unknown => (o['metadata'] as JsonObject)['managedFields']
const created = recordUpdate(O.none, cm({ a: '1' }, { namespace: 'd' }), 'kubectl-create', '2024-01-01T00:00:00Z')

test('creates when there is no live object, owning the applied fields only', () => {
  const got = right(serverSideApply(O.none, cm({ a: '1' }, { labels: { x: 'y' } }), opts('kubectl')))
  assert.equal(got, {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      name: 'a',
      labels: { x: 'y' },
      managedFields: [
        {
          manager: 'kubectl',
          operation: 'Apply',
          apiVersion: 'v1',
          time: now,
          fieldsType: 'FieldsV1',
          fieldsV1: { 'f:data': { 'f:a': {} }, 'f:metadata': { 'f:labels': { 'f:x': {} } } },
        },
      ],
    },
    data: { a: '1' },
  })
})

test('changing a field an updater owns is upstream 409 with one cause per field', () => {
  const r = serverSideApply(O.some(created), cm({ a: '2' }), opts('kubectl'))
  assert.is(
    statusJson(r),
    '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Apply failed with 1 conflict: conflict with \\"kubectl-create\\" using v1: .data.a","reason":"Conflict","details":{"causes":[{"reason":"FieldManagerConflict","message":"conflict with \\"kubectl-create\\" using v1","field":".data.a"}]},"code":409}\n',
  )
})

test('several conflicts are listed by manager', () => {
  const live = recordUpdate(O.none, cm({ a: '1', b: '1' }), 'kubectl-create', now)
  assert.is(
    statusLine(serverSideApply(O.some(live), cm({ a: '2', b: '2' }), opts('kubectl'))),
    '409 Conflict Apply failed with 2 conflicts: conflicts with "kubectl-create" using v1:\n- .data.a\n- .data.b',
  )
})

test('conflicts with several managers are grouped by manager in name order', () => {
  const first = recordUpdate(O.none, cm({ a: '1', b: '1' }), 'z-create', '2024-01-01T00:00:00Z')
  const live = recordUpdate(O.some(first), { ...first, data: { a: '1', b: '2' } }, 'a-edit', '2024-01-01T00:00:01Z')
  assert.is(
    statusLine(serverSideApply(O.some(live), cm({ a: '3', b: '3' }), opts('kubectl'))),
    '409 Conflict Apply failed with 2 conflicts: conflicts with "a-edit" using v1:\n- .data.b\nconflicts with "z-create" using v1:\n- .data.a',
  )
})

test('applying the value another manager set shares the field without a conflict', () => {
  const got = right(serverSideApply(O.some(created), cm({ a: '1' }), opts('kubectl')))
  assert.equal(
    (managed(got) as ReadonlyArray<JsonObject>).map((e) => [e['manager'], e['fieldsV1']]),
    [
      ['kubectl', { 'f:data': { 'f:a': {} } }],
      ['kubectl-create', { 'f:data': { '.': {}, 'f:a': {} } }],
    ],
  )
})

test('force takes the conflicting fields from their manager', () => {
  const got = right(serverSideApply(O.some(created), cm({ a: '2' }), opts('kubectl', true)))
  assert.equal(got['data'], { a: '2' })
  assert.equal(
    (managed(got) as ReadonlyArray<JsonObject>).map((e) => [e['manager'], e['fieldsV1']]),
    [
      ['kubectl', { 'f:data': { 'f:a': {} } }],
      ['kubectl-create', { 'f:data': {} }],
    ],
  )
})

test('a field the applier stops applying is removed, unless another manager owns it', () => {
  const first = right(serverSideApply(O.none, cm({ a: '1', b: '1', c: '1' }), opts('kubectl')))
  const shared = right(serverSideApply(O.some(first), cm({ c: '1' }), opts('other')))
  const second = right(serverSideApply(O.some(shared), cm({ a: '1' }), opts('kubectl')))
  assert.equal(second['data'], { a: '1', c: '1' })
})

test('an apply that changes nothing keeps the object and stamps the applier', () => {
  const first = right(serverSideApply(O.none, cm({ a: '1' }), { ...opts('kubectl'), now: '2024-01-01T00:00:00Z' }))
  const again = right(serverSideApply(O.some(first), cm({ a: '1' }), opts('kubectl')))
  assert.equal(again['data'], { a: '1' })
  assert.is((managed(again) as ReadonlyArray<JsonObject>)[0]?.['time'], now)
})

test('merges a map list by key and owns its items and their fields', () => {
  const live = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'a', image: 'x' }] } }
  const got = right(
    serverSideApply(
      O.some(live),
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'b', image: 'y' }] } },
      { ...opts('kubectl'), schema: pod },
    ),
  )
  assert.equal(got['spec'], {
    containers: [
      { name: 'a', image: 'x' },
      { name: 'b', image: 'y' },
    ],
  })
  assert.equal((managed(got) as ReadonlyArray<JsonObject>)[0]?.['fieldsV1'], {
    'f:spec': { 'f:containers': { 'k:{"name":"b"}': { '.': {}, 'f:image': {}, 'f:name': {} } } },
  })
})

test('an atomic item of a map list is owned whole, and a set list by value', () => {
  const got = right(serverSideApply(O.none, cm({}, { ownerReferences: [{ uid: 'u', name: 'o' }], finalizers: ['f'] }), opts('kubectl')))
  assert.equal((managed(got) as ReadonlyArray<JsonObject>)[0]?.['fieldsV1'], {
    'f:data': {},
    'f:metadata': { 'f:finalizers': { 'v:"f"': {} }, 'f:ownerReferences': { 'k:{"uid":"u"}': {} } },
  })
})

test('another kind or version is 400 invalid object type', () => {
  assert.is(
    statusLine(serverSideApply(O.none, { ...cm({}), apiVersion: 'apps/v1' }, opts('k'))),
    '400 BadRequest invalid object type: apps/v1, Kind=ConfigMap',
  )
  assert.is(statusLine(serverSideApply(O.none, { metadata: { name: 'a' } }, opts('k'))), '400 BadRequest invalid object type: /, Kind=')
  assert.is(
    statusLine(serverSideApply(O.none, { ...cm({}), kind: 'Secret' }, opts('k'))),
    '400 BadRequest invalid object type: /v1, Kind=Secret',
  )
})

test('managedFields in the configuration is 400', () => {
  assert.is(
    statusLine(serverSideApply(O.none, cm({}, { managedFields: [] }), opts('k'))),
    '400 BadRequest metadata.managedFields must be nil',
  )
})

test('a configuration nested deeper than 1000 levels is 400, not a stack overflow', () => {
  const deep = JSON.parse(`${'{"a":'.repeat(3000)}1${'}'.repeat(3000)}`) as JsonObject
  assert.is(
    statusLine(serverSideApply(O.none, { ...cm({}), data: deep }, opts('k'))),
    '400 BadRequest error decoding YAML: exceeded max depth of 1000',
  )
})

test('decodes YAML and JSON bodies into a configuration', () => {
  assert.equal(decodeApplyPatch(body('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  k: "1"\n')), E.right(cm({ k: '1' })))
  assert.equal(decodeApplyPatch(body(cm({ k: '1' }))), E.right(cm({ k: '1' })))
  assert.match(
    statusLine(decodeApplyPatch(body('- a\n'))),
    /^400 BadRequest error decoding YAML: .*cannot unmarshal array into Go value of type map\[string\]interface \{\}$/,
  )
  assert.match(statusLine(decodeApplyPatch(body('a: [\n'))), /^400 BadRequest error decoding YAML: /)
})

test('an apply body reads YAML as go-yaml does: merge keys merge, !!binary is a string, alias bombs are 400', () => {
  assert.equal(
    decodeApplyPatch(body('b: &b {x: "1"}\ndata:\n  <<: *b\n  y: !!binary aGVsbG8=\n')),
    E.right({ b: { x: '1' }, data: { x: '1', y: 'hello' } }),
  )
  const bomb =
    'a: &a [1,1,1,1,1,1,1,1,1,1]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\n'
  assert.is(
    statusLine(decodeApplyPatch(body(bomb))),
    '400 BadRequest error decoding YAML: Excessive alias count indicates a resource exhaustion attack',
  )
})

test('any configuration on any live object gives a value or an error, never a throw', () => {
  const data = fc.dictionary(fc.constantFrom('a', 'b', 'c'), fc.oneof(fc.string(), fc.constant(null)))
  fc.assert(
    fc.property(fc.option(data, { nil: undefined }), data, fc.boolean(), (live, applied, force) => {
      const liveObj = live === undefined ? O.none : O.some(recordUpdate(O.none, { ...cm({}), data: live }, 'm', now))
      const r = serverSideApply(liveObj, { ...cm({}), data: applied }, opts('kubectl', force))
      return E.isLeft(r) ? r.left._tag === 'Status' && r.left.status.code === 409 : typeof r.right === 'object'
    }),
  )
})

test.run()
