import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { inGoOrder, labelsOf, metaString, objectBytes, withMeta } from '../../../src/endpoints/rest/object-meta.js'

const order = suite('inGoOrder')

order("writes kind, apiVersion, metadata in ObjectMeta order, then the kind's fields as they came", () => {
  const o = inGoOrder({ spec: { a: 1 }, metadata: { labels: { x: 'y' }, name: 'w', bogus: 1 }, apiVersion: 'v1', data: {}, kind: 'K' })
  assert.equal(Object.keys(o), ['kind', 'apiVersion', 'metadata', 'spec', 'data'])
  assert.equal(o['metadata'], { name: 'w', labels: { x: 'y' } })
})

order('with a field order, keeps only those fields, in that order', () => {
  const o = inGoOrder({ kind: 'K', metadata: {}, extra: 1, data: {}, immutable: true }, ['immutable', 'data'])
  assert.equal(Object.keys(o), ['kind', 'metadata', 'immutable', 'data'])
})

order.run()

const meta = suite('object metadata')

meta('reads strings and labels of metadata, empty when absent or of another type', () => {
  const o = { metadata: { name: 'w', namespace: 3, labels: { a: 'b' } } }
  assert.equal([metaString(o, 'name'), metaString(o, 'namespace'), metaString({}, 'name')], ['w', '', ''])
  assert.equal([labelsOf(o), labelsOf({ metadata: { labels: 'x' } })], [{ a: 'b' }, undefined])
})

meta("withMeta merges over the object's metadata", () => {
  assert.equal(withMeta({ metadata: { name: 'w', uid: 'a' } }, { uid: 'b' }), { metadata: { name: 'w', uid: 'b' } })
})

meta('objectBytes counts keys and strings at every depth', () => {
  assert.is(objectBytes({}), 256)
  assert.is(objectBytes({ ab: 'cde', n: [1, 'xy'] }), 256 + 2 + 3 + 1 + 8 + 2)
})

meta.run()
