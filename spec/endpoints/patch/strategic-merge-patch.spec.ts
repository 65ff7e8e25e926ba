import * as E from 'fp-ts/lib/Either.js'
import fc from 'fast-check'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import type { JsonObject, JsonValue } from '../../../src/endpoints/json-value.js'
import { applyStrategicMergePatch } from '../../../src/endpoints/patch/strategic-merge-patch.js'
import { body, configMap, models, pod } from './patch-models.js'
import { statusJson, statusLine } from './status-of.js'

const test = suite('applyStrategicMergePatch')
const smp = (live: JsonObject, patch: JsonValue) => applyStrategicMergePatch(live, body(patch), pod, models)
const spec = (s: JsonObject): JsonObject => ({ spec: s })
const c = (name: string, image?: string): JsonObject => (image === undefined ? { name } : { name, image })

// Cases in the manner of apimachinery's strategicpatch/patch_test.go, on a Pod-like model.
const cases: ReadonlyArray<readonly [string, JsonObject, JsonValue, JsonObject]> = [
  [
    'merges maps and deletes with null',
    { metadata: { labels: { a: '1', b: '2' } } },
    { metadata: { labels: { b: null, c: '3' } } },
    { metadata: { labels: { a: '1', c: '3' } } },
  ],
  [
    'merges a list item by its merge key',
    spec({ containers: [c('a', 'x'), c('b', 'y')] }),
    spec({ containers: [c('b', 'z')] }),
    spec({ containers: [c('a', 'x'), c('b', 'z')] }),
  ],
  [
    'puts a new item before the server-only items',
    spec({ containers: [c('a'), c('b')] }),
    spec({ containers: [c('c')] }),
    spec({ containers: [c('c'), c('a'), c('b')] }),
  ],
  [
    'deletes an item with $patch: delete',
    spec({ containers: [c('a'), c('b')] }),
    spec({ containers: [{ name: 'a', $patch: 'delete' }] }),
    spec({ containers: [c('b')] }),
  ],
  [
    'replaces a list with $patch: replace',
    spec({ containers: [c('a'), c('b')] }),
    spec({ containers: [c('c'), { $patch: 'replace' }] }),
    spec({ containers: [c('c')] }),
  ],
  [
    'merges nested merging lists',
    spec({ containers: [{ name: 'a', ports: [{ containerPort: 80 }] }] }),
    spec({ containers: [{ name: 'a', ports: [{ containerPort: 80, name: 'http' }, { containerPort: 443 }] }] }),
    spec({ containers: [{ name: 'a', ports: [{ containerPort: 80, name: 'http' }, { containerPort: 443 }] }] }),
  ],
  ['replaces a list without a merge strategy', spec({ args: ['a', 'b'] }), spec({ args: ['c'] }), spec({ args: ['c'] })],
  [
    'unions a merging list of scalars',
    { metadata: { finalizers: ['a', 'b'] } },
    { metadata: { finalizers: ['c', 'a'] } },
    { metadata: { finalizers: ['c', 'a', 'b'] } },
  ],
  [
    'removes scalars with $deleteFromPrimitiveList',
    { metadata: { finalizers: ['a', 'b', 'c'] } },
    { metadata: { '$deleteFromPrimitiveList/finalizers': ['b'] } },
    { metadata: { finalizers: ['a', 'c'] } },
  ],
  [
    'orders a list by $setElementOrder',
    spec({ containers: [c('a'), c('b'), c('c')] }),
    spec({ '$setElementOrder/containers': [{ name: 'c' }, { name: 'a' }, { name: 'b' }] }),
    spec({ containers: [c('c'), c('a'), c('b')] }),
  ],
  [
    'orders merged and new items by $setElementOrder',
    spec({ containers: [c('a', 'x'), c('b', 'y')] }),
    spec({ '$setElementOrder/containers': [{ name: 'a' }, { name: 'n' }, { name: 'b' }], containers: [c('n', 'z')] }),
    spec({ containers: [c('a', 'x'), c('n', 'z'), c('b', 'y')] }),
  ],
  [
    'drops fields not named by $retainKeys',
    spec({ strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1 } } }),
    spec({ strategy: { $retainKeys: ['type'], type: 'Recreate' } }),
    spec({ strategy: { type: 'Recreate' } }),
  ],
  [
    'replaces a map with $patch: replace',
    { metadata: { labels: { a: '1' } } },
    { metadata: { labels: { b: '2', $patch: 'replace' } } },
    { metadata: { labels: { b: '2' } } },
  ],
  [
    'empties a map with $patch: delete',
    { metadata: { labels: { a: '1' } } },
    { metadata: { labels: { $patch: 'delete' } } },
    { metadata: { labels: {} } },
  ],
  [
    'replaces a map whose strategy is replace',
    spec({ nodeSelector: { a: '1' } }),
    spec({ nodeSelector: { b: '2' } }),
    spec({ nodeSelector: { b: '2' } }),
  ],
  ['replaces a value of another type', spec({ args: ['a'] }), spec({ args: 'x' }), spec({ args: 'x' })],
  ['adds a field the live object lacks', {}, spec({ containers: [c('a')] }), spec({ containers: [c('a')] })],
]

