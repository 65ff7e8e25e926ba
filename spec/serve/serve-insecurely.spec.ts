import { Agent, createServer } from 'node:http'
import { connect as connect2 } from 'node:http2'
import type { AddressInfo } from 'node:net'
import type * as t from 'io-ts'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import WebSocket, { WebSocketServer } from 'ws'
import { type Handler, type Response, header, silentLogger, text, toResponse, unauthorized, upgrade } from '../../src/core/index.js'
import { runServer } from '../../src/serve/run-server.js'
import { serveInsecurely } from '../../src/serve/serve-insecurely.js'
import type { Serving } from '../../src/serve/serving.js'
import { toNodeListener } from '../../src/serve/to-node-listener.js'
import { ask, deferred, within } from '../support/http-client.js'

const info = { bindAddress: '127.0.0.1', bindPort: 0 as t.Int }

const start = async (handler: Handler, timeout = 5_000): Promise<{ serving: Serving; stop: AbortController }> => {
  const stop = new AbortController()
  const result = await serveInsecurely(info, handler, timeout, stop.signal, { log: silentLogger })()
  if (result._tag === 'Left') throw new Error(result.left.message)
  return { serving: result.right, stop }
}

const hello: Handler = async () => text(200, 'hello')

const graceful = suite('serveInsecurely graceful close')

graceful('lets an in-flight request finish with connection: close, then resolves stopped', async () => {
  const release = deferred<Response>()
  const arrived = deferred()
  const { serving, stop } = await start(() => (arrived.resolve(), release.promise))
  const agent = new Agent({ keepAlive: true })
  const reply = ask(serving.address.port, '/', { agent })
  await within(arrived.promise, 2000, 'request arrival')
  let stopped = false
  void serving.stopped.then(() => (stopped = true))
  stop.abort()
  await within(serving.listenerStopped, 1000, 'listenerStopped')
  await new Promise((r) => setTimeout(r, 50))
  assert.not.ok(stopped, 'stopped must wait for the in-flight request')
  release.resolve(text(200, 'late'))
  const r = await within(reply, 2000, 'reply')
  assert.is(r.status, 200)
  assert.is(r.body.toString(), 'late')
  assert.is(r.headers.connection, 'close')
  await within(serving.stopped, 2000, 'stopped')
  agent.destroy()
})

graceful('does not let an idle keep-alive connection delay stopped', async () => {
  const { serving, stop } = await start(hello, 10_000)
  const agent = new Agent({ keepAlive: true })
  assert.is((await ask(serving.address.port, '/', { agent })).status, 200)
  assert.is(Object.keys(agent.freeSockets).length, 1, 'one idle keep-alive socket')
  const began = Date.now()
  stop.abort()
  await within(serving.stopped, 2000, 'stopped')
  assert.ok(Date.now() - began < 1000, `stopped took ${Date.now() - began} ms`)
  agent.destroy()
})

graceful('force-closes a hung request at the shutdown timeout', async () => {
  const arrived = deferred()
  const { serving, stop } = await start(() => (arrived.resolve(), new Promise<Response>(() => undefined)), 200)
  const reply = ask(serving.address.port, '/').then(
    () => 'answered',
    (e: Error) => e.message,
  )
  await within(arrived.promise, 2000, 'request arrival')
  const began = Date.now()
  stop.abort()
  await within(serving.stopped, 2000, 'stopped')
  const took = Date.now() - began
  assert.ok(took >= 190 && took < 1500, `stopped after ${took} ms`)
  assert.is(await within(reply, 1000, 'client error'), 'socket hang up')
})

