import { createServer } from 'node:http'
import type * as t from 'io-ts'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import WebSocket, { WebSocketServer } from 'ws'
import { fakeClock, newCancelSource, recordingLogger, runFinalizers, silentLogger } from '../../../src/core/index.js'
import { watchBoundsDefaults } from '../../../src/endpoints/rest/event-queue.js'
import type { ConfigMap } from '../../../src/example-api/configmap-codec.js'
import type { StoreEvent } from '../../../src/example-api/configmap-store.js'
import { encodeEvent, errorEvent, isWebsocket, select, watchResponse } from '../../../src/endpoints/rest/watch-response.js'
import { toUpgradeListener } from '../../../src/serve/index.js'
import { closeHttp, listen, turn, within } from '../../support/http-client.js'
import { makeRequest } from '../../support/request.js'
import { testStore } from '../../example-api/fixtures.js'
import { configMapDefinition } from '../../../src/example-api/configmap-definition.js'

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
  assert.equal(
    [leaving?.type, leaving?.object.metadata.resourceVersion, leaving?.object.metadata.labels],
    ['DELETED', '3', { tier: 'front' }],
  )
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
  const res = watchResponse(
    configMapDefinition,
    store,
    new WebSocketServer({ noServer: true }),
  )(makeRequest('/'), { namespace: '', resourceVersion: '', matches: () => true })
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
  const watch = watchResponse(configMapDefinition, store, wss)
  const server = createServer()
  server.on(
    'upgrade',
    toUpgradeListener((req) => Promise.resolve(watch(req, { namespace: 'default', resourceVersion: '', matches: () => true }))),
  )
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
    assert.equal(
      messages.map((m) => {
        const e = JSON.parse(m)
        return `${e.type} ${e.object.metadata.name}`
      }),
      ['ADDED a', 'ADDED b'],
    )
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
  const res = watchResponse(
    configMapDefinition,
    store,
    new WebSocketServer({ noServer: true }),
  )(req, { namespace: '', resourceVersion: '1', matches: () => true })
  assert.is(res._tag, 'Upgrade')
})

