import { Agent, type IncomingMessage, type ServerResponse, createServer, request } from 'node:http'
import {
  type Http2ServerRequest,
  type Http2ServerResponse,
  type ServerHttp2Stream,
  connect as connect2,
  createServer as createH2cServer,
} from 'node:http2'
import { type Socket, connect } from 'node:net'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { trackConnections } from '../../src/serve/connection-tracker.js'
import { closeHttp, closeHttp2, deferred, listen, turn, within } from '../support/http-client.js'

/** A GET resolving with the `connection` header and body. */
const get = (port: number, agent: Agent | false = false, path = '/'): Promise<string> =>
  new Promise((resolve, reject) => {
    const r = request({ host: '127.0.0.1', port, path, agent }, (res: IncomingMessage) => {
      let body = ''
      res.on('data', (c: Buffer) => (body += c.toString()))
      res.on('end', () => resolve(`${res.headers.connection} ${body}`))
    })
    r.on('error', reject)
    r.end()
  })

/** A plain server whose `/hold` responses wait in `held`; everything else answers `ok`. */
const holdingServer = () => {
  const server = createServer()
  const held: ServerResponse[] = []
  const arrived = deferred()
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (req.url !== '/hold') return res.end('ok')
    held.push(res)
    arrived.resolve()
  })
  return { server, held, arrived: arrived.promise }
}

const tracker = suite('trackConnections')

/** A holding server with its tracker, listening. */
const trackedHoldingServer = async () => {
  const h = holdingServer()
  const t = trackConnections(h.server, false)
  return { ...h, t, port: await listen(h.server) }
}

/** Starts the tracker's drain; `drained()` tells whether it reported, `eventually()` waits up to 20 turns for it. */
const startDrain = (t: ReturnType<typeof trackConnections>) => {
  let drained = false
  t.drain(() => (drained = true))
  return {
    drained: () => drained,
    eventually: async (): Promise<boolean> => {
      for (let i = 0; i < 20 && !drained; i++) await turn()
      return drained
    },
  }
}

tracker('drains at once when nothing is connected', async () => {
  const server = createServer()
  const t = trackConnections(server, false)
  let drained = 0
  t.drain(() => drained++)
  assert.is(drained, 1)
})

tracker('sets TCP keep-alive of 3 minutes on each accepted socket', async () => {
  const server = createServer((_q, s) => s.end('ok'))
  const calls: Array<[boolean | undefined, number | undefined]> = []
  server.on('connection', (s: Socket) => {
    const original = s.setKeepAlive.bind(s)
    s.setKeepAlive = (on?: boolean, delay?: number) => (calls.push([on, delay]), original(on, delay))
  })
  trackConnections(server, false)
  const port = await listen(server)
  await get(port)
  assert.equal(calls, [[true, 180_000]])
  await closeHttp(server)
})

tracker('closes an idle keep-alive connection at drain, then reports drained', async () => {
  const { server } = holdingServer()
  const t = trackConnections(server, false)
  const port = await listen(server)
  const agent = new Agent({ keepAlive: true })
  assert.is(await get(port, agent), 'keep-alive ok')
  const idle = Object.values(agent.freeSockets).flat()[0]
  assert.ok(idle !== undefined, 'the client keeps an idle connection')
  const cut = new Promise<void>((r) => idle?.once('close', () => r()))
  const drained = deferred()
  t.drain(drained.resolve)
  await within(drained.promise, 1000, 'drained')
  await within(cut, 1000, 'the idle connection closed')
  agent.destroy()
  await closeHttp(server)
})

tracker('lets a busy connection finish with Connection: close, then reports drained', async () => {
  const { server, held, arrived, t, port } = await trackedHoldingServer()
  const answer = new Promise<string>((resolve, reject) => {
    const r = request({ host: '127.0.0.1', port, path: '/hold', agent: new Agent({ keepAlive: true }) }, (res) => {
      res.resume()
      res.on('end', () => resolve(String(res.headers.connection)))
    })
    r.on('error', reject)
    r.end()
  })
  await within(arrived, 1000, 'request')
  const drain = startDrain(t)
  await turn()
  assert.not.ok(drain.drained(), 'waits for the response')
  held[0]?.end('late')
  assert.is(await within(answer, 1000, 'answer'), 'close')
  assert.ok(await drain.eventually())
  await closeHttp(server)
})

