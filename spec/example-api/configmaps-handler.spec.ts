import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { newCancelSource, put } from '../../src/core/index.js'
import { requestInfoKey } from '../../src/request/request-info.js'
import { resourceInfo } from '../support/request-info.js'
import { bodyText, makeRequest, run, statusOf } from '../support/request.js'
import { bodyJson, bodyRequest, cm, testHandler, testStore } from './fixtures.js'

const ns = '/api/v1/namespaces/default/configmaps'

const crud = suite('configMapsHandler: CRUD')

crud('creates with 201 and server-set metadata, then gets it', async () => {
  const h = testHandler()
  const created = await run(
    h,
    bodyRequest('POST', ns, cm('web', { data: { a: '1' } }), { headers: { 'user-agent': 'kubectl/v1.32.4 (linux/amd64)' } }),
  )
  assert.is(statusOf(created), 201)
  const managedFields = [
    {
      manager: 'kubectl',
      operation: 'Update',
      apiVersion: 'v1',
      time: '1970-01-01T00:00:00Z',
      fieldsType: 'FieldsV1',
      fieldsV1: { 'f:data': { '.': {}, 'f:a': {} } },
    },
  ]
  assert.equal(await bodyJson(created), {
    kind: 'ConfigMap',
    apiVersion: 'v1',
    metadata: {
      name: 'web',
      namespace: 'default',
      uid: 'uid-1',
      resourceVersion: '1',
      creationTimestamp: '2024-01-02T03:04:05Z',
      managedFields,
    },
    data: { a: '1' },
  })
  const got = await run(h, makeRequest(`${ns}/web`))
  assert.is(statusOf(got), 200)
  assert.is((await bodyJson(got))['metadata']['uid'], 'uid-1')
  assert.is(created.headers['content-type'], 'application/json')
})

crud('generates a name from generateName', async () => {
  const res = await run(testHandler(), bodyRequest('POST', ns, { metadata: { generateName: 'web-' } }))
  assert.is(statusOf(res), 201)
  assert.is((await bodyJson(res))['metadata']['name'], 'web-bbbbb')
})

crud('updates with 200, a new resourceVersion and the original uid', async () => {
  const h = testHandler()
  await run(h, bodyRequest('POST', ns, cm('web', { data: { a: '1' } })))
  const res = await run(h, bodyRequest('PUT', `${ns}/web`, cm('web', { data: { a: '2' } }, { resourceVersion: '1' })))
  assert.is(statusOf(res), 200)
  const body = await bodyJson(res)
  assert.is(body['metadata']['resourceVersion'], '2')
  assert.is(body['metadata']['uid'], 'uid-1')
  assert.equal(body['data'], { a: '2' })
})

crud('deletes with 200 and a Success Status naming the object, then 404', async () => {
  const h = testHandler()
  await run(h, bodyRequest('POST', ns, cm('web')))
  const res = await run(h, makeRequest(`${ns}/web`, { method: 'DELETE' }))
  assert.is(statusOf(res), 200)
  assert.is(
    await bodyText(res),
    '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Success","details":{"name":"web","kind":"configmaps","uid":"uid-1"}}\n',
  )
  assert.is(statusOf(await run(h, makeRequest(`${ns}/web`))), 404)
})

crud('deletes a collection by label selector and answers the deleted list', async () => {
  const h = testHandler()
  await run(h, bodyRequest('POST', ns, cm('a', {}, { labels: { app: 'x' } })))
  await run(h, bodyRequest('POST', ns, cm('b', {}, { labels: { app: 'y' } })))
  const res = await run(h, makeRequest(`${ns}?labelSelector=app%3Dx`, { method: 'DELETE' }))
  assert.is(statusOf(res), 200)
  const body = await bodyJson(res)
  assert.is(body['kind'], 'ConfigMapList')
  assert.equal(
    body['items'].map((i: any) => i.metadata.name),
    ['a'],
  )
  const left = await bodyJson(await run(h, makeRequest(ns)))
  assert.equal(
    left['items'].map((i: any) => i.metadata.name),
    ['b'],
  )
})

crud('uses the RequestInfo the filters stored', async () => {
  const store = testStore()
  const h = testHandler(store)
  await run(h, bodyRequest('POST', '/api/v1/namespaces/other/configmaps', cm('x')))
  const info = resourceInfo('get', 'configmaps', { namespace: 'other', name: 'x', parts: ['configmaps', 'x'] })
  const res = await run(h, put(makeRequest('/whatever'), requestInfoKey, info))
  assert.is(statusOf(res), 200)
})

