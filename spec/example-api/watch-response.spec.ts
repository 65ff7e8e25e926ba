import { createServer } from 'node:http'
import type * as t from 'io-ts'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import WebSocket, { WebSocketServer } from 'ws'
import { recordingLogger, runFinalizers } from '../../src/core/index.js'
import type { ConfigMap } from '../../src/example-api/configmap-codec.js'
import type { StoreEvent } from '../../src/example-api/configmap-store.js'
import { encodeEvent, errorEvent, isWebsocket, select, watchResponse } from '../../src/example-api/watch-response.js'
import { toUpgradeListener } from '../../src/serve/index.js'
import { closeHttp, listen, turn, within } from '../support/http-client.js'
import { makeRequest } from '../support/request.js'
import { testStore } from './fixtures.js'

const cm = (name: string, rv: string, labels?: Record<string, string>): ConfigMap => ({
  kind: 'ConfigMap',
  apiVersion: 'v1',
  metadata: { name, namespace: 'default', uid: 'u', resourceVersion: rv, creationTimestamp: '', ...(labels ? { labels } : {}) },
})
const isFront = (c: ConfigMap): boolean => c.metadata.labels?.['tier'] === 'front'

const selecting = suite('select')

selecting('passes matching events and turns selection changes into ADDED/DELETED', () => {
  const added: StoreEvent = { type: 'ADDED', object: cm('a', '1', { tier: 'front' }) }
  assert.is(select(added, isFront), added)
  assert.is(select({ type: 'ADDED', object: cm('a', '1') }, isFront), undefined)
  const entering = select({ type: 'MODIFIED', object: cm('a', '2', { tier: 'front' }), previous: cm('a', '1') }, isFront)
  assert.is(entering?.type, 'ADDED')
  const leaving = select({ type: 'MODIFIED', object: cm('a', '3'), previous: cm('a', '2', { tier: 'front' }) }, isFront)
  assert.equal([leaving?.type, leaving?.object.metadata.resourceVersion, leaving?.object.metadata.labels], ['DELETED', '3', { tier: 'front' }])
  assert.is(select({ type: 'MODIFIED', object: cm('a', '3'), previous: cm('a', '2') }, isFront), undefined)
  assert.is(select({ type: 'DELETED', object: cm('a', '4'), previous: cm('a', '3') }, isFront), undefined)
})

selecting.run()

const encoding = suite('encodeEvent')
encoding('writes one JSON line with Go escaping', () => {
  assert.is(
    encodeEvent({ type: 'ADDED', object: { ...cm('a', '1'), data: { k: '<&>' } } }),
    '{"type":"ADDED","object":{"kind":"ConfigMap","apiVersion":"v1","metadata":{"name":"a","namespace":"default","uid":"u","resourceVersion":"1","creationTimestamp":""},"data":{"k":"\\u003c\\u0026\\u003e"}}}\n',
  )
})
encoding.run()

const errors = suite('errorEvent')
errors('wraps a Status in an ERROR event line', () => {
  assert.is(
    errorEvent({ status: 'Failure', code: 410, reason: 'Expired', message: 'gone', details: undefined }),
    '{"type":"ERROR","object":{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"gone","reason":"Expired","code":410}}\n',
  )
})
errors.run()

const ws = suite('isWebsocket')
ws('reads the Upgrade header in any case', () => {
  assert.ok(isWebsocket(makeRequest('/', { headers: { upgrade: 'WebSocket' } })))
  assert.not.ok(isWebsocket(makeRequest('/', { headers: { upgrade: 'h2c' } })))
  assert.not.ok(isWebsocket(makeRequest('/')))
})
ws.run()

const watching = suite('watchResponse')

watching('a dropped stream response unsubscribes through its finalizer', async () => {
  const store = testStore()
  const res = watchResponse(store, new WebSocketServer({ noServer: true }))(makeRequest('/'), { namespace: '', resourceVersion: '', matches: () => true })
  runFinalizers(res, 'discarded')
  store.create({ kind: 'ConfigMap', apiVersion: 'v1', metadata: { name: 'a', namespace: 'default' } })
  if (res._tag !== 'Http' || res.body._tag !== 'Stream') throw new Error('expected a stream')
  const r = await res.body.chunks[Symbol.asyncIterator]().next()
  assert.is(r.done, true)
})

