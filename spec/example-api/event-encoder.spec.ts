import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import type { ConfigMap } from '../../src/example-api/configmap-codec.js'
import type { StoreEvent } from '../../src/example-api/configmap-store.js'
import { encodeEvent, newEventEncoder } from '../../src/example-api/event-encoder.js'

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
