import * as E from 'fp-ts/lib/Either.js'
import * as O from 'fp-ts/lib/Option.js'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import type { ConfigMapDraft, StoreEvent } from '../../src/example-api/configmap-store.js'
import { newConfigMapStore, rfc3339 } from '../../src/example-api/configmap-store.js'
import { fakeClock } from '../../src/core/index.js'
import { counterIds, testStore } from './fixtures.js'

const draft = (name: string, namespace = 'default', extra: Partial<ConfigMapDraft['metadata']> = {}): ConfigMapDraft => ({
  kind: 'ConfigMap',
  apiVersion: 'v1',
  metadata: { name, namespace, ...extra },
})
const codeOf = (e: E.Either<{ _tag: string; status?: { code: number } } | any, unknown>): number =>
  E.isLeft(e) && e.left._tag === 'Status' ? e.left.status.code : 0

const store = suite('newConfigMapStore')

store('stamps uid, creationTimestamp and increasing resourceVersions', () => {
  const s = testStore()
  const a = s.create(draft('a'))
  const b = s.create(draft('b'))
  assert.ok(E.isRight(a) && E.isRight(b))
  if (E.isRight(a) && E.isRight(b)) {
    assert.equal([a.right.metadata.uid, a.right.metadata.resourceVersion, b.right.metadata.resourceVersion], ['uid-1', '1', '2'])
    assert.is(a.right.metadata.creationTimestamp, '2024-01-02T03:04:05Z')
  }
  assert.is(s.list('').resourceVersion, '2')
})

store('refuses duplicates (409), missing updates and deletes (404), stale versions (409)', () => {
  const s = testStore()
  s.create(draft('a'))
  assert.is(codeOf(s.create(draft('a'))), 409)
  assert.is(codeOf(s.update(draft('zz'))), 404)
  assert.is(codeOf(s.remove('default', 'zz')), 404)
  assert.is(codeOf(s.update(draft('a', 'default', { resourceVersion: '7' }))), 409)
  assert.ok(E.isRight(s.update(draft('a', 'default', { resourceVersion: '1' }))))
})

store('lists per namespace or all, ordered by namespace then name', () => {
  const s = testStore()
  for (const [n, ns] of [
    ['b', 'x'],
    ['a', 'x'],
    ['c', 'a-b'],
  ] as const)
    s.create(draft(n, ns))
  assert.equal(
    s.list('x').items.map((c) => c.metadata.name),
    ['a', 'b'],
  )
  assert.equal(
    s.list('').items.map((c) => `${c.metadata.namespace}/${c.metadata.name}`),
    ['a-b/c', 'x/a', 'x/b'],
  )
  assert.ok(O.isSome(s.get('x', 'a')))
  assert.ok(O.isNone(s.get('a-b', 'a')))
})

store('watch without a resourceVersion replays current objects as ADDED then follows changes', () => {
  const s = testStore()
  s.create(draft('a'))
  s.create(draft('b', 'other'))
  const seen: StoreEvent[] = []
  const stop = s.watch('default', '', (e) => seen.push(e))
  assert.ok(E.isRight(stop))
  s.update(draft('a'))
  s.create(draft('c', 'other'))
  s.remove('default', 'a')
  if (E.isRight(stop)) stop.right()
  s.create(draft('d'))
  assert.equal(
    seen.map((e) => `${e.type}:${e.object.metadata.name}:${e.object.metadata.resourceVersion}`),
    ['ADDED:a:1', 'MODIFIED:a:3', 'DELETED:a:5'],
  )
})

store('watch from a resourceVersion replays later history; too old is 410; garbage is 422', () => {
  const s = testStore(2)
  for (const n of ['a', 'b', 'c', 'd']) s.create(draft(n))
  const seen: string[] = []
  assert.ok(E.isRight(s.watch('', '2', (e) => seen.push(e.object.metadata.name))))
  assert.equal(seen, ['c', 'd'])
  assert.is(codeOf(s.watch('', '1', () => undefined)), 410)
  assert.is(codeOf(s.watch('', 'x', () => undefined)), 422)
})

store('history also holds at most historyBytes of objects: large versions push the oldest out', () => {
  const s = newConfigMapStore({ clock: fakeClock(0), newId: counterIds() }, { historySize: 100, historyBytes: 3000 })
  const big: ConfigMapDraft = { ...draft('big'), data: { blob: 'x'.repeat(1000) } }
  s.create(big)
  for (let i = 0; i < 3; i++) s.update(big)
  assert.is(codeOf(s.watch('', '1', () => undefined)), 410)
  const seen: string[] = []
  assert.ok(E.isRight(s.watch('', '2', (e) => seen.push(e.object.metadata.resourceVersion))))
  assert.equal(seen, ['3', '4'])
  for (const n of ['a', 'b', 'c', 'd', 'e', 'f']) s.create(draft(n))
  const small: string[] = []
  assert.ok(E.isRight(s.watch('', '4', (e) => small.push(e.object.metadata.name))))
  assert.equal(small, ['a', 'b', 'c', 'd', 'e', 'f'])
})

store.run()

const time = suite('rfc3339')
time('formats seconds precision in UTC', () => {
  assert.is(rfc3339(Date.UTC(2024, 0, 2, 3, 4, 5, 678)), '2024-01-02T03:04:05Z')
})
time.run()
