// Watchers that never read, over loopback sockets: the server's memory stays bounded, each stalled
// watcher is closed once (HTTP/1.1 and websocket), and a watcher that reads gets every event.
import { type IncomingMessage, type Server, createServer, request } from 'node:http'
import { type Socket, connect } from 'node:net'
import * as v8 from 'node:v8'
import * as vm from 'node:vm'
import * as E from 'fp-ts/lib/Either.js'
import { suite } from 'uvu'
import { alwaysAllow } from '../../src/auth/always-authorizers.js'
import { alwaysAllowRules } from '../../src/auth/rules-resolver.js'
import * as assert from 'uvu/assert'
import WebSocket from 'ws'
import { type LogEntry, fakeClock, recordingLogger } from '../../src/core/index.js'
import { newApiServerHandler } from '../../src/director/api-server-handler.js'
import type { ConfigMapDraft, ConfigMapStore } from '../../src/example-api/configmap-store.js'
import { exampleApi } from '../../src/example-api/example-api.js'
import { toNodeListener, toUpgradeListener } from '../../src/serve/index.js'
import { closeHttp, deferred, listen, within } from '../support/http-client.js'
import { counterIds } from './fixtures.js'

v8.setFlagsFromString('--expose-gc')
const gc = vm.runInNewContext('gc') as () => void

const path = '/api/v1/namespaces/default/configmaps'
const updates = 200
const warmUp = 20
const blobChars = 1_000_000
const forcedMsg = 'forcing configmaps watcher close due to unresponsiveness'

/** The example API on 127.0.0.1:0 with a short history, its watch closes logged. */
const start = async () => {
  const logs = recordingLogger()
  const api = exampleApi(
    { clock: fakeClock(0), newId: counterIds(), random: () => 0.5, log: logs.log },
    {
      version: { packageVersion: '1.2.3', nodeVersion: 'v20.0.0', platform: 'linux', arch: 'x64' },
      historySize: 4,
      authorizer: alwaysAllow,
      rulesResolver: alwaysAllowRules,
    },
  )
  const h = newApiServerHandler({ name: 'example', services: api.services })
  if (E.isLeft(h)) throw new Error('expected handlers')
  const server = createServer(toNodeListener(h.right.fullHandlerChain))
  server.on('upgrade', toUpgradeListener(h.right.fullHandlerChain))
  const forced = (): LogEntry[] => logs.entries.filter((e) => e.msg === forcedMsg)
  return { server, port: await listen(server), store: api.store, forced }
}

/** Writes the n-th version of the 1 MB ConfigMap `big` (created at 0); answers its resourceVersion. */
const write = (store: ConfigMapStore, n: number): string => {
  const draft: ConfigMapDraft = {
    kind: 'ConfigMap',
    apiVersion: 'v1',
    metadata: { name: 'big', namespace: 'default' },
    data: { n: String(n), blob: 'x'.repeat(blobChars) },
  }
  const written = n === 0 ? store.create(draft) : store.update(draft)
  if (E.isLeft(written)) throw new Error(`expected version ${n} of big to be written`)
  return written.right.metadata.resourceVersion
}

/** A raw HTTP/1.1 watch that reads the response head, then stops reading. */
const stalledWatch = (port: number, rv: string): Promise<Socket> =>
  new Promise((resolve, reject) => {
    const s = connect(port, '127.0.0.1', () => s.write(`GET ${path}?watch=1&resourceVersion=${rv} HTTP/1.1\r\nhost: x\r\n\r\n`))
    s.on('error', reject)
    let head = ''
    const onData = (c: Buffer): void => {
      head += c.toString('latin1')
      if (!head.includes('\r\n\r\n')) return
      s.pause()
      s.off('data', onData)
      s.unshift(Buffer.from(head.slice(head.indexOf('\r\n\r\n') + 4), 'latin1'))
      resolve(s)
    }
    s.on('data', onData)
  })

/** Reads a paused raw watch to its end; resolves with the body (chunked framing left in) and whether the terminating chunk came. */
const readToEnd = (s: Socket): Promise<{ body: string; ended: boolean }> =>
  new Promise((resolve) => {
    let body = ''
    const done = (): void => resolve({ body, ended: body.endsWith('0\r\n\r\n') })
    s.on('data', (c: Buffer) => {
      body += c.toString('latin1')
      if (body.endsWith('0\r\n\r\n')) done()
    })
    s.on('close', done)
    s.on('error', () => undefined) // the cut may reach the client as a reset
    s.resume()
  })

/** A websocket watch that stops reading once open; `closed` resolves when the server closed it. */
const stalledWebsocket = async (port: number, rv: string) => {
  const ws = new WebSocket(`ws://127.0.0.1:${port}${path}?watch=1&resourceVersion=${rv}`)
  const messages: string[] = []
  const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)))
  ws.on('message', (m) => messages.push(String(m)))
  await within(new Promise((resolve) => ws.once('open', resolve)), 2000, 'the websocket watch to open')
  ws.pause()
  return { ws, messages, closed }
}