crud.run()

const errors = suite('configMapsHandler: client errors')

const statusBody = async (res: Awaited<ReturnType<typeof run>>) => ({ code: statusOf(res), body: await bodyJson(res) })

errors('malformed JSON is 400 BadRequest', async () => {
  const { code, body } = await statusBody(await run(testHandler(), bodyRequest('POST', ns, '{"metadata":')))
  assert.is(code, 400)
  assert.is(body['reason'], 'BadRequest')
  assert.ok(body['message'].startsWith("couldn't get version/kind; json parse error: "))
  assert.is(body['kind'], 'Status')
})

errors('a wrong kind or apiVersion is 400', async () => {
  const kind = await statusBody(await run(testHandler(), bodyRequest('POST', ns, { kind: 'Secret', metadata: { name: 'x' } })))
  assert.is(kind.code, 400)
  assert.is(kind.body['message'], 'the kind in the data (Secret) does not match the expected kind (ConfigMap)')
  const version = await statusBody(await run(testHandler(), bodyRequest('POST', ns, { apiVersion: 'v2', metadata: { name: 'x' } })))
  assert.is(version.body['message'], 'the API version in the data (v2) does not match the expected API version (v1)')
})

errors('an invalid name is 422 Invalid naming metadata.name', async () => {
  const { code, body } = await statusBody(await run(testHandler(), bodyRequest('POST', ns, cm('Bad_Name'))))
  assert.is(code, 422)
  assert.is(body['reason'], 'Invalid')
  assert.ok(
    body['message'].startsWith('ConfigMap "Bad_Name" is invalid: metadata.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain'),
  )
  assert.is(body['details']['causes'][0]['field'], 'metadata.name')
  assert.is(body['details']['causes'][0]['reason'], 'FieldValueInvalid')
})

errors('a data value of the wrong type is 422 naming data[key]', async () => {
  const { code, body } = await statusBody(await run(testHandler(), bodyRequest('POST', ns, cm('x', { data: { foo: 1 } }))))
  assert.is(code, 422)
  assert.is(body['message'], 'ConfigMap "x" is invalid: data[foo]: Invalid value: 1: expected a string')
})

errors('a name in the body other than the URL is 400 on update', async () => {
  const h = testHandler()
  await run(h, bodyRequest('POST', ns, cm('web')))
  const { code, body } = await statusBody(await run(h, bodyRequest('PUT', `${ns}/web`, cm('other'))))
  assert.is(code, 400)
  assert.is(body['message'], 'the name of the object (other) does not match the name on the URL (web)')
})

errors('a namespace in the body other than the URL is 400', async () => {
  const { code, body } = await statusBody(await run(testHandler(), bodyRequest('POST', ns, cm('x', {}, { namespace: 'kube-system' }))))
  assert.is(code, 400)
  assert.is(body['message'], 'the namespace of the provided object does not match the namespace sent on the request')
})

errors('a stale resourceVersion is 409 Conflict', async () => {
  const h = testHandler()
  await run(h, bodyRequest('POST', ns, cm('web')))
  await run(h, bodyRequest('PUT', `${ns}/web`, cm('web', { data: { a: '1' } })))
  const { code, body } = await statusBody(await run(h, bodyRequest('PUT', `${ns}/web`, cm('web', {}, { resourceVersion: '1' }))))
  assert.is(code, 409)
  assert.is(body['reason'], 'Conflict')
  assert.is(
    body['message'],
    'Operation cannot be fulfilled on configmaps "web": the object has been modified; please apply your changes to the latest version and try again',
  )
})

errors('creating an existing name is 409 AlreadyExists', async () => {
  const h = testHandler()
  await run(h, bodyRequest('POST', ns, cm('web')))
  const { code, body } = await statusBody(await run(h, bodyRequest('POST', ns, cm('web'))))
  assert.is(code, 409)
  assert.is(body['message'], 'configmaps "web" already exists')
})

errors('get, update and delete of a missing object are 404 NotFound', async () => {
  const h = testHandler()
  for (const req of [
    makeRequest(`${ns}/nope`),
    bodyRequest('PUT', `${ns}/nope`, cm('nope')),
    makeRequest(`${ns}/nope`, { method: 'DELETE' }),
  ]) {
    const { code, body } = await statusBody(await run(h, req))
    assert.is(code, 404)
    assert.is(body['message'], 'configmaps "nope" not found')
  }
})

