import { WebSocketServer } from 'ws'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { fakeClock, newCancelSource, recordingLogger, silentLogger } from '../../../src/core/index.js'
import { watchBoundsDefaults } from '../../../src/endpoints/rest/event-queue.js'
import { invalidField } from '../../../src/endpoints/field-error.js'
import type { JsonObject } from '../../../src/endpoints/json-value.js'
import { metaModels } from '../../../src/endpoints/models/meta-models.js'
import type { ResourceDefinition } from '../../../src/endpoints/resource-definition.js'
import { widgetDefinition as baseWidget } from './widget-definition.js'
import { newObjectStore } from '../../../src/endpoints/rest/object-store.js'
import { restHandler } from '../../../src/endpoints/rest/rest-handler.js'
import { type ResourceStrategy, defaultStrategy } from '../../../src/endpoints/rest/resource-strategy.js'
import type { SchemaModels } from '../../../src/endpoints/schema.js'
import { bodyText, makeRequest, run, statusOf } from '../../support/request.js'
import { bodyJson, bodyRequest, counterIds } from '../../example-api/fixtures.js'

// A second resource, cluster-scoped and in its own group, served by the same machinery as ConfigMaps.
const group = 'example.kubechain.dev'
const model = 'dev.kubechain.example.v1.Widget'
const models: SchemaModels = {
  ...metaModels,
  [model]: {
    type: 'object',
    'x-kubernetes-group-version-kind': [{ group, version: 'v1', kind: 'Widget' }],
    properties: {
      apiVersion: { type: 'string' },
      kind: { type: 'string' },
      metadata: { allOf: [{ $ref: 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta' }], default: {} },
      spec: { type: 'object', properties: { color: { type: 'string' }, size: { type: 'integer' } } },
      data: { type: 'object', additionalProperties: { type: 'string' } },
      status: { type: 'object', properties: { ready: { type: 'boolean' } } },
    },
  },
}
const specOf = (w: JsonObject): JsonObject => (w['spec'] ?? {}) as JsonObject
const widgetDefinition: ResourceDefinition = {
  ...baseWidget,
  shortNames: ['wd'],
  verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'],
  model,
  columns: [{ name: 'Color', type: 'string', format: '', description: 'The color.', priority: 0, cell: (w) => specOf(w)['color'] ?? '' }],
}
const sizeErrors = (w: JsonObject) => {
  const size = specOf(w)['size']
  return typeof size === 'number' && size < 0 ? [invalidField('spec.size', size, 'must be greater than or equal to 0')] : []
}
const widgetStrategy: ResourceStrategy = {
  ...defaultStrategy,
  validate: (w) => [...defaultStrategy.validate(w), ...sizeErrors(w)],
  validateUpdate: (w, old) => [...defaultStrategy.validateUpdate(w, old), ...sizeErrors(w)],
  // as upstream's strategies for kinds with a status subresource: clients do not write status here
  prepareForCreate: ({ status: _, ...w }) => w,
  prepareForUpdate: ({ status: _, ...w }, old) => (old['status'] === undefined ? w : { ...w, status: old['status'] }),
}

const base = `/apis/${group}/v1/widgets`
const widget = (name: string, spec: JsonObject): JsonObject => ({ kind: 'Widget', apiVersion: `${group}/v1`, metadata: { name }, spec })
const widgets = (clock = fakeClock(Date.UTC(2024, 0, 2, 3, 4, 5))) => {
  const store = newObjectStore(widgetDefinition, { clock, newId: counterIds() })
  return restHandler(
    widgetDefinition,
    store,
    widgetStrategy,
    { random: () => 0, clock, models, wss: new WebSocketServer({ noServer: true }) },
    { bounds: watchBoundsDefaults, log: silentLogger, clock },
  )
}

const rest = suite('restHandler: a cluster-scoped Widget')

rest('creates with 201 at the group path, without a namespace, its own fields kept in the order sent', async () => {
  const h = widgets()
  const res = await run(
    h,
    bodyRequest('POST', base, { ...widget('w', { size: 3, color: 'red' }), data: { a: '1' } }, { headers: { 'user-agent': 'spec' } }),
  )
  assert.is(statusOf(res), 201)
  const body = await bodyJson(res)
  assert.equal(Object.keys(body), ['kind', 'apiVersion', 'metadata', 'spec', 'data'])
  assert.equal(
    [body['kind'], body['apiVersion'], body['metadata']['name'], body['metadata']['namespace'], body['metadata']['uid']],
    ['Widget', `${group}/v1`, 'w', undefined, 'uid-1'],
  )
  assert.equal(body['spec'], { size: 3, color: 'red' })
  assert.is(body['metadata']['managedFields'][0]['manager'], 'spec')
})

rest("lists as a Table with Name, the definition's Color column and Age", async () => {
  const h = widgets()
  await run(h, bodyRequest('POST', base, widget('w', { color: 'red' })))
  const res = await run(h, makeRequest(base, { headers: { accept: 'application/json;as=Table;v=v1;g=meta.k8s.io' } }))
  assert.is(statusOf(res), 200)
  const table = await bodyJson(res)
  assert.equal(
    table['columnDefinitions'].map((c: { name: string }) => c.name),
    ['Name', 'Color', 'Age'],
  )
  assert.equal(table['rows'][0]['cells'].slice(0, 2), ['w', 'red'])
})

rest("lists as a WidgetList at the store's resourceVersion", async () => {
  const h = widgets()
  await run(h, bodyRequest('POST', base, widget('a', {})))
  await run(h, bodyRequest('POST', base, widget('b', {})))
  const list = await bodyJson(await run(h, makeRequest(`${base}?fieldSelector=metadata.name%3Db`)))
  assert.equal(
    [
      list['kind'],
      list['apiVersion'],
      list['metadata']['resourceVersion'],
      list['items'].map((w: JsonObject) => (w['metadata'] as JsonObject)['name']),
    ],
    ['WidgetList', `${group}/v1`, '2', ['b']],
  )
})

rest('merge and apply patches change the stored object; apply may create it', async () => {
  const h = widgets()
  await run(h, bodyRequest('POST', base, widget('w', { size: 1, color: 'red' })))
  const merged = await run(
    h,
    bodyRequest('PATCH', `${base}/w`, { spec: { color: 'blue' } }, { headers: { 'content-type': 'application/merge-patch+json' } }),
  )
  assert.is(statusOf(merged), 200)
  assert.equal((await bodyJson(merged))['spec'], { size: 1, color: 'blue' })
  const applied = await run(
    h,
    bodyRequest('PATCH', `${base}/x?fieldManager=me`, widget('x', { size: 2 }), {
      headers: { 'content-type': 'application/apply-patch+yaml' },
    }),
  )
  assert.is(statusOf(applied), 201)
  assert.equal((await bodyJson(applied))['metadata']['managedFields'][0]['operation'], 'Apply')
})

rest("the strategy's validation is 422 naming the group kind", async () => {
  const res = await run(widgets(), bodyRequest('POST', base, widget('w', { size: -1 })))
  assert.is(statusOf(res), 422)
  assert.is(
    (await bodyJson(res))['message'],
    `Widget.${group} "w" is invalid: spec.size: Invalid value: -1: must be greater than or equal to 0`,
  )
})

rest('deletes with a Success Status naming group and resource, then get is 404 naming them', async () => {
  const h = widgets()
  await run(h, bodyRequest('POST', base, widget('w', {})))
  const res = await run(h, makeRequest(`${base}/w`, { method: 'DELETE' }))
  assert.is(
    await bodyText(res),
    `{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Success","details":{"name":"w","group":"${group}","kind":"widgets","uid":"uid-1"}}\n`,
  )
  const missing = await run(h, makeRequest(`${base}/w`))
  assert.is(statusOf(missing), 404)
  assert.is((await bodyJson(missing))['message'], `widgets.${group} "w" not found`)
})

rest('serves no namespaced path and no metadata.namespace field selector', async () => {
  const h = widgets()
  assert.is(statusOf(await run(h, makeRequest(`/apis/${group}/v1/namespaces/default/widgets`))), 404)
  const res = await run(h, makeRequest(`${base}?fieldSelector=metadata.namespace%3Ddefault`))
  assert.is(statusOf(res), 400)
  assert.is((await bodyJson(res))['message'], '"metadata.namespace" is not a known field selector: only "metadata.name"')
})

rest('watches Widgets: the current ones, then changes, as Widget events', async () => {
  const h = widgets()
  await run(h, bodyRequest('POST', base, widget('a', {})))
  const cancel = newCancelSource()
  const res = await run(h, makeRequest(`${base}?watch=1`, { cancel }))
  if (res._tag !== 'Http' || res.body._tag !== 'Stream') throw new Error('expected a stream')
  const it = res.body.chunks[Symbol.asyncIterator]()
  await run(
    h,
    bodyRequest('PATCH', `${base}/a`, { spec: { color: 'green' } }, { headers: { 'content-type': 'application/merge-patch+json' } }),
  )
  await run(h, makeRequest(`${base}/a`, { method: 'DELETE' }))
  const events = []
  for (let i = 0; i < 3; i++) events.push(JSON.parse(Buffer.from((await it.next()).value as Uint8Array).toString('utf8')))
  cancel.cancel('done')
  assert.equal(
    events.map((e) => `${e.type} ${e.object.kind} ${e.object.metadata.resourceVersion}`),
    ['ADDED Widget 1', 'MODIFIED Widget 2', 'DELETED Widget 3'],
  )
})

rest('a watch with bookmarks gets BOOKMARK events of the Widget kind', async () => {
  const clock = fakeClock(0)
  const cancel = newCancelSource()
  const res = await run(widgets(clock), makeRequest(`${base}?watch=1&allowWatchBookmarks=true`, { cancel }))
  if (res._tag !== 'Http' || res.body._tag !== 'Stream') throw new Error('expected a stream')
  clock.advance(60_000)
  const event = JSON.parse(Buffer.from((await res.body.chunks[Symbol.asyncIterator]().next()).value as Uint8Array).toString('utf8'))
  cancel.cancel('done')
  assert.equal([event.type, event.object.kind, event.object.apiVersion], ['BOOKMARK', 'Widget', `${group}/v1`])
})

rest('the strategy prepares what is stored: status is dropped on create and kept from the old object on update', async () => {
  const h = widgets()
  const created = await run(h, bodyRequest('POST', base, { ...widget('w', { size: 1 }), status: { ready: true } }))
  assert.is((await bodyJson(created))['status'], undefined)
  await run(h, bodyRequest('PUT', `${base}/w`, { ...widget('w', { size: 2 }), status: { ready: true } }))
  const got = await bodyJson(await run(h, makeRequest(`${base}/w`)))
  assert.equal([got['spec'], got['status']], [{ size: 2 }, undefined])
})

rest('without watch options, a watcher closed for not reading is logged to deps.log, naming the resource', async () => {
  const clock = fakeClock(0)
  const logs = recordingLogger()
  const store = newObjectStore(widgetDefinition, { clock, newId: counterIds() })
  const h = restHandler(widgetDefinition, store, widgetStrategy, { random: () => 0, clock, models, log: logs.log })
  const res = await run(h, makeRequest(`${base}?watch=1`))
  assert.is(statusOf(res), 200)
  for (let i = 0; i <= watchBoundsDefaults.maxEvents; i++) store.create(widget(`w${i}`, {}))
  assert.equal(
    logs.entries.map((e) => e.msg),
    ['forcing widgets watcher close due to unresponsiveness'],
  )
})

rest.run()