watching('sends each event as one websocket text message over a loopback socket', async () => {
  const store = testStore()
  store.create({ kind: 'ConfigMap', apiVersion: 'v1', metadata: { name: 'a', namespace: 'default' } })
  const wss = new WebSocketServer({ noServer: true })
  const watch = watchResponse(store, wss)
  const server = createServer()
  server.on('upgrade', toUpgradeListener((req) => () => Promise.resolve(watch(req, { namespace: 'default', resourceVersion: '', matches: () => true }))))
  const port = await listen(server)
  try {
    const client = new WebSocket(`ws://127.0.0.1:${port}/api/v1/namespaces/default/configmaps?watch=1`)
    const messages: string[] = []
    const two = new Promise<void>((resolve) =>
      client.on('message', (m) => {
        messages.push(String(m))
        if (messages.length === 1) store.create({ kind: 'ConfigMap', apiVersion: 'v1', metadata: { name: 'b', namespace: 'default' } })
        if (messages.length === 2) resolve()
      }),
    )
    await within(two, 2000, 'two websocket messages')
    assert.equal(messages.map((m) => { const e = JSON.parse(m); return `${e.type} ${e.object.metadata.name}` }), ['ADDED a', 'ADDED b'])
    assert.ok(messages[0]?.endsWith('\n'))
    const closed = new Promise<void>((resolve) => client.once('close', () => resolve()))
    client.close()
    await within(closed, 2000, 'the websocket to close')
  } finally {
    await closeHttp(server)
    wss.close()
  }
})

watching('an expired websocket watch still upgrades and sends the ERROR event', async () => {
  const store = testStore(1)
  for (const n of ['a', 'b', 'c']) store.create({ kind: 'ConfigMap', apiVersion: 'v1', metadata: { name: n, namespace: 'default' } })
  const req = makeRequest('/', { headers: { upgrade: 'websocket' } })
  const res = watchResponse(store, new WebSocketServer({ noServer: true }))(req, { namespace: '', resourceVersion: '1', matches: () => true })
  assert.is(res._tag, 'Upgrade')
})

watching('a websocket watcher that stops reading is closed when it holds too much, before it reads again', async () => {
  const store = testStore()
  const wss = new WebSocketServer({ noServer: true })
  const logs = recordingLogger()
  const watch = watchResponse(store, wss, { bounds: { maxEvents: 2 as t.Int, maxBytes: (1 << 20) as t.Int }, log: logs.log })
  const server = createServer()
  server.on('upgrade', toUpgradeListener((req) => () => Promise.resolve(watch(req, { namespace: 'default', resourceVersion: '', matches: () => true }))))
  const port = await listen(server)
  const client = new WebSocket(`ws://127.0.0.1:${port}/api/v1/namespaces/default/configmaps?watch=1`)
  try {
    await within(new Promise((resolve) => client.once('open', resolve)), 2000, 'the websocket to open')
    client.pause()
    const blob = 'x'.repeat(64 * 1024)
    for (let i = 0; i < 600 && logs.entries.length === 0; i++) {
      store.create({ kind: 'ConfigMap', apiVersion: 'v1', metadata: { name: `cm-${i}`, namespace: 'default' }, data: { blob } })
      await turn()
    }
    assert.equal(logs.entries.map((e) => [e.level, e.msg, e.fields?.['queuedEvents']]), [['info', 'forcing configmaps watcher close due to unresponsiveness', 2]])
    assert.equal([...wss.clients].map((ws) => ws.readyState), [WebSocket.CLOSING])
    const closed = new Promise<number>((resolve) => client.once('close', (code) => resolve(code)))
    client.resume()
    assert.is(await within(closed, 5000, 'the websocket to close'), 1005)
  } finally {
    client.terminate()
    await closeHttp(server)
    wss.close()
  }
})

watching.run()