errors('a body over 3 MiB is 413', async () => {
  const big = JSON.stringify(cm('big', { data: { a: 'x'.repeat(3 * 1024 * 1024) } }))
  const res = await run(testHandler(), bodyRequest('POST', ns, big))
  assert.is(statusOf(res), 413)
  assert.is((await bodyJson(res))['message'], 'Request entity too large: limit is 3145728')
})

errors('data over 1 MiB is 422 on the whole object', async () => {
  const { code, body } = await statusBody(
    await run(testHandler(), bodyRequest('POST', ns, cm('big', { data: { a: 'x'.repeat(1024 * 1024) } }))),
  )
  assert.is(code, 422)
  assert.is(body['message'], 'ConfigMap "big" is invalid: : Too long: must have at most 1048576 bytes')
})

errors('changing an immutable ConfigMap is 422 Forbidden', async () => {
  const h = testHandler()
  await run(h, bodyRequest('POST', ns, cm('web', { immutable: true, data: { a: '1' } })))
  const { code, body } = await statusBody(await run(h, bodyRequest('PUT', `${ns}/web`, cm('web', { immutable: true, data: { a: '2' } }))))
  assert.is(code, 422)
  assert.is(body['message'], 'ConfigMap "web" is invalid: data: Forbidden: field is immutable when `immutable` is set')
})

errors('unknown paths are 404 and unsupported methods 405, as go-restful answers', async () => {
  const h = testHandler()
  const missing = await statusBody(await run(h, makeRequest('/api/v1/namespaces/default/pods')))
  assert.is(missing.code, 404)
  assert.is(missing.body['message'], 'the server could not find the requested resource')
  const patch = await statusBody(await run(h, makeRequest(ns, { method: 'PATCH' })))
  assert.is(patch.code, 405, 'PATCH of a collection')
  const createAll = await statusBody(await run(h, bodyRequest('POST', '/api/v1/configmaps', cm('x'))))
  assert.is(createAll.code, 405)
  const clusterScoped = await statusBody(await run(h, makeRequest('/api/v1/configmaps/x')))
  assert.equal([clusterScoped.code, clusterScoped.body['message']], [404, 'the server could not find the requested resource'])
})

errors('a bad selector is 400', async () => {
  const label = await statusBody(await run(testHandler(), makeRequest(`${ns}?labelSelector=app%3D%3D%3D`)))
  assert.is(label.code, 400)
  const field = await statusBody(await run(testHandler(), makeRequest(`${ns}?fieldSelector=data.a%3Db`)))
  assert.is(field.code, 400)
  assert.is(field.body['message'], '"data.a" is not a known field selector: only "metadata.name", "metadata.namespace"')
})

errors.run()

const lists = suite('configMapsHandler: lists')

const seed = async () => {
  const h = testHandler()
  await run(h, bodyRequest('POST', ns, cm('a', {}, { labels: { app: 'web', tier: 'front' } })))
  await run(h, bodyRequest('POST', ns, cm('b', {}, { labels: { app: 'web', tier: 'back' } })))
  await run(h, bodyRequest('POST', '/api/v1/namespaces/other/configmaps', cm('c', {}, { labels: { app: 'db' } })))
  return h
}
const names = async (h: ReturnType<typeof testHandler>, url: string) =>
  ((await bodyJson(await run(h, makeRequest(url))))['items'] as any[]).map((i) => `${i.metadata.namespace}/${i.metadata.name}`)

lists('lists one namespace with the store resourceVersion', async () => {
  const h = await seed()
  const body = await bodyJson(await run(h, makeRequest(ns)))
  assert.is(body['kind'], 'ConfigMapList')
  assert.is(body['metadata']['resourceVersion'], '3')
  assert.equal(await names(h, ns), ['default/a', 'default/b'])
})

lists('lists every namespace at /api/v1/configmaps', async () => {
  assert.equal(await names(await seed(), '/api/v1/configmaps'), ['default/a', 'default/b', 'other/c'])
})

lists('filters by label selectors', async () => {
  const h = await seed()
  assert.equal(await names(h, '/api/v1/configmaps?labelSelector=tier%20in%20(front)'), ['default/a'])
  assert.equal(await names(h, '/api/v1/configmaps?labelSelector=app!%3Dweb'), ['other/c'])
  assert.equal(await names(h, '/api/v1/configmaps?labelSelector=!tier'), ['other/c'])
  assert.equal(await names(h, '/api/v1/configmaps?labelSelector=tier'), ['default/a', 'default/b'])
})