graceful('sends GOAWAY to HTTP/2 sessions and lets their streams finish (runServer, h2c)', async () => {
  const { createServer: createH2c } = await import('node:http2')
  const release = deferred<Response>()
  const arrived = deferred()
  const server = createH2c(toNodeListener(() => (arrived.resolve(), release.promise), { log: silentLogger }))
  const stop = new AbortController()
  const result = await runServer(server, { host: '127.0.0.1', port: 0 }, 5000, stop.signal, { log: silentLogger })()
  assert.ok(result._tag === 'Right')
  const session = connect2(`http://127.0.0.1:${result.right.address.port}`)
  const goaway = new Promise<void>((r) => session.once('goaway', () => r()))
  const stream = session.request({ ':path': '/' })
  const body = new Promise<string>((resolve) => {
    let b = ''
    stream.on('data', (c: Buffer) => (b += c.toString()))
    stream.on('end', () => resolve(b))
  })
  stream.end()
  await within(arrived.promise, 2000, 'stream arrival')
  stop.abort()
  await within(goaway, 2000, 'goaway')
  release.resolve(text(200, 'done'))
  assert.is(await within(body, 2000, 'body'), 'done')
  await within(result.right.stopped, 2000, 'stopped')
  session.destroy()
})

graceful.run()

const sockets = suite('serveInsecurely websockets')

const wss = new WebSocketServer({ noServer: true })
const authenticated: Handler = async (req) =>
  header(req, 'authorization') === 'Bearer good'
    ? upgrade(wss, (ws) => ws.on('message', (m) => ws.send(`echo ${m.toString()}`)))
    : toResponse(unauthorized('Unauthorized'))

const openWs = (port: number, token: string): WebSocket =>
  new WebSocket(`ws://127.0.0.1:${port}/echo`, { headers: { authorization: `Bearer ${token}` } })

sockets('echoes through an authenticating chain; stopped does not wait; closed with 1001 at the end', async () => {
  const { serving, stop } = await start(authenticated)
  const ws = openWs(serving.address.port, 'good')
  await within(new Promise((r) => ws.once('open', r)), 2000, 'open')
  const echoed = new Promise<string>((r) => ws.once('message', (m) => r(m.toString())))
  ws.send('hi')
  assert.is(await within(echoed, 2000, 'echo'), 'echo hi')
  const closed = new Promise<number>((r) => ws.once('close', (code) => r(code)))
  stop.abort()
  await within(serving.stopped, 2000, 'stopped')
  assert.is(await within(closed, 2000, 'close'), 1001)
})

sockets('refuses an upgrade without credentials with a real 401', async () => {
  const { serving, stop } = await start(authenticated)
  const ws = openWs(serving.address.port, 'bad')
  ws.on('error', () => undefined)
  const status = await within(
    new Promise<number>((r) => ws.once('unexpected-response', (_req, res) => r(res.statusCode ?? 0))),
    2000,
    '401',
  )
  assert.is(status, 401)
  ws.terminate()
  stop.abort()
  await within(serving.stopped, 2000, 'stopped')
})

sockets.run()

const errors = suite('runServer errors')

errors('fails with address already in use', async () => {
  const other = createServer()
  await new Promise<void>((r) => other.listen(0, '127.0.0.1', r))
  const port = (other.address() as AddressInfo).port
  const result = await runServer(createServer(), { host: '127.0.0.1', port }, 1000, new AbortController().signal, { log: silentLogger })()
  other.close()
  assert.equal(result, {
    _tag: 'Left',
    left: { _tag: 'ListenFailed', message: `failed to listen on 127.0.0.1:${port}: address already in use` },
  })
})

errors('fails on an empty address without listening', async () => {
  const server = createServer()
  const result = await runServer(server, { host: '', port: 6443 }, 1000, new AbortController().signal)()
  assert.equal(result, { _tag: 'Left', left: { _tag: 'BadAddress', message: 'invalid listen address: ":6443": empty host' } })
  assert.not.ok(server.listening)
})

errors('serves HTTP/1.1 with 1 MiB of headers and 431 beyond', async () => {
  const { serving, stop } = await start(hello)
  const port = serving.address.port
  assert.is((await ask(port, '/', { headers: { 'x-big': 'a'.repeat(100 * 1024) } })).status, 200)
  assert.is((await ask(port, '/', { headers: { 'x-big': 'a'.repeat(2 * 1024 * 1024) } })).status, 431)
  stop.abort()
  await within(serving.stopped, 2000, 'stopped')
})

errors.run()
