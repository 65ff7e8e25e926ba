import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import type { JsonObject } from '../../../src/endpoints/json-value.js'
import type { ObjectStoreEvent } from '../../../src/endpoints/rest/object-store.js'
import { inNamespace, newWatchHistory } from '../../../src/endpoints/rest/watch-history.js'

const added = (name: string, namespace: string, blob = ''): ObjectStoreEvent => ({
  type: 'ADDED',
  object: { metadata: { name, namespace }, blob },
})
const names = (events: ObjectStoreEvent[]): string[] => events.map((e) => (e.object['metadata'] as JsonObject)['name'] as string)

const history = suite('newWatchHistory')

history('replays the events after a resourceVersion, of one namespace or of all', () => {
  const h = newWatchHistory(10, 1 << 20)
  h.record(1, added('a', 'x'))
  h.record(2, added('b', 'y'))
  h.record(3, added('c', 'x'))
  const all: ObjectStoreEvent[] = []
  h.since(1, '', (e) => all.push(e))
  const inX: ObjectStoreEvent[] = []
  h.since(0, 'x', (e) => inX.push(e))
  assert.equal(
    [names(all), names(inX)],
    [
      ['b', 'c'],
      ['a', 'c'],
    ],
  )
})

history('forgets the oldest past maxEvents, and a watch from before them is 410 Expired', () => {
  const h = newWatchHistory(2, 1 << 20)
  for (let rv = 1; rv <= 4; rv++) h.record(rv, added(`o${rv}`, 'x'))
  assert.is(h.expired(2), undefined)
  const gone = h.expired(1)
  assert.equal(gone?._tag === 'Status' ? [gone.status.code, gone.status.message] : [], [410, 'too old resource version: 1 (2)'])
})

history('forgets the oldest past maxBytes, but keeps the newest event whatever its size', () => {
  const h = newWatchHistory(10, 1000)
  h.record(1, added('a', 'x'))
  h.record(2, added('big', 'x', 'z'.repeat(5000)))
  const kept: ObjectStoreEvent[] = []
  h.since(0, '', (e) => kept.push(e))
  assert.equal(names(kept), ['big'])
})

history('inNamespace: the empty namespace matches every event', () => {
  assert.equal(
    [inNamespace('', added('a', 'x')), inNamespace('x', added('a', 'x')), inNamespace('y', added('a', 'x'))],
    [true, true, false],
  )
})

history.run()