lists('filters by field selectors', async () => {
  const h = await seed()
  assert.equal(await names(h, '/api/v1/configmaps?fieldSelector=metadata.namespace%3Dother'), ['other/c'])
  assert.equal(await names(h, `${ns}?fieldSelector=metadata.name!%3Da`), ['default/b'])
})

lists.run()

const watches = suite('configMapsHandler: watch')

const readEvents = async (chunks: AsyncIterable<string | Uint8Array>, n: number): Promise<any[]> => {
  const out: any[] = []
  const it = chunks[Symbol.asyncIterator]()
  while (out.length < n) {
    const r = await it.next()
    if (r.done === true) break
    out.push(JSON.parse(String(r.value)))
  }
  return out
}

watches('streams the current objects, then changes, and ends on cancel', async () => {
  const h = await seed()
  const cancel = newCancelSource()
  const res = await run(h, makeRequest(`${ns}?watch=1`, { cancel }))
  assert.is(statusOf(res), 200)
  if (res._tag !== 'Http' || res.body._tag !== 'Stream') throw new Error('expected a stream')
  const chunks = res.body.chunks
  await run(h, bodyRequest('PUT', `${ns}/a`, cm('a', { data: { k: 'v' } }, { labels: { app: 'web' } })))
  await run(h, makeRequest(`${ns}/b`, { method: 'DELETE' }))
  const events = await readEvents(chunks, 4)
  assert.equal(
    events.map((e) => `${e.type} ${e.object.metadata.name} ${e.object.metadata.resourceVersion}`),
    ['ADDED a 1', 'ADDED b 2', 'MODIFIED a 4', 'DELETED b 5'],
  )
  cancel.cancel('done')
  const rest = await readEvents(chunks, 1)
  assert.equal(rest, [])
})

watches('resumes after a resourceVersion through the /watch/ path', async () => {
  const h = await seed()
  const cancel = newCancelSource()
  const res = await run(h, makeRequest('/api/v1/watch/configmaps?resourceVersion=2', { cancel }))
  if (res._tag !== 'Http' || res.body._tag !== 'Stream') throw new Error('expected a stream')
  const events = await readEvents(res.body.chunks, 1)
  assert.is(events[0].object.metadata.name, 'c')
  cancel.cancel('done')
})

watches('a changed object that stops matching arrives as DELETED', async () => {
  const h = await seed()
  const cancel = newCancelSource()
  const res = await run(h, makeRequest(`${ns}?watch=true&labelSelector=tier%3Dfront&resourceVersion=3`, { cancel }))
  if (res._tag !== 'Http' || res.body._tag !== 'Stream') throw new Error('expected a stream')
  await run(h, bodyRequest('PUT', `${ns}/a`, cm('a', {}, { labels: { tier: 'back' } })))
  const events = await readEvents(res.body.chunks, 1)
  assert.equal([events[0].type, events[0].object.metadata.name, events[0].object.metadata.resourceVersion], ['DELETED', 'a', '4'])
  cancel.cancel('done')
})

watches('a too old resourceVersion is one ERROR event with a 410 Expired Status, then the end', async () => {
  const store = testStore(1)
  const h = testHandler(store)
  for (const n of ['a', 'b', 'c']) await run(h, bodyRequest('POST', ns, cm(n)))
  const res = await run(h, makeRequest(`${ns}?watch=1&resourceVersion=1`))
  assert.is(statusOf(res), 200)
  assert.is(
    await bodyText(res),
    '{"type":"ERROR","object":{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"too old resource version: 1 (2)","reason":"Expired","code":410}}\n',
  )
})

watches('a resourceVersion that is not a number is 422', async () => {
  const res = await run(testHandler(), makeRequest(`${ns}?watch=1&resourceVersion=abc`))
  assert.is(statusOf(res), 422)
  assert.is(
    (await bodyJson(res))['message'],
    'configmaps "" is invalid: resourceVersion: Invalid value: "abc": strconv.ParseUint: parsing "abc": invalid syntax',
  )
})

watches('a websocket watch answers an Upgrade', async () => {
  const h = await seed()
  const res = await run(h, makeRequest(`${ns}?watch=1`, { headers: { upgrade: 'websocket', connection: 'Upgrade' } }))
  assert.is(res._tag, 'Upgrade')
})

watches.run()
