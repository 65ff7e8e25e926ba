import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import type { ConfigMap } from '../../../src/example-api/configmap-codec.js'
import type { StoreEvent } from '../../../src/example-api/configmap-store.js'
import { configMapDefinition } from '../../../src/example-api/configmap-definition.js'
import { bookmarkEvent, encodeEvent, newConvertingEventEncoder, newEventEncoder } from '../../../src/endpoints/rest/event-encoder.js'

const cm = (name: string, rv: string): ConfigMap => ({
  kind: 'ConfigMap',
  apiVersion: 'v1',
  metadata: { name, namespace: 'default', uid: 'u', resourceVersion: rv, creationTimestamp: '' },
  data: { k: '<é>' },
})

const encoder = suite('newEventEncoder')

encoder('gives every watcher of one event the same bytes, encoded once', () => {
  const encode = newEventEncoder()
  const e: StoreEvent = { type: 'ADDED', object: cm('a', '1') }
  const bytes = encode(e)
  assert.is(encode(e), bytes)
  assert.is(Buffer.from(bytes).toString('utf8'), encodeEvent(e))
})

encoder('encodes the next event, and an earlier one again, on their own', () => {
  const encode = newEventEncoder()
  const a: StoreEvent = { type: 'ADDED', object: cm('a', '1') }
  const b: StoreEvent = { type: 'MODIFIED', object: cm('a', '2'), previous: cm('a', '1') }
  const first = encode(a)
  assert.is(Buffer.from(encode(b)).toString('utf8'), encodeEvent(b))
  const again = encode(a)
  assert.is.not(again, first)
  assert.equal(Buffer.from(again), Buffer.from(first))
})

encoder.run()

const bookmarks = suite('bookmarkEvent')
bookmarks('holds only the resourceVersion and a null creationTimestamp, as Go writes an empty object', () => {
  assert.is(
    encodeEvent(bookmarkEvent({ kind: 'ConfigMap', apiVersion: 'v1' }, '42', false)),
    '{"type":"BOOKMARK","object":{"kind":"ConfigMap","apiVersion":"v1","metadata":{"resourceVersion":"42","creationTimestamp":null}}}\n',
  )
})
bookmarks('the one ending the initial events is annotated k8s.io/initial-events-end', () => {
  assert.is(
    encodeEvent(bookmarkEvent({ kind: 'ConfigMap', apiVersion: 'v1' }, '7', true)),
    '{"type":"BOOKMARK","object":{"kind":"ConfigMap","apiVersion":"v1","metadata":{"resourceVersion":"7","creationTimestamp":null,"annotations":{"k8s.io/initial-events-end":"true"}}}}\n',
  )
})
bookmarks.run()

const tables = suite('newConvertingEventEncoder')
tables('writes each event as a one-row Table, column definitions in the first only, ages at the time of writing', () => {
  let now = Date.parse('2026-01-01T00:00:10Z')
  const encode = newConvertingEventEncoder(configMapDefinition, {
    convert: { kind: 'Table', version: 'v1beta1' },
    includeObject: 'None',
    now: () => now,
  })
  const stamped = (name: string): ConfigMap => ({
    ...cm(name, '3'),
    metadata: { ...cm(name, '3').metadata, creationTimestamp: '2026-01-01T00:00:00Z' },
  })
  const first = JSON.parse(Buffer.from(encode({ type: 'ADDED', object: stamped('a') })).toString('utf8'))
  now += 60_000
  const second = JSON.parse(Buffer.from(encode({ type: 'MODIFIED', object: stamped('a') })).toString('utf8'))
  assert.equal(
    [first.type, first.object.apiVersion, first.object.columnDefinitions.length, first.object.rows],
    ['ADDED', 'meta.k8s.io/v1beta1', 3, [{ cells: ['a', 1, '10s'], object: null }]],
  )
  assert.equal([second.type, second.object.columnDefinitions, second.object.rows[0].cells[2]], ['MODIFIED', null, '70s'])
})

tables('writes PartialObjectMetadata when asked, and the object itself for a form it cannot take', () => {
  const pom = newConvertingEventEncoder(configMapDefinition, {
    convert: { kind: 'PartialObjectMetadata', version: 'v1' },
    includeObject: 'Metadata',
    now: () => 0,
  })
  assert.equal(JSON.parse(Buffer.from(pom({ type: 'ADDED', object: cm('a', '1') })).toString('utf8')).object, {
    kind: 'PartialObjectMetadata',
    apiVersion: 'meta.k8s.io/v1',
    metadata: cm('a', '1').metadata,
  })
  const list = newConvertingEventEncoder(configMapDefinition, {
    convert: { kind: 'PartialObjectMetadataList', version: 'v1' },
    includeObject: 'Metadata',
    now: () => 0,
  })
  assert.is(
    Buffer.from(list({ type: 'ADDED', object: cm('a', '1') })).toString('utf8'),
    encodeEvent({ type: 'ADDED', object: cm('a', '1') }),
  )
})
tables.run()