/** A watch that reads every event; `seen(n)` resolves once n events arrived. */
const readingWatch = (port: number, rv: string) => {
  const rvs: number[] = []
  const waiters: Array<{ n: number; resolve: () => void }> = []
  const opened = deferred<IncomingMessage>()
  const req = request({ host: '127.0.0.1', port, path: `${path}?watch=1&resourceVersion=${rv}`, agent: false }, (res) => {
    let line: Buffer[] = []
    res.on('data', (c: Buffer) => {
      for (let at = c.indexOf(10); at >= 0; at = c.indexOf(10)) {
        line.push(c.subarray(0, at))
        rvs.push(rvOf(Buffer.concat(line).toString('utf8', 0, 1024)))
        line = []
        c = c.subarray(at + 1)
      }
      line.push(c)
      for (const w of waiters.filter((w) => rvs.length >= w.n)) w.resolve()
    })
    opened.resolve(res)
  })
  req.end()
  const seen = (n: number): Promise<void> => (rvs.length >= n ? Promise.resolve() : new Promise((resolve) => waiters.push({ n, resolve })))
  return { rvs, seen, opened: opened.promise, stop: () => req.destroy() }
}

/** The resourceVersion of the first object in `text` (the event's: metadata comes before data). */
const rvOf = (text: string): number => Number(/"resourceVersion":"(\d+)"/.exec(text)?.[1] ?? NaN)

/** The resourceVersions of the events in a chunked watch body. */
const eventRvs = (body: string): number[] => [...body.matchAll(/"resourceVersion":"(\d+)"/g)].map((m) => Number(m[1]))

/** Heap and external memory after full collections (buffers are freed after the collection that found them dead). */
const memory = async (): Promise<number> => {
  for (let i = 0; i < 3; i++) {
    gc()
    await new Promise((resolve) => setImmediate(resolve))
  }
  const m = process.memoryUsage()
  return m.heapUsed + m.external
}

const consecutive = (rvs: ReadonlyArray<number>, from: number): boolean => rvs.every((rv, i) => rv === from + i)

const bounded = suite('watch bounds over sockets')

bounded('stalled watchers are closed with bounded memory while a reading watcher gets every event', async () => {
  const { server, port, store, forced } = await start()
  const stalled: Socket[] = []
  let ws: WebSocket | undefined
  try {
    const created = Number(write(store, 0))
    const reader = readingWatch(port, String(created))
    await within(reader.opened, 2000, 'the reading watch to start')
    const inStep = async (from: number, count: number): Promise<void> => {
      for (let i = 0; i < count; i++) {
        await within(reader.seen(from + i - 1), 5000, `the reading watcher to see event ${from + i - 1}`)
        write(store, from + i)
      }
      await within(reader.seen(from + count - 1), 5000, 'the reading watcher to see every event')
    }
    await inStep(1, warmUp) // runs every path the measured updates run, so the baseline holds its compiled code
    const first = created + warmUp + 1
    stalled.push(await stalledWatch(port, String(first - 1)), await stalledWatch(port, String(first - 1)))
    const socketWatch = await stalledWebsocket(port, String(first - 1))
    ws = socketWatch.ws
    const before = await memory()
    await inStep(warmUp + 1, updates)
    const grown = (await memory()) - before
    // A closed watcher holds nothing queued, at most the one event its socket was writing: 2 MiB each.
    const budget = 3 * 2 * 1024 * 1024
    assert.ok(grown < budget, `expected the server to grow by less than ${budget} bytes for 3 stalled watchers, got ${grown}`)
    assert.ok(
      consecutive(reader.rvs, created + 1) && reader.rvs.length === warmUp + updates,
      `expected the reader to see every event, got ${reader.rvs.length}`,
    )
    assert.is(forced().length, 3)
    const read = await Promise.all(stalled.map((s) => within(readToEnd(s), 5000, 'a stalled watch to end')))
    for (const got of read) {
      assert.ok(!got.ended, 'expected the stalled HTTP watch to be cut by the server, without the last chunk')
      const rvs = eventRvs(got.body)
      assert.ok(rvs.length > 0 && rvs.length < updates, `expected a stalled watch to get some of the ${updates} events, got ${rvs.length}`)
      assert.ok(consecutive(rvs, first), 'expected a stalled watch to get consecutive events from its start')
    }
    socketWatch.ws.resume()
    assert.is(await within(socketWatch.closed, 5000, 'the stalled websocket watch to be closed'), 1005)
    assert.ok(
      socketWatch.messages.length < updates,
      `expected the stalled websocket to get some of the ${updates} events, got ${socketWatch.messages.length}`,
    )
    assert.ok(consecutive(socketWatch.messages.map(rvOf), first), 'expected the stalled websocket to get consecutive events from its start')
    reader.stop()
  } finally {
    ws?.terminate()
    for (const s of stalled) s.destroy()
    await closeHttp(server as Server)
  }
})

bounded.run()
