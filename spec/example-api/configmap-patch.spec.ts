import { WebSocketServer } from 'ws'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { fakeClock } from '../../src/core/index.js'
import { configMapsHandler } from '../../src/example-api/configmaps-handler.js'
import { servedModels } from '../../src/example-api/example-api.js'
import type { ConfigMapStore } from '../../src/example-api/configmap-store.js'
import { bodyText, run, statusOf } from '../support/request.js'
import { bodyJson, bodyRequest, cm, testStore } from './fixtures.js'

const ns = '/api/v1/namespaces/default/configmaps'
const patchSuite = suite('configMapsHandler: PATCH')
const handlerOver = (store: ConfigMapStore) =>
  configMapsHandler(store, { random: () => 0, clock: fakeClock(0), models: servedModels }, new WebSocketServer({ noServer: true }))
const withWeb = async () => {
  const store = testStore()
  const h = handlerOver(store)
  await run(h, bodyRequest('POST', ns, cm('web', { data: { a: '1', b: '2' } }, { labels: { app: 'x' } })))
  return { store, h }
}
const patch = (type: string, body: unknown, query = '') =>
  bodyRequest('PATCH', `${ns}/web${query}`, body, { headers: { 'content-type': type } })

patchSuite('a strategic merge patch merges maps and deletes keys set to null (kubectl label, edit, apply)', async () => {
  const { store, h } = await withWeb()
  const res = await run(
    h,
    patch('application/strategic-merge-patch+json', { metadata: { labels: { env: 'prod' } }, data: { b: null, c: '3' } }),
  )
  assert.is(statusOf(res), 200)
  const body = await bodyJson(res)
  assert.equal(
    [body['metadata']['labels'], body['data'], body['metadata']['resourceVersion']],
    [{ app: 'x', env: 'prod' }, { a: '1', c: '3' }, '2'],
  )
  assert.equal(store.get('default', 'web'), { _tag: 'Some', value: body })
})

patchSuite('a merge patch and a JSON patch apply as RFC 7386 and RFC 6902 say', async () => {
  const { h } = await withWeb()
  const merged = await bodyJson(await run(h, patch('application/merge-patch+json', { data: { a: null } })))
  assert.equal(merged['data'], { b: '2' })
  const json = await run(
    h,
    patch('application/json-patch+json', [
      { op: 'add', path: '/data/z', value: '9' },
      { op: 'remove', path: '/data/b' },
    ]),
  )
  assert.is(statusOf(json), 200)
  assert.equal((await bodyJson(json))['data'], { z: '9' })
})

patchSuite("a JSON patch whose test fails is upstream's 422 and changes nothing", async () => {
  const { store, h } = await withWeb()
  const res = await run(
    h,
    patch('application/json-patch+json', [
      { op: 'test', path: '/data/a', value: 'nope' },
      { op: 'remove', path: '/data/a' },
    ]),
  )
  assert.is(statusOf(res), 422)
  assert.is((await bodyJson(res))['message'], 'the server rejected our request due to an error in our request')
  assert.equal(store.list('default').items[0]?.data, { a: '1', b: '2' })
  assert.is(store.list('default').resourceVersion, '1')
})

patchSuite('a patch of a missing object is 404; an unknown patch type 415; force without apply 422', async () => {
  const { h } = await withWeb()
  const missing = await run(h, bodyRequest('PATCH', `${ns}/nope`, {}, { headers: { 'content-type': 'application/merge-patch+json' } }))
  assert.is(statusOf(missing), 404)
  const type = await run(h, patch('application/json', {}))
  assert.is(statusOf(type), 415)
  assert.match(
    (await bodyJson(type))['message'],
    /^the body of the request was in an unknown format - accepted media types include: application\/json-patch\+json, /,
  )
  const force = await run(h, patch('application/merge-patch+json', {}, '?force=true'))
  assert.is(
    (await bodyJson(force))['message'],
    'PatchOptions.meta.k8s.io "" is invalid: force: Forbidden: may not be specified for non-apply patch',
  )
})