for (const [name, live, patch, want] of cases) test(name, () => assert.equal(smp(live, patch), E.right(want)))

test("updates a ConfigMap's data and kubectl's last-applied annotation in one map merge", () => {
  const live = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'a', annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{"data":{"k":"1"}}\n', other: 'x' } },
    data: { k: '1', gone: 'y' },
  }
  const patch = {
    data: { k: '2', gone: null },
    metadata: { annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{"data":{"k":"2"}}\n' } },
  }
  assert.equal(
    applyStrategicMergePatch(live, body(patch), configMap, models),
    E.right({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'a', annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{"data":{"k":"2"}}\n', other: 'x' } },
      data: { k: '2' },
    }),
  )
})

test('a list of lists is the causeless 422', () => {
  assert.is(
    statusJson(smp(spec({ matrix: [['a']] }), spec({ matrix: [['b']] }))),
    '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"the server rejected our request due to an error in our request","reason":"Invalid","details":{},"code":422}\n',
  )
})

test('malformed directives are 400 with mergepatch messages', () => {
  assert.is(
    statusLine(smp(spec({ strategy: { type: 'a' } }), spec({ strategy: { $retainKeys: 'type' } }))),
    '400 BadRequest invalid patch format of retainKeys',
  )
  assert.is(
    statusLine(smp(spec({ strategy: { type: 'a' } }), spec({ strategy: { $retainKeys: ['type'], rollingUpdate: {} } }))),
    '400 BadRequest invalid patch format of retainKeys',
  )
  assert.is(
    statusLine(smp({ metadata: { finalizers: ['a'] } }, { metadata: { $deleteFromPrimitiveListfinalizers: ['a'] } })),
    '400 BadRequest invalid patch format of primitive list',
  )
  assert.is(
    statusLine(smp(spec({ containers: [] }), spec({ $setElementOrderx: [] }))),
    '400 BadRequest invalid patch format of setElementOrder list',
  )
})

test('a missing merge key and an unknown directive are plain errors, so 500', () => {
  assert.is(
    statusLine(smp(spec({ containers: [c('a')] }), spec({ containers: [{ image: 'x' }] }))),
    '500  map: map[image:x] does not contain declared merge key: name',
  )
  assert.is(
    statusLine(smp({ metadata: { labels: {} } }, { metadata: { labels: { $patch: 'frob' } } })),
    '500  unknown patch type: frob in map: map[$patch:frob]',
  )
  assert.is(
    statusLine(smp(spec({ containers: [c('a')] }), spec({ containers: [{ name: 'a', $patch: 'merge' }] }))),
    '500  merging lists cannot yet be specified in the patch',
  )
})

test('a body that is not a JSON object is 400; null changes nothing', () => {
  assert.is(statusLine(smp({}, [1])), '400 BadRequest json: cannot unmarshal array into Go value of type map[string]interface {}')
  assert.match(statusLine(applyStrategicMergePatch({}, body('{'), pod, models)), /^400 BadRequest /)
  assert.equal(smp({ a: 1 }, null), E.right({ a: 1 }))
})

test('a patch nested deeper than 1000 levels is 400, not a stack overflow', () => {
  const deep = `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`
  assert.is(statusLine(applyStrategicMergePatch({ a: {} }, body(deep), pod, models)), '400 BadRequest exceeded max depth of 1000')
})

test('the live object is not changed', () => {
  const live = spec({ containers: [c('a', 'x')], args: ['q'] })
  smp(live, spec({ containers: [c('a', 'y'), c('b')], args: null }))
  assert.equal(live, spec({ containers: [c('a', 'x')], args: ['q'] }))
})

test('any bytes give a value or an error, never a throw', () => {
  const live = { metadata: { labels: { a: '1' }, finalizers: ['x'] }, spec: { containers: [c('a', 'x')], strategy: { type: 'a' } } }
  fc.assert(
    fc.property(
      fc.oneof(
        fc.uint8Array(),
        fc.json().map((s) => Buffer.from(s)),
      ),
      (bytes) => {
        const r = applyStrategicMergePatch(live, bytes, pod, models)
        return E.isLeft(r) || typeof r.right === 'object'
      },
    ),
  )
})

test('any patch of directives and lists gives a value or an error, never a throw', () => {
  const key = fc.constantFrom(
    'containers',
    'args',
    'matrix',
    '$patch',
    '$retainKeys',
    '$setElementOrder/containers',
    '$deleteFromPrimitiveList/args',
    'name',
    'strategy',
  )
  const patch = fc.letrec((tie) => ({
    v: fc.oneof(
      { depthSize: 'small', maxDepth: 4 },
      fc.jsonValue({ maxDepth: 2 }),
      fc.dictionary(key, tie('v'), { maxKeys: 4 }),
      fc.array(tie('v'), { maxLength: 3 }),
    ),
  })).v
  fc.assert(
    fc.property(fc.dictionary(key, patch), (p) => {
      const r = smp({ spec: { containers: [c('a', 'x'), c('b')], args: ['q'] } }, { spec: p } as JsonValue)
      return E.isLeft(r) || typeof r.right === 'object'
    }),
  )
})

test.run()
