import { Agent, type IncomingMessage, type Server, type ServerResponse, createServer, request } from 'node:http'
import { connect } from 'node:net'
import * as E from 'fp-ts/lib/Either.js'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { type FakeClock, type LogEntry, fakeClock, recordingLogger } from '../../src/core/index.js'
import { type RunServerOptions, hostPort, runServer } from '../../src/serve/run-server.js'
import type { Serving } from '../../src/serve/serving.js'
import type { WebSocketRegistry } from '../../src/serve/websocket-registry.js'
import { closeHttp, deferred, listen, turn, within } from '../support/http-client.js'

const loopback = { host: '127.0.0.1', port: 0 }

/** Whether `p` has settled after the pending I/O callbacks ran. */
const settled = async (p: Promise<unknown>): Promise<boolean> => {
  let done = false
  void p.then(() => (done = true))
  await turn()
  await turn()
  return done
}

/** A GET that resolves with its status, `connection` header and body, or the error message. */
const get = (port: number, path: string, agent: Agent | false = false): Promise<string> =>
  new Promise((resolve) => {
    const r = request({ host: '127.0.0.1', port, path, agent }, (res: IncomingMessage) => {
      let body = ''
      res.on('data', (c: Buffer) => (body += c.toString()))
      res.on('end', () => resolve(`${res.statusCode} ${res.headers.connection} ${body}`))
      res.on('error', (e) => resolve(e.message))
    })
    r.on('error', (e) => resolve(e.message))
    r.end()
  })

interface Started {
  readonly server: Server
  readonly serving: Serving
  readonly stop: AbortController
  readonly clock: FakeClock
  readonly entries: LogEntry[]
  readonly closed: Array<[number, string]>
  /** Responses the handler holds until the spec ends them. */
  readonly held: ServerResponse[]
  readonly arrived: Promise<void>
}

const start = async (opts: Partial<RunServerOptions> = {}, server = createServer()): Promise<Started> => {
  const held: ServerResponse[] = []
  const arrival = deferred()
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (req.url === '/fast') return res.end('fast')
    held.push(res)
    arrival.resolve()
  })
  const clock = fakeClock()
  const { log, entries } = recordingLogger()
  const closed: Array<[number, string]> = []
  const websockets: WebSocketRegistry = { add: () => undefined, closeAll: (code, reason) => void closed.push([code, reason]) }
  const stop = new AbortController()
  const r = await runServer(server, loopback, 5000, stop.signal, { clock, log, websockets, ...opts })()
  if (E.isLeft(r)) throw new Error(r.left.message)
  return { server, serving: r.right, stop, clock, entries, closed, held, arrived: arrival.promise }
}

const errors = suite('runServer errors')

errors('refuses an empty host with a BadAddress error', async () => {
  const r = await runServer(createServer(), { host: '', port: 8080 }, 1000, new AbortController().signal)()
  assert.equal(r, E.left({ _tag: 'BadAddress', message: 'invalid listen address: ":8080": empty host' }))
})

errors('fails with "address already in use" when the port is taken', async () => {
  const taken = createServer()
  const port = await listen(taken)
  const r = await runServer(createServer(), { host: '127.0.0.1', port }, 1000, new AbortController().signal)()
  assert.equal(r, E.left({ _tag: 'ListenFailed', message: `failed to listen on 127.0.0.1:${port}: address already in use` }))
  await closeHttp(taken)
})

errors('fails with "cannot assign requested address" for an address of no local interface', async () => {
  const r = await runServer(createServer(), { host: '192.0.2.1', port: 0 }, 1000, new AbortController().signal)()
  assert.equal(r, E.left({ _tag: 'ListenFailed', message: 'failed to listen on 192.0.2.1:0: cannot assign requested address' }))
})

errors.run()

const hp = suite('hostPort')

hp("joins like Go's net.JoinHostPort, bracketing IPv6", () => {
  assert.is(hostPort({ host: '127.0.0.1', port: 6443 }), '127.0.0.1:6443')
  assert.is(hostPort({ host: '::1', port: 6443 }), '[::1]:6443')
  assert.is(hostPort({ host: 'localhost', port: 0 }), 'localhost:0')
})

