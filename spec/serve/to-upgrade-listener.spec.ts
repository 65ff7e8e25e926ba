import { type IncomingMessage, type Server, createServer } from 'node:http'
import { connect } from 'node:net'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import WebSocket, { WebSocketServer } from 'ws'
import { type Handler, abortHandler, takeover, text, toResponse, unauthorized, upgrade } from '../../src/core/index.js'
import { toUpgradeListener } from '../../src/serve/index.js'
import { closeHttp, deferred, listen, raw, within } from '../support/http-client.js'
import { answerLater, finalized, logLine } from '../support/serve-fixtures.js'

interface Ctx {
  server: Server
  wss: WebSocketServer
  port: number
  handler: Handler
  logged: string[]
}

const upgrades = suite<Ctx>('toUpgradeListener', {
  server: undefined as unknown as Server,
  wss: undefined as unknown as WebSocketServer,
  port: 0,
  handler: () => Promise.resolve(text(200, 'unset')),
  logged: [],
})

upgrades.before(async (ctx) => {
  ctx.wss = new WebSocketServer({ noServer: true })
  ctx.server = createServer((_req, res) => res.end('plain'))
  ctx.server.on(
    'upgrade',
    toUpgradeListener((req) => ctx.handler(req), { log: (e) => ctx.logged.push(logLine(e)) }),
  )
  ctx.port = await listen(ctx.server)
})

upgrades.before.each((ctx) => {
  ctx.logged = []
})

upgrades.after(async (ctx) => {
  for (const ws of ctx.wss.clients) ws.terminate()
  ctx.wss.close()
  await closeHttp(ctx.server)
})

const handshake = (path: string, key = 'dGhlIHNhbXBsZSBub25jZQ=='): string =>
  `GET ${path} HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\n` +
  (key === '' ? '' : `Sec-WebSocket-Key: ${key}\r\n`) +
  '\r\n'

upgrades('echoes over a websocket, with the response headers on the 101, and finalizes on close', async (ctx) => {
  let path = ''
  let emitted = 0
  const onEmit = (): void => {
    emitted++
  }
  ctx.wss.on('connection', onEmit)
  const f = finalized(
    upgrade(
      ctx.wss,
      (ws, req) => {
        path = req.path
        ws.on('message', (m) => ws.send(`echo ${String(m)}`))
      },
      { 'x-audit-id': 'abc', 'cache-control': ['no-cache', 'private'] },
    ),
  )
  ctx.handler = answerLater(f.res)
  const ws = new WebSocket(`ws://127.0.0.1:${ctx.port}/api/v1/watch`)
  const upgraded = deferred<IncomingMessage>()
  ws.on('upgrade', (res) => upgraded.resolve(res))
  const echoed = new Promise<string>((resolve, reject) => {
    ws.on('open', () => ws.send('hi'))
    ws.on('message', (m) => resolve(String(m)))
    ws.on('error', reject)
  })
  try {
    assert.is(await within(echoed, 2000, 'the echo'), 'echo hi')
    const res = await upgraded.promise
    assert.is(res.statusCode, 101)
    assert.is(res.headers['x-audit-id'], 'abc')
    assert.is(res.headers['cache-control'], 'no-cache, private')
    assert.is(path, '/api/v1/watch')
    assert.is(emitted, 1)
    assert.equal(f.outcomes, [])
    ws.close()
    await within(f.ended, 2000, 'the finalizer')
    assert.equal(f.outcomes, ['finished'])
  } finally {
    ctx.wss.off('connection', onEmit)
    ws.terminate()
  }
})

upgrades('hands a working socket to ws when the request is watched for cancellation before and after', async (ctx) => {
  const cancelled = deferred<unknown>()
  const res = upgrade(ctx.wss, (ws, req) => {
    req.cancel.onCancel((r) => cancelled.resolve(r))
    ws.on('message', (m) => ws.send(`echo ${String(m)}`))
  })
  ctx.handler = async (req) => {
    req.cancel.onCancel(() => undefined)
    await new Promise((r) => setTimeout(r, 20))
    return res
  }
  const ws = new WebSocket(`ws://127.0.0.1:${ctx.port}/ws`)
  try {
    const echoed = new Promise<string>((resolve, reject) => {
      ws.on('open', () => ws.send('one'))
      ws.on('message', (m) => (String(m) === 'echo one' ? ws.send('two') : resolve(String(m))))
      ws.on('error', reject)
    })
    assert.is(await within(echoed, 2000, 'two echoes'), 'echo two')
    ws.close()
    const reason = await within(cancelled.promise, 2000, 'the cancellation when the websocket closed')
    assert.is((reason as Error).message, 'connection closed')
  } finally {
    ws.terminate()
  }
})

upgrades('keeps the socket working when only the websocket handler watches cancellation', async (ctx) => {
  const cancelled = deferred<unknown>()
  ctx.handler = answerLater(
    upgrade(ctx.wss, (ws, req) => {
      req.cancel.onCancel((r) => cancelled.resolve(r))
      ws.on('message', (m) => ws.send(`echo ${String(m)}`))
    }),
  )
  const ws = new WebSocket(`ws://127.0.0.1:${ctx.port}/ws`)
  try {
    const echoed = new Promise<string>((resolve, reject) => {
      ws.on('open', () => ws.send('one'))
      ws.on('message', (m) => resolve(String(m)))
      ws.on('error', reject)
    })
    assert.is(await within(echoed, 2000, 'the echo'), 'echo one')
    ws.close()
    await within(cancelled.promise, 2000, 'the cancellation when the websocket closed')
  } finally {
    ws.terminate()
  }
})

