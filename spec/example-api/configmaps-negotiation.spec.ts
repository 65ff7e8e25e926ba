import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { alwaysAllow } from '../../src/auth/always-authorizers.js'
import { alwaysAllowRules } from '../../src/auth/rules-resolver.js'
import { fakeClock, newCancelSource } from '../../src/core/index.js'
import { exampleApi } from '../../src/example-api/example-api.js'
import { bodyText, makeRequest, run, statusOf } from '../support/request.js'
import { bodyJson, bodyRequest, cm, testHandler } from './fixtures.js'

const ns = '/api/v1/namespaces/default/configmaps'
const asTable = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json'
const test = suite('configMapsHandler: negotiation')
const version = { packageVersion: '1.2.3', nodeVersion: 'v20.0.0', platform: 'linux', arch: 'x64' }

const seeded = async () => {
  const h = testHandler()
  await run(h, bodyRequest('POST', ns, cm('web', { data: { a: '1', b: '2' }, binaryData: { c: 'AA==' } })))
  return h
}

test('kubectl get: a list as a Table with Name, Data and Age columns, rows carrying PartialObjectMetadata', async () => {
  const res = await run(await seeded(), makeRequest(ns, { headers: { accept: asTable } }))
  assert.is(statusOf(res), 200)
  const table = await bodyJson(res)
  assert.equal([table['kind'], table['apiVersion']], ['Table', 'meta.k8s.io/v1'])
  assert.equal(
    table['columnDefinitions'].map((c: { name: string }) => c.name),
    ['Name', 'Data', 'Age'],
  )
  assert.equal(table['rows'][0].cells.slice(0, 2), ['web', 3])
  assert.is(table['rows'][0].object.kind, 'PartialObjectMetadata')
})

test('kubectl get -o yaml of one object: YAML; a protobuf-only Accept is 406', async () => {
  const h = await seeded()
  const yaml = await run(h, makeRequest(`${ns}/web`, { headers: { accept: 'application/yaml' } }))
  assert.equal([statusOf(yaml), yaml._tag === 'Http' ? yaml.headers['content-type'] : ''], [200, 'application/yaml'])
  assert.match(await bodyText(yaml), /^apiVersion: v1\n/)
  const proto = await run(h, makeRequest(`${ns}/web`, { headers: { accept: 'application/vnd.kubernetes.protobuf' } }))
  assert.is(statusOf(proto), 406)
})

test('a write negotiates before it writes: a 406 stores nothing', async () => {
  const h = testHandler()
  const res = await run(h, bodyRequest('POST', ns, cm('x'), { headers: { accept: 'text/html' } }))
  assert.is(statusOf(res), 406)
  assert.is(statusOf(await run(h, makeRequest(`${ns}/x`))), 404)
})

test('kubectl get -w: watch events carry one-row Tables, column definitions only in the first', async () => {
  const h = await seeded()
  const cancel = newCancelSource()
  const res = await run(h, makeRequest(`${ns}?watch=1`, { headers: { accept: asTable }, cancel }))
  if (res._tag !== 'Http' || res.body._tag !== 'Stream') throw new Error('expected a stream')
  const it = res.body.chunks[Symbol.asyncIterator]()
  await run(h, bodyRequest('POST', ns, cm('second')))
  const first = JSON.parse(String((await it.next()).value))
  const second = JSON.parse(String((await it.next()).value))
  cancel.cancel('done')
  assert.equal([first.type, first.object.kind, first.object.rows.length, first.object.columnDefinitions.length], ['ADDED', 'Table', 1, 3])
  assert.equal([second.object.rows[0].cells[0], second.object.columnDefinitions], ['second', null])
})

test('a watch parameter that does not parse is 400 before any event', async () => {
  const res = await run(await seeded(), makeRequest(`${ns}?watch=1&timeoutSeconds=soon`))
  assert.is(statusOf(res), 400)
})

test.run()

const timeouts = suite('exampleApi: watch timeouts')

timeouts('a watch without timeoutSeconds ends between --min-request-timeout and twice it, as upstream', async () => {
  const clock = fakeClock(0)
  const api = exampleApi(
    { clock, newId: () => 'u', random: () => 0.5 },
    { version, authorizer: alwaysAllow, rulesResolver: alwaysAllowRules, minRequestTimeoutSeconds: 10 },
  )
  const handler = api.services.find((s) => s.root === '/api/v1')?.handler
  if (handler === undefined) throw new Error('no /api/v1 service')
  const res = await run(handler, makeRequest(`${ns}?watch=1`))
  if (res._tag !== 'Http' || res.body._tag !== 'Stream') throw new Error('expected a stream')
  const it = res.body.chunks[Symbol.asyncIterator]()
  const next = it.next()
  clock.advance(14_999)
  await Promise.resolve()
  let ended = false
  void next.then((r) => (ended = r.done === true))
  await new Promise((r) => setImmediate(r))
  assert.not.ok(ended, 'still open before 15 s (10 s × 1.5)')
  clock.advance(1)
  assert.is((await next).done, true)
})

timeouts.run()