hp.run()

const lifecycle = suite('runServer stopped and listenerStopped')

lifecycle('listens on the real port and serves until stop', async () => {
  const s = await start()
  assert.is.not(s.serving.address.port, 0)
  assert.is(s.serving.address.host, '127.0.0.1')
  assert.is(await get(s.serving.address.port, '/fast'), '200 close fast')
  assert.not.ok(await settled(s.serving.listenerStopped))
  assert.not.ok(await settled(s.serving.stopped))
  s.stop.abort()
  await within(s.serving.stopped, 1000, 'stopped')
})

lifecycle('on stop: listenerStopped at once, Connection: close on in-flight responses, stopped once they end', async () => {
  const s = await start()
  const port = s.serving.address.port
  const answer = get(port, '/slow')
  await s.arrived
  s.stop.abort()
  await within(s.serving.listenerStopped, 1000, 'listenerStopped')
  assert.equal(
    s.entries.map((e) => e.msg),
    [`Stopped listening on 127.0.0.1:${port}`],
  )
  assert.match(await get(port, '/fast'), /ECONNREFUSED/, 'no new connections')
  assert.not.ok(await settled(s.serving.stopped), 'waits for the in-flight request')
  assert.equal(s.closed, [], 'websockets are closed only after stopped')
  s.held[0]?.end('slow')
  assert.is(await answer, '200 close slow')
  await within(s.serving.stopped, 1000, 'stopped')
  assert.equal(s.closed, [[1001, 'server shutting down']])
  assert.is(s.clock.pending(), 0, 'the shutdown timer is cancelled')
})

lifecycle('closes idle keep-alive connections at stop', async () => {
  const s = await start()
  const agent = new Agent({ keepAlive: true, maxSockets: 1 })
  assert.match(await get(s.serving.address.port, '/fast', agent), /^200 keep-alive fast$/)
  const idle = Object.values(agent.freeSockets).flat()[0]
  assert.ok(idle !== undefined, 'the client keeps an idle connection')
  const cut = new Promise<void>((r) => idle?.once('close', () => r()))
  s.stop.abort()
  await within(cut, 1000, 'idle connection closed')
  await within(s.serving.stopped, 1000, 'stopped')
  agent.destroy()
})

lifecycle('cuts what is left after the shutdown timeout and logs it', async () => {
  const s = await start()
  const answer = get(s.serving.address.port, '/slow')
  await s.arrived
  s.stop.abort()
  s.clock.advance(4999)
  assert.not.ok(await settled(s.serving.stopped))
  s.clock.advance(1)
  await within(s.serving.stopped, 1000, 'stopped')
  assert.match(await answer, /socket hang up|ECONNRESET/)
  const failed = s.entries.find((e) => e.msg === 'Failed to shutdown server')
  assert.is(failed?.level, 'error')
  assert.is((failed!.error as Error).message, 'context deadline exceeded')
  assert.equal(s.closed, [[1001, 'server shutting down']])
})

lifecycle('an already aborted stop shuts down right after listening', async () => {
  const stop = new AbortController()
  stop.abort()
  const r = await runServer(createServer(), loopback, 1000, stop.signal, { clock: fakeClock(), log: () => undefined })()
  if (E.isLeft(r)) return assert.unreachable(r.left.message)
  await within(r.right.listenerStopped, 1000, 'listenerStopped')
  await within(r.right.stopped, 1000, 'stopped')
})

lifecycle('upgraded connections never delay stopped', async () => {
  const server = createServer()
  const upgraded = deferred<import('node:stream').Duplex>()
  server.on('upgrade', (_req, socket) => {
    socket.write('HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: x\r\n\r\n')
    upgraded.resolve(socket)
  })
  const s = await start({}, server)
  const client = connect(s.serving.address.port, '127.0.0.1', () =>
    client.write('GET / HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: x\r\n\r\n'),
  )
  const socket = await upgraded.promise
  s.stop.abort()
  await within(s.serving.stopped, 1000, 'stopped')
  assert.not.ok(socket.destroyed, 'the hijacked socket is left to its owner')
  client.destroy()
  socket.destroy()
})

lifecycle.run()