upgrades('writes a 401 Status from the chain as plain HTTP/1.1 the client can read, then closes', async (ctx) => {
  const f = finalized(toResponse(unauthorized('')))
  ctx.handler = answerLater(f.res)
  const ws = new WebSocket(`ws://127.0.0.1:${ctx.port}/ws`)
  ws.on('error', () => undefined)
  const got = await within(
    new Promise<{ status: number; body: string; connection: string | undefined }>((resolve, reject) => {
      ws.on('unexpected-response', (_req, res) => {
        let body = ''
        res.on('data', (c: Buffer) => (body += c.toString()))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, connection: res.headers['connection'] }))
        res.on('error', reject)
      })
    }),
    2000,
    'an unexpected-response',
  )
  assert.is(got.status, 401)
  assert.is(got.connection, 'close')
  const status = JSON.parse(got.body) as { reason: string; message: string }
  assert.equal([status.reason, status.message], ['Unauthorized', 'not authorized'])
  await within(f.ended, 2000, 'the finalizer')
  assert.equal(f.outcomes, ['finished'])
})

upgrades('finalizes with "aborted" when the websocket handshake fails', async (ctx) => {
  const f = finalized(upgrade(ctx.wss, () => undefined))
  ctx.handler = answerLater(f.res)
  const wire = await within(raw(ctx.port, handshake('/ws', '')), 2000, 'the socket to close')
  assert.match(wire, /^HTTP\/1\.1 400 /)
  await within(f.ended, 2000, 'the finalizer')
  assert.equal(f.outcomes, ['aborted'])
})

upgrades('answers 500 on the socket when the handler throws, logs it, and serves the next upgrade', async (ctx) => {
  ctx.handler = () => Promise.reject(new Error('boom'))
  const wire = await within(raw(ctx.port, handshake('/broken')), 2000, 'the socket to close')
  assert.match(wire, /^HTTP\/1\.1 500 Internal Server Error\r\n/)
  assert.match(wire, /\r\nconnection: close\r\n/)
  assert.match(wire, '"reason":"InternalError"')
  assert.equal(ctx.logged, ['error the upgrade handler failed: GET /broken'])
  ctx.handler = answerLater(toResponse(unauthorized('')))
  assert.match(await raw(ctx.port, handshake('/ws')), /^HTTP\/1\.1 401 Unauthorized\r\n/)
})

upgrades('closes the socket without an answer on abortHandler, quietly', async (ctx) => {
  ctx.handler = () => Promise.reject(abortHandler)
  const wire = await within(raw(ctx.port, handshake('/ws')), 2000, 'the socket to close')
  assert.is(wire, '')
  assert.equal(ctx.logged, [])
})

upgrades('answers 500 and finalizes "aborted" when an upgrade header is invalid', async (ctx) => {
  const f = finalized(upgrade(ctx.wss, () => undefined, { 'x-bad': 'a\r\nx-injected: 1' }))
  ctx.handler = answerLater(f.res)
  const wire = await within(raw(ctx.port, handshake('/ws')), 2000, 'the socket to close')
  assert.match(wire, /^HTTP\/1\.1 500 /)
  assert.not.match(wire, 'x-injected')
  await within(f.ended, 2000, 'the finalizer')
  assert.equal(f.outcomes, ['aborted'])
})

upgrades('answers 400 Bad Request to a bad percent-escape without calling the handler', async (ctx) => {
  let called = false
  ctx.handler = () => {
    called = true
    return Promise.resolve(text(200, 'no'))
  }
  const wire = await within(raw(ctx.port, handshake('/ws/%zz')), 2000, 'the socket to close')
  assert.match(wire, /^HTTP\/1\.1 400 Bad Request\r\n/)
  assert.ok(wire.endsWith('\r\n\r\n400 Bad Request'), JSON.stringify(wire))
  assert.is(called, false)
})

upgrades('answers 501 to a takeover and discards it', async (ctx) => {
  const f = finalized(takeover((_req, res) => res.end('never')))
  ctx.handler = answerLater(f.res)
  const wire = await within(raw(ctx.port, handshake('/ws')), 2000, 'the socket to close')
  assert.match(wire, /^HTTP\/1\.1 501 Not Implemented\r\n/)
  assert.equal(f.outcomes, ['discarded'])
})

upgrades('cancels the request when the client goes away while the handler waits', async (ctx) => {
  const entered = deferred()
  const cancelled = deferred<unknown>()
  const late = finalized(upgrade(ctx.wss, () => undefined))
  ctx.handler = (req) =>
    new Promise((resolve) => {
      req.cancel.onCancel((reason) => {
        cancelled.resolve(reason)
        resolve(late.res)
      })
      entered.resolve()
    })
  const socket = connect(ctx.port, '127.0.0.1', () => socket.write(handshake('/ws')))
  socket.on('error', () => undefined)
  await within(entered.promise, 2000, 'the handler to start')
  socket.destroy()
  const reason = await within(cancelled.promise, 2000, 'the cancellation')
  assert.is((reason as Error).message, 'client disconnected')
  await within(late.ended, 2000, 'the finalizer')
  assert.equal(late.outcomes, ['aborted'])
})

upgrades.run()