patchSuite('a patch carrying a stale resourceVersion is 409; a dry-run patch stores nothing', async () => {
  const { store, h } = await withWeb()
  assert.is(statusOf(await run(h, patch('application/merge-patch+json', { metadata: { resourceVersion: '9' }, data: { a: 'x' } }))), 409)
  const dry = await run(h, patch('application/merge-patch+json', { data: { a: 'x' } }, '?dryRun=All'))
  assert.equal([statusOf(dry), (await bodyJson(dry))['data']], [200, { a: 'x', b: '2' }])
  assert.equal(store.list('default').items[0]?.data, { a: '1', b: '2' })
})

patchSuite('fieldValidation=Strict refuses a patch that adds an unknown field, naming it', async () => {
  const { h } = await withWeb()
  const res = await run(h, patch('application/merge-patch+json', { dataa: { x: '1' } }, '?fieldValidation=Strict'))
  assert.is(statusOf(res), 400)
  assert.is(
    (await bodyJson(res))['message'],
    'ConfigMap in version "v1" cannot be handled as a ConfigMap: strict decoding error: unknown field "dataa"',
  )
})

patchSuite('a patch that breaks validation is 422 and a patch renaming the object 400', async () => {
  const { h } = await withWeb()
  assert.is(statusOf(await run(h, patch('application/merge-patch+json', { data: { 'bad key!': 'x' } }))), 422)
  assert.is(statusOf(await run(h, patch('application/merge-patch+json', { metadata: { name: 'other' } }))), 400)
})

patchSuite.run()

const order = suite('configMapsHandler: field order')

order('a patched object is written in Go struct order, whatever order the patch left', async () => {
  const { h } = await withWeb()
  const res = await run(
    h,
    patch('application/merge-patch+json', { data: { z: '1' }, metadata: { annotations: { a: 'b' } }, immutable: false }),
  )
  const text = await bodyText(res)
  assert.match(
    text,
    /^\{"kind":"ConfigMap","apiVersion":"v1","metadata":\{"name":"web","namespace":"default","uid":"uid-1","resourceVersion":"2","creationTimestamp":"[^"]+","labels":\{"app":"x"\},"annotations":\{"a":"b"\},"managedFields":\[[^\]]+\]\},"immutable":false,"data":/,
  )
})

order.run()

const apply = suite('configMapsHandler: server-side apply')
const applyPatch = (name: string, query: string, data: Record<string, string>) =>
  bodyRequest(
    'PATCH',
    `${ns}/${name}${query}`,
    `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n${Object.entries(data)
      .map(([k, v]) => `  ${k}: "${v}"`)
      .join('\n')}\n`,
    {
      headers: { 'content-type': 'application/apply-patch+yaml' },
    },
  )

apply('an apply creates a missing object (201) owned by its manager, then updates it (200)', async () => {
  const store = testStore()
  const h = handlerOver(store)
  const created = await run(h, applyPatch('cfg', '?fieldManager=ops', { a: '1' }))
  assert.is(statusOf(created), 201)
  const body = await bodyJson(created)
  assert.equal(
    [body['data'], body['metadata']['managedFields'][0].manager, body['metadata']['managedFields'][0].operation],
    [{ a: '1' }, 'ops', 'Apply'],
  )
  const again = await run(h, applyPatch('cfg', '?fieldManager=ops', { b: '2' }))
  assert.equal([statusOf(again), (await bodyJson(again))['data']], [200, { b: '2' }], 'a field the manager no longer applies is removed')
})

apply('a field another manager set is a 409 conflict naming it, unless force', async () => {
  const { h } = await withWeb()
  const clash = await run(h, applyPatch('web', '?fieldManager=ops', { a: 'mine' }))
  assert.is(statusOf(clash), 409)
  assert.is((await bodyJson(clash))['message'], 'Apply failed with 1 conflict: conflict with "" using v1: .data.a')
  const forced = await run(h, applyPatch('web', '?fieldManager=ops&force=true', { a: 'mine' }))
  assert.equal([statusOf(forced), (await bodyJson(forced))['data']['a']], [200, 'mine'])
})

apply('an apply without fieldManager is 422, as upstream validates PatchOptions', async () => {
  const { h } = await withWeb()
  const res = await run(h, applyPatch('web', '', { a: '1' }))
  assert.is(
    (await bodyJson(res))['message'],
    'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch',
  )
})

apply.run()
