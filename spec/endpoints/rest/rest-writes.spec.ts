import { suite } from 'uvu'
import { fakeClock } from '../../../src/core/index.js'
import { encodeOutput } from '../../../src/endpoints/encode-output.js'
import { jsonTarget } from '../../../src/endpoints/negotiate-output.js'
import * as assert from 'uvu/assert'
import { maxRequestBodyBytes } from '../../../src/endpoints/read-object.js'
import { type WriteDeps, restWrites } from '../../../src/endpoints/rest/rest-writes.js'
import type { ConfigMapStore } from '../../../src/example-api/configmap-store.js'
import { configMapDefinition } from '../../../src/example-api/configmap-definition.js'
import { configMapStrategy } from '../../../src/example-api/configmap-strategy.js'
import { bodyText, statusOf } from '../../support/request.js'
import { bodyRequest, cm, testStore } from '../../example-api/fixtures.js'

const writes = suite('restWrites')
const configMapWrites = (store: ConfigMapStore, deps: WriteDeps) => restWrites(configMapDefinition, store, configMapStrategy, deps)
const json = (status: number, o: unknown) => encodeOutput(jsonTarget, status, o)

writes('create, update and remove go through the store', async () => {
  const store = testStore()
  const w = configMapWrites(store, { random: () => 0.999, clock: fakeClock(0), models: {} })
  const created = await w.create(bodyRequest('POST', '/x', { metadata: { generateName: 'g-' } }), 'ns', json)()
  assert.is(statusOf(created), 201)
  const name = JSON.parse(await bodyText(created)).metadata.name
  assert.is(name, 'g-99999')
  const updated = await w.update(bodyRequest('PUT', '/x', cm(name, { data: { a: 'b' } })), 'ns', name, json)()
  assert.is(statusOf(updated), 200)
  assert.equal(store.list('ns').items[0]?.data, { a: 'b' })
  assert.is(statusOf(await w.remove(bodyRequest('DELETE', '/x', {}), 'ns', name, json)()), 200)
  assert.is(store.list('ns').items.length, 0)
})

writes('rejects a resourceVersion on create', async () => {
  const res = await configMapWrites(testStore(), { random: () => 0, clock: fakeClock(0), models: {} }).create(
    bodyRequest('POST', '/x', cm('a', {}, { resourceVersion: '3' })),
    'ns',
    json,
  )()
  assert.is(statusOf(res), 400)
  assert.is(JSON.parse(await bodyText(res)).message, 'resourceVersion should not be set on objects to be created')
})

writes('caps bodies at 3 MiB', () => {
  assert.is(maxRequestBodyBytes, 3145728)
})

writes.run()