tracker('ends a busy connection whose headers were already sent once its response finished', async () => {
  const { server, held, arrived, t, port } = await trackedHoldingServer()
  const agent = new Agent({ keepAlive: true })
  const answer = get(port, agent, '/hold')
  await within(arrived, 1000, 'request')
  const busy = Object.values(agent.sockets).flat()[0]
  assert.ok(busy !== undefined, 'the client holds the busy connection')
  const closed = new Promise<void>((r) => busy?.once('close', () => r()))
  held[0]?.writeHead(200, { 'content-type': 'text/plain' })
  held[0]?.write('part ')
  await turn()
  const drain = startDrain(t)
  await turn()
  assert.not.ok(drain.drained(), 'waits for the streaming response')
  held[0]?.end('end')
  assert.is(await within(answer, 1000, 'answer'), 'keep-alive part end', 'the response completes as it started')
  await within(closed, 1000, 'the connection is ended after the response')
  assert.ok(await drain.eventually())
  agent.destroy()
  await closeHttp(server)
})

tracker('closes a connection after the pipelined responses queued behind a streaming one', async () => {
  const { server, held, arrived, t, port } = await trackedHoldingServer()
  let received = ''
  const client = connect(port, '127.0.0.1', () =>
    client.write('GET /hold HTTP/1.1\r\nHost: x\r\n\r\nGET /next HTTP/1.1\r\nHost: x\r\n\r\n'),
  )
  client.on('data', (c: Buffer) => (received += c.toString()))
  const closed = new Promise<void>((r) => client.once('close', () => r()))
  await within(arrived, 1000, 'request')
  held[0]?.writeHead(200, { 'content-type': 'text/plain' })
  held[0]?.write('part ')
  await turn()
  const drain = startDrain(t)
  held[0]?.end('end')
  await within(closed, 1000, 'the connection closes after the pipelined response')
  const answers = received.split('HTTP/1.1 200 OK').slice(1)
  assert.is(answers.length, 2, received)
  assert.match(answers[0] ?? '', /part \r\n3\r\nend\r\n0\r\n\r\n$/, 'the streaming response completes')
  assert.match(answers[1] ?? '', /\r\n\r\nok$/, 'the pipelined response is answered before the close')
  assert.ok(await drain.eventually())
  await closeHttp(server)
})

tracker('destroyAll cuts busy connections', async () => {
  const { server, arrived } = holdingServer()
  const t = trackConnections(server, false)
  const port = await listen(server)
  const answer = get(port, false, '/hold').then(String, (e: Error) => e.message)
  await within(arrived, 1000, 'request')
  t.destroyAll()
  assert.match(await answer, /socket hang up|ECONNRESET/)
  await closeHttp(server)
})

tracker('forgets upgraded sockets: they never delay drained', async () => {
  const server = createServer()
  const upgraded = deferred<import('node:stream').Duplex>()
  server.on('upgrade', (_req, socket) => upgraded.resolve(socket))
  const t = trackConnections(server, false)
  const port = await listen(server)
  const client = connect(port, '127.0.0.1', () => client.write('GET / HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: x\r\n\r\n'))
  const socket = await within(upgraded.promise, 1000, 'upgrade')
  let drained = false
  t.drain(() => (drained = true))
  assert.ok(drained)
  assert.not.ok(socket.destroyed)
  client.destroy()
  socket.destroy()
  await closeHttp(server)
})

tracker('sends GOAWAY to HTTP/2 sessions and reports drained when they close', async () => {
  const server = createH2cServer()
  const held: Http2ServerResponse[] = []
  const arrived = deferred()
  server.on('request', (_req: Http2ServerRequest, res: Http2ServerResponse) => (held.push(res), arrived.resolve()))
  const t = trackConnections(server as never, false)
  const port = await listen(server)
  const session = connect2(`http://127.0.0.1:${port}`)
  const goaway = deferred()
  session.on('goaway', () => goaway.resolve())
  const stream = session.request({ ':path': '/' })
  let body = ''
  stream.on('data', (c: Buffer) => (body += c.toString()))
  const ended = new Promise<void>((r) => stream.on('end', () => r()))
  stream.end()
  await within(arrived.promise, 1000, 'request')
  let drained = false
  t.drain(() => (drained = true))
  await within(goaway.promise, 1000, 'GOAWAY')
  assert.not.ok(drained, 'the in-flight stream keeps the session')
  held[0]?.end('done')
  await within(ended, 1000, 'stream end')
  assert.is(body, 'done', 'the in-flight stream finishes after GOAWAY')
  for (let i = 0; i < 50 && !drained; i++) await turn()
  assert.ok(drained)
  await closeHttp2(server, session)
})

tracker("drains a server that serves HTTP/2 from its stream event alone without installing node's compatibility layer", async () => {
  const server = createH2cServer()
  server.on('stream', (stream: ServerHttp2Stream) => stream.respond({ ':status': 200 }, { endStream: true }))
  const t = trackConnections(server as never, false)
  await listen(server)
  t.drain(() => undefined)
  assert.equal([server.listenerCount('request'), server.listenerCount('stream')], [0, 1])
  await closeHttp2(server)
})

tracker.run()