watching('a websocket watcher that stops reading is closed when it holds too much, before it reads again', async () => {
  const store = testStore()
  const wss = new WebSocketServer({ noServer: true })
  const logs = recordingLogger()
  const watch = watchResponse(configMapDefinition, store, wss, {
    bounds: { maxEvents: 2 as t.Int, maxBytes: (1 << 20) as t.Int },
    log: logs.log,
  })
  const server = createServer()
  server.on(
    'upgrade',
    toUpgradeListener((req) => Promise.resolve(watch(req, { namespace: 'default', resourceVersion: '', matches: () => true }))),
  )
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
    assert.equal(
      logs.entries.map((e) => [e.level, e.msg, e.fields?.['queuedEvents']]),
      [['info', 'forcing configmaps watcher close due to unresponsiveness', 2]],
    )
    assert.equal(
      [...wss.clients].map((ws) => ws.readyState),
      [WebSocket.CLOSING],
    )
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

/** The stream body's chunks as text, read until `n` have come or the stream ends. */
const chunksOf = (res: ReturnType<ReturnType<typeof watchResponse>>) => {
  if (res._tag !== 'Http' || res.body._tag !== 'Stream') throw new Error('expected a stream')
  const it = res.body.chunks[Symbol.asyncIterator]()
  return {
    next: async (): Promise<string | undefined> => {
      const r = await it.next()
      return r.done === true ? undefined : Buffer.from(r.value as Uint8Array).toString('utf8')
    },
  }
}
const eventOf = (line: string | undefined) => JSON.parse(line ?? 'null') as { type: string; object: Record<string, any> }
const draft = (name: string) => ({ kind: 'ConfigMap', apiVersion: 'v1', metadata: { name, namespace: 'default' } }) as const
const quiet = { bounds: watchBoundsDefaults, log: silentLogger }

const options = suite('watchResponse options')

options('timeoutSeconds ends the stream cleanly once the clock passes it', async () => {
  const clock = fakeClock(0)
  const res = watchResponse(configMapDefinition, testStore(), new WebSocketServer({ noServer: true }), { ...quiet, clock })(
    makeRequest('/'),
    { namespace: '', resourceVersion: '', matches: () => true, timeoutSeconds: 30 },
  )
  const body = chunksOf(res)
  const ended = body.next()
  clock.advance(29_999)
  assert.is(clock.pending(), 1)
  clock.advance(1)
  assert.is(await ended, undefined)
  assert.is(clock.pending(), 0)
})

options('a watch without a timeout and without a server default arms no timer', () => {
  const clock = fakeClock(0)
  watchResponse(configMapDefinition, testStore(), new WebSocketServer({ noServer: true }), { ...quiet, clock })(makeRequest('/'), {
    namespace: '',
    resourceVersion: '',
    matches: () => true,
  })
  assert.is(clock.pending(), 0)
})

options('the server default timeout is min-request-timeout times a random factor in [1, 2)', async () => {
  const clock = fakeClock(0)
  const res = watchResponse(configMapDefinition, testStore(), new WebSocketServer({ noServer: true }), {
    ...quiet,
    clock,
    defaultTimeout: { minRequestTimeoutSeconds: 10, random: () => 0.5 },
  })(makeRequest('/'), { namespace: '', resourceVersion: '', matches: () => true })
  const ended = chunksOf(res).next()
  clock.advance(14_999)
  assert.is(clock.pending(), 1)
  clock.advance(1)
  assert.is(await ended, undefined)
})

options('allowWatchBookmarks sends a BOOKMARK with the current resourceVersion each period, and stops when the watch ends', async () => {
  const clock = fakeClock(0)
  const store = testStore()
  store.create(draft('a'))
  const cancel = newCancelSource()
  const res = watchResponse(configMapDefinition, store, new WebSocketServer({ noServer: true }), {
    ...quiet,
    clock,
    bookmarkPeriodMs: 1000,
  })(makeRequest('/', { cancel }), { namespace: 'default', resourceVersion: '1', matches: () => true, allowWatchBookmarks: true })
  const body = chunksOf(res)
  store.create(draft('b'))
  assert.is(eventOf(await body.next()).object['metadata'].name, 'b')
  clock.advance(1000)
  assert.is(
    await body.next(),
    '{"type":"BOOKMARK","object":{"kind":"ConfigMap","apiVersion":"v1","metadata":{"resourceVersion":"2","creationTimestamp":null}}}\n',
  )
  store.create(draft('c'))
  clock.advance(1000)
  assert.equal(
    [eventOf(await body.next()).type, eventOf(await body.next()).object['metadata']],
    ['ADDED', { resourceVersion: '3', creationTimestamp: null }],
  )
  cancel.cancel(new Error('gone'))
  assert.is(await body.next(), undefined)
  assert.is(clock.pending(), 0)
})

options('sendInitialEvents=true sends the current objects, then the initial-events-end BOOKMARK', async () => {
  const store = testStore()
  store.create(draft('a'))
  store.create(draft('b'))
  const clock = fakeClock(0)
  const res = watchResponse(configMapDefinition, store, new WebSocketServer({ noServer: true }), { ...quiet, clock })(makeRequest('/'), {
    namespace: 'default',
    resourceVersion: '1',
    matches: () => true,
    sendInitialEvents: true,
    allowWatchBookmarks: true,
    timeoutSeconds: 1,
  })
  clock.advance(1000) // ends the watch after what it holds, so a missing event fails rather than waits
  const body = chunksOf(res)
  const seen = []
  for (let line = await body.next(); line !== undefined; line = await body.next()) seen.push(eventOf(line))
  assert.equal(
    seen.map((e) => `${e.type} ${e.object['metadata'].name ?? e.object['metadata'].resourceVersion}`),
    ['ADDED a', 'ADDED b', 'BOOKMARK 2'],
  )
  assert.equal(seen[2]?.object['metadata'].annotations, { 'k8s.io/initial-events-end': 'true' })
})

options('sendInitialEvents=false without a resourceVersion starts from now', async () => {
  const store = testStore()
  store.create(draft('old'))
  const res = watchResponse(configMapDefinition, store, new WebSocketServer({ noServer: true }), { ...quiet, clock: fakeClock(0) })(
    makeRequest('/'),
    {
      namespace: 'default',
      resourceVersion: '',
      matches: () => true,
      sendInitialEvents: false,
    },
  )
  const body = chunksOf(res)
  store.create(draft('new'))
  assert.is(eventOf(await body.next()).object['metadata'].name, 'new')
})

options('a Table watch sends one-row Tables, column definitions in the first only', async () => {
  const clock = fakeClock(Date.UTC(2024, 0, 2, 3, 6, 5))
  const store = testStore()
  store.create(draft('a'))
  const res = watchResponse(configMapDefinition, store, new WebSocketServer({ noServer: true }), { ...quiet, clock })(makeRequest('/'), {
    namespace: 'default',
    resourceVersion: '',
    matches: () => true,
    convert: { conversion: { kind: 'Table', version: 'v1' }, includeObject: 'None' },
  })
  const body = chunksOf(res)
  const first = eventOf(await body.next())
  store.create(draft('b'))
  const second = eventOf(await body.next())
  assert.equal(
    [first.type, first.object['kind'], first.object['metadata'], first.object['rows']],
    ['ADDED', 'Table', { resourceVersion: '1' }, [{ cells: ['a', 0, '2m'], object: null }]],
  )
  assert.equal(
    first.object['columnDefinitions'].map((c: { name: string }) => c.name),
    ['Name', 'Data', 'Age'],
  )
  assert.equal([second.object['columnDefinitions'], second.object['rows'][0].cells[0]], [null, 'b'])
})

options('plain JSON watchers share one encoding of an event; Table watchers encode their own', async () => {
  const store = testStore()
  const watch = watchResponse(configMapDefinition, store, new WebSocketServer({ noServer: true }), { ...quiet, clock: fakeClock(0) })
  const spec = { namespace: 'default', resourceVersion: '', matches: () => true }
  const streams = [
    watch(makeRequest('/'), spec),
    watch(makeRequest('/'), spec),
    watch(makeRequest('/'), { ...spec, convert: { conversion: { kind: 'Table', version: 'v1' }, includeObject: 'Metadata' } }),
  ].map((res) => {
    if (res._tag !== 'Http' || res.body._tag !== 'Stream') throw new Error('expected a stream')
    return res.body.chunks[Symbol.asyncIterator]()
  })
  store.create(draft('a'))
  const [one, two, table] = await Promise.all(streams.map((s) => s.next()))
  assert.is(one?.value, two?.value)
  assert.is.not(one?.value, table?.value)
  assert.is(JSON.parse(Buffer.from(table?.value as Uint8Array).toString('utf8')).object.rows[0].object.kind, 'PartialObjectMetadata')
})

options.run()
