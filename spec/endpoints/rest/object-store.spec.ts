import * as E from 'fp-ts/lib/Either.js'
import * as O from 'fp-ts/lib/Option.js'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { type ApiError, fakeClock } from '../../../src/core/index.js'
import type { JsonObject } from '../../../src/endpoints/json-value.js'
import type { ResourceDefinition } from '../../../src/endpoints/resource-definition.js'
import { widgetDefinition } from './widget-definition.js'
import { maxObjectBytes, newObjectStore } from '../../../src/endpoints/rest/object-store.js'
import { counterIds } from '../../example-api/fixtures.js'

const def: ResourceDefinition = widgetDefinition
const widget = (name: string, extra: JsonObject = {}): JsonObject => ({
  kind: 'Widget',
  apiVersion: 'example.kubechain.dev/v1',
  metadata: { name },
  ...extra,
})
const fresh = () => newObjectStore(def, { clock: fakeClock(Date.UTC(2024, 0, 2, 3, 4, 5)), newId: counterIds() })
const messageOf = (r: E.Either<ApiError, unknown>): string =>
  E.isLeft(r) && r.left._tag === 'Status' ? r.left.status.message : 'no Status'

const store = suite('newObjectStore')

store("stamps uid, resourceVersion and creationTimestamp in ObjectMeta order, the kind's fields as written", () => {
  const created = fresh().create(widget('w', { spec: { a: 1 }, data: {} }))
  if (E.isLeft(created)) throw new Error('expected a create')
  assert.equal(Object.keys(created.right), ['kind', 'apiVersion', 'metadata', 'spec', 'data'])
  assert.equal(created.right['metadata'], { name: 'w', uid: 'uid-1', resourceVersion: '1', creationTimestamp: '2024-01-02T03:04:05Z' })
})

store('keeps cluster-scoped objects under the empty namespace, sorted by name', () => {
  const s = fresh()
  for (const n of ['b', 'a']) s.create(widget(n))
  assert.equal(
    s.list('').items.map((w) => (w['metadata'] as JsonObject)['name']),
    ['a', 'b'],
  )
  assert.ok(O.isSome(s.get('', 'a')))
})

store('errors name the resource and its group', () => {
  const s = fresh()
  s.create(widget('w'))
  assert.is(messageOf(s.create(widget('w'))), 'widgets.example.kubechain.dev "w" already exists')
  assert.is(messageOf(s.remove('', 'x')), 'widgets.example.kubechain.dev "x" not found')
  assert.is(
    messageOf(s.update(widget('w', { metadata: { name: 'w', resourceVersion: '9' } }))),
    'Operation cannot be fulfilled on widgets.example.kubechain.dev "w": the object has been modified; please apply your changes to the latest version and try again',
  )
})

store('a field order drops fields the kind does not have', () => {
  const s = newObjectStore(def, { clock: fakeClock(0), newId: counterIds() }, { historySize: 10, fieldOrder: ['spec'] })
  const created = s.create(widget('w', { extra: 1, spec: {} }))
  assert.equal(E.map((w: JsonObject) => Object.keys(w))(created), E.right(['kind', 'apiVersion', 'metadata', 'spec']))
})

store.run()

const limits = suite('newObjectStore: object size')

limits(
  'an object over maxObjectBytes is upstream\'s 500 "etcdserver: request is too large", by create and update; a dry run is not held to it',
  () => {
    const store = newObjectStore(def, { clock: fakeClock(0), newId: counterIds() }, { historySize: 10, maxObjectBytes: 1000 })
    const big = widget('big', { data: { a: 'x'.repeat(2000) } })
    const refused = store.create(big)
    assert.ok(E.isLeft(refused) && refused.left._tag === 'Status')
    if (E.isLeft(refused) && refused.left._tag === 'Status')
      assert.equal(
        [refused.left.status.code, refused.left.status.reason, refused.left.status.message],
        [500, '', 'etcdserver: request is too large'],
      )
    assert.ok(E.isRight(store.create(big, true)), 'a dry run')
    assert.ok(E.isRight(store.create(widget('small'))))
    assert.ok(E.isLeft(store.update(widget('small', { data: { a: 'x'.repeat(2000) } }))))
    assert.equal([store.list('').items.length, store.list('').resourceVersion], [1, '1'], 'nothing stored, no resourceVersion taken')
  },
)

limits("the default limit is etcd's 1.5 MiB", () => {
  assert.is(maxObjectBytes, 1572864)
})

limits.run()
