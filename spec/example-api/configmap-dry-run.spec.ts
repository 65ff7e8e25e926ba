import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { bodyText, makeRequest, run, statusOf } from '../support/request.js'
import { bodyJson, bodyRequest, cm, testHandler, testStore } from './fixtures.js'

const ns = '/api/v1/namespaces/default/configmaps'
const dry = suite('configMapsHandler: dryRun=All')

dry('a dry-run create answers 201 with uid and creationTimestamp but no resourceVersion, and stores nothing', async () => {
  const store = testStore()
  const res = await run(testHandler(store), bodyRequest('POST', `${ns}?dryRun=All`, cm('web', { data: { a: '1' } })))
  assert.is(statusOf(res), 201)
  const { managedFields, ...meta } = (await bodyJson(res))['metadata']
  assert.equal(meta, { name: 'web', namespace: 'default', uid: 'uid-1', creationTimestamp: '2024-01-02T03:04:05Z' })
  assert.is(managedFields.length, 1)
  assert.is(store.list('').items.length, 0)
  assert.is(store.list('').resourceVersion, '0', 'no resourceVersion was taken')
})

dry('a dry-run create of an existing name is still 409, and an invalid one 422', async () => {
  const store = testStore()
  const h = testHandler(store)
  await run(h, bodyRequest('POST', ns, cm('web')))
  assert.is(statusOf(await run(h, bodyRequest('POST', `${ns}?dryRun=All`, cm('web')))), 409)
  assert.is(statusOf(await run(h, bodyRequest('POST', `${ns}?dryRun=All`, cm('Bad_Name')))), 422)
})

dry('a dry-run update answers the would-be object at the stored resourceVersion, changing nothing; a stale one is 409', async () => {
  const store = testStore()
  const h = testHandler(store)
  await run(h, bodyRequest('POST', ns, cm('web', { data: { a: '1' } })))
  const res = await run(h, bodyRequest('PUT', `${ns}/web?dryRun=All`, cm('web', { data: { a: '2' } }, { resourceVersion: '1' })))
  assert.is(statusOf(res), 200)
  const body = await bodyJson(res)
  assert.equal([body['data'], body['metadata']['resourceVersion']], [{ a: '2' }, '1'])
  assert.equal(store.list('default').items[0]?.data, { a: '1' })
  const stale = await run(h, bodyRequest('PUT', `${ns}/web?dryRun=All`, cm('web', { data: { a: '3' } }, { resourceVersion: '7' })))
  assert.is(statusOf(stale), 409)
  assert.match((await bodyJson(stale))['message'], /the object has been modified/)
})

dry('a dry-run delete answers the Success Status and keeps the object', async () => {
  const store = testStore()
  const h = testHandler(store)
  await run(h, bodyRequest('POST', ns, cm('web')))
  const res = await run(h, makeRequest(`${ns}/web?dryRun=All`, { method: 'DELETE' }))
  assert.is(statusOf(res), 200)
  assert.match(await bodyText(res), /"status":"Success"/)
  assert.is(store.list('default').items.length, 1)
})

dry('any dryRun value but All is 422 and nothing is stored', async () => {
  const store = testStore()
  const res = await run(testHandler(store), bodyRequest('POST', `${ns}?dryRun=true`, cm('web')))
  assert.is(statusOf(res), 422)
  assert.is(
    (await bodyJson(res))['message'],
    'CreateOptions.meta.k8s.io "" is invalid: dryRun: Unsupported value: []string{"true"}: supported values: "All"',
  )
  assert.is(store.list('').items.length, 0)
})

dry('a text/plain body is 415 and nothing is stored', async () => {
  const store = testStore()
  const res = await run(testHandler(store), bodyRequest('POST', ns, cm('web'), { headers: { 'content-type': 'text/plain' } }))
  assert.is(statusOf(res), 415)
  assert.is(store.list('').items.length, 0)
})

dry.run()

const events = suite('configMapsHandler: events')

events('an events list is an empty EventList at the store resourceVersion; a get is 404; a create 405', async () => {
  const store = testStore()
  const h = testHandler(store)
  await run(h, bodyRequest('POST', ns, cm('web')))
  const list = await run(h, makeRequest('/api/v1/namespaces/default/events?fieldSelector=involvedObject.name%3Dweb'))
  assert.equal(await bodyJson(list), { kind: 'EventList', apiVersion: 'v1', metadata: { resourceVersion: '1' }, items: [] })
  assert.is(statusOf(await run(h, makeRequest('/api/v1/events'))), 200)
  assert.is(statusOf(await run(h, makeRequest('/api/v1/namespaces/default/events/x'))), 404)
  assert.is(statusOf(await run(h, bodyRequest('POST', '/api/v1/namespaces/default/events', {}))), 405)
})

events.run()

const deletes = suite('configMapsHandler: delete options')

deletes('kubectl delete sends DeleteOptions in the body: read, with dryRun and preconditions honoured', async () => {
  const store = testStore()
  const h = testHandler(store)
  await run(h, bodyRequest('POST', ns, cm('web')))
  const dry = await run(
    h,
    bodyRequest('DELETE', `${ns}/web`, { kind: 'DeleteOptions', apiVersion: 'v1', dryRun: ['All'], propagationPolicy: 'Background' }),
  )
  assert.is(statusOf(dry), 200)
  assert.is(store.list('default').items.length, 1, 'a dry run in the body deletes nothing')
  const stale = await run(h, bodyRequest('DELETE', `${ns}/web`, { preconditions: { uid: 'other' } }))
  assert.is(statusOf(stale), 409)
  assert.is(
    (await bodyJson(stale))['message'],
    'Operation cannot be fulfilled on configmaps "web": Precondition failed: UID in precondition: other, UID in object meta: uid-1',
  )
  const rv = await run(h, bodyRequest('DELETE', `${ns}/web`, { preconditions: { resourceVersion: '7' } }))
  assert.match((await bodyJson(rv))['message'], /ResourceVersion in precondition: 7, ResourceVersion in object meta: 1$/)
  assert.is(
    statusOf(await run(h, bodyRequest('DELETE', `${ns}/web`, { propagationPolicy: 'Background', preconditions: { uid: 'uid-1' } }))),
    200,
  )
  assert.is(store.list('default').items.length, 0)
})

deletes('an unknown propagationPolicy or dryRun is 422 on DeleteOptions and deletes nothing', async () => {
  const store = testStore()
  const h = testHandler(store)
  await run(h, bodyRequest('POST', ns, cm('web')))
  const res = await run(h, bodyRequest('DELETE', `${ns}/web`, { propagationPolicy: 'Later', dryRun: ['x'] }))
  assert.is(statusOf(res), 422)
  assert.is(
    (await bodyJson(res))['message'],
    'DeleteOptions.meta.k8s.io "" is invalid: [dryRun: Unsupported value: []string{"x"}: supported values: "All", propagationPolicy: Unsupported value: "Later": supported values: "Foreground", "Background", "Orphan", "nil"]',
  )
  assert.is(statusOf(await run(h, makeRequest(`${ns}/web?dryRun=maybe`, { method: 'DELETE' }))), 422)
  assert.is(store.list('default').items.length, 1)
})

deletes.run()
