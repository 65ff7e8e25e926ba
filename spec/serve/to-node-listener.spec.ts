import { createHash } from 'node:crypto'
import { type Server, createServer, request } from 'node:http'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { WebSocketServer } from 'ws'
import { type Handler, type Ended, addFinalizer, constant, empty, json, stream, takeover, text, upgrade } from '../../src/core/index.js'
import { toNodeListener } from '../../src/serve/index.js'
import { ask, closeHttp, deferred, listen, raw, within } from '../support/http-client.js'
import { answerLater, finalized, logLine } from '../support/serve-fixtures.js'

const listener = suite<{ server: Server; port: number; handler: Handler; logged: string[] }>('toNodeListener', {
  server: undefined as unknown as Server,
  port: 0,
  handler: () => Promise.resolve(text(200, 'unset')),
  logged: [],
})

listener.before(async (ctx) => {
  ctx.server = createServer(toNodeListener((req) => ctx.handler(req), { log: (e) => ctx.logged.push(logLine(e)) }))
  ctx.port = await listen(ctx.server)
})

listener.before.each((ctx) => {
  ctx.logged = []
})

listener.after((ctx) => closeHttp(ctx.server))

listener('answers text with status, content-type and content-length, and gives the handler the request', async (ctx) => {
  ctx.handler = (req) => Promise.resolve(text(201, `${req.method} ${req.path} q=${req.rawQuery} h=${String(req.headers['x-probe'])}`))
  const r = await ask(ctx.port, '/a%20b?x=1', { headers: { 'x-probe': 'yes' } })
  assert.is(r.status, 201)
  assert.is(r.body.toString(), 'GET /a b q=x=1 h=yes')
  assert.is(r.headers['content-type'], 'text/plain; charset=utf-8')
  assert.is(r.headers['content-length'], String('GET /a b q=x=1 h=yes'.length))
})

listener('gives the handler the node request and its header object as they are', async (ctx) => {
  let same = false
  ctx.handler = (req) => {
    same = req.raw !== undefined && req.headers === req.raw.headers
    return Promise.resolve(empty(204))
  }
  const r = await ask(ctx.port, '/')
  assert.is(r.status, 204)
  assert.ok(same)
})

listener('answers json and a utf-8 body with its byte length', async (ctx) => {
  ctx.handler = answerLater(json(200, { name: 'ünïcødé', n: 1 }))
  const r = await ask(ctx.port, '/')
  assert.is(r.headers['content-type'], 'application/json')
  assert.is(r.headers['content-length'], String(Buffer.byteLength('{"name":"ünïcødé","n":1}')))
  assert.equal(JSON.parse(r.body.toString('utf8')), { name: 'ünïcødé', n: 1 })
})

listener('answers an empty body with content-length 0, and 204 without one', async (ctx) => {
  ctx.handler = answerLater(empty(202, { 'x-a': '1' }))
  const r = await ask(ctx.port, '/')
  assert.is(r.status, 202)
  assert.is(r.headers['content-length'], '0')
  assert.is(r.headers['x-a'], '1')
  assert.is(r.body.length, 0)
  ctx.handler = answerLater(empty(204))
  const n = await ask(ctx.port, '/')
  assert.is(n.status, 204)
  assert.is(n.headers['content-length'], undefined)
})

listener('writes repeated header values as separate header lines', async (ctx) => {
  ctx.handler = answerLater(text(200, 'x', { 'x-multi': ['a', 'b, c'], 'set-cookie': ['s=1', 't=2'] }))
  const r = await ask(ctx.port, '/')
  const lines = pairs(r.rawHeaders).filter(([n]) => n === 'x-multi' || n === 'set-cookie')
  assert.equal(lines, [
    ['x-multi', 'a'],
    ['x-multi', 'b, c'],
    ['set-cookie', 's=1'],
    ['set-cookie', 't=2'],
  ])
})

listener('replaces a content-length the handler set with the length of its bytes, written once', async (ctx) => {
  ctx.handler = answerLater(text(200, 'hello', { 'content-length': '99', 'x-a': ['1', '2'] }))
  const wire = await raw(ctx.port, 'GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n')
  assert.is(wire.match(/\r\ncontent-length: /gi)?.length, 1)
  assert.match(wire, /\r\ncontent-length: 5\r\n/i)
  assert.match(wire, /\r\nx-a: 1\r\nx-a: 2\r\n/i)
  assert.ok(wire.endsWith('\r\n\r\nhello'), `expected the body after the headers, got ${JSON.stringify(wire.slice(-20))}`)
})

listener('answers HEAD with the status, headers and content-length of the body but no body', async (ctx) => {
  ctx.handler = answerLater(text(200, 'hello', { 'x-a': '1' }))
  const wire = await raw(ctx.port, 'HEAD / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n')
  assert.match(wire, /^HTTP\/1\.1 200 OK\r\n/)
  assert.match(wire, /\r\ncontent-length: 5\r\n/i)
  assert.match(wire, /\r\nx-a: 1\r\n/i)
  assert.ok(wire.endsWith('\r\n\r\n'), `expected no body after the headers, got ${JSON.stringify(wire.slice(-20))}`)
})

listener('answers HEAD to a stream without reading the stream', async (ctx) => {
  let started = false
  ctx.handler = answerLater(
    stream(
      200,
      (async function* () {
        started = true
        yield 'never'
      })(),
    ),
  )
  const wire = await raw(ctx.port, 'HEAD / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n')
  assert.match(wire, /^HTTP\/1\.1 200 OK\r\n/)
  assert.not.match(wire, 'never')
  assert.is(started, false)
})

listener('streams chunks of strings and bytes in order, chunked', async (ctx) => {
  ctx.handler = answerLater(
    stream(
      200,
      (async function* () {
        yield 'one,'
        yield new Uint8Array([116, 119, 111, 44]) // "two,"
        yield ''
        yield 'three'
      })(),
      { 'content-type': 'text/plain' },
    ),
  )
  const r = await ask(ctx.port, '/')
  assert.is(r.body.toString(), 'one,two,three')
  assert.is(r.headers['transfer-encoding'], 'chunked')
})

listener('sends a stream response headers before the first chunk (a watch sees them at once)', async (ctx) => {
  const release = deferred()
  ctx.handler = answerLater(
    stream(
      200,
      (async function* () {
        await release.promise
        yield 'event'
      })(),
      { 'x-watch': '1' },
    ),
  )
  const headers = deferred<string | string[] | undefined>()
  const body = new Promise<string>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: ctx.port, path: '/', agent: false }, (res) => {
      headers.resolve(res.headers['x-watch'])
      let b = ''
      res.on('data', (c: Buffer) => (b += c.toString()))
      res.on('end', () => resolve(b))
    })
    req.on('error', reject)
    req.end()
  })
  assert.is(await within(headers.promise, 2000, 'the headers before the first chunk'), '1')
  release.resolve()
  assert.is(await body, 'event')
})

listener('streams 20 MB with backpressure: the producer waits for a slow reader, then all of it arrives', async (ctx) => {
  const chunk = 64 * 1024
  const count = 320
  let produced = 0
  ctx.handler = answerLater(
    stream(
      200,
      (async function* () {
        for (let i = 0; i < count; i++) {
          produced++
          yield Buffer.alloc(chunk, i % 251)
        }
      })(),
    ),
  )
  const expected = createHash('sha256')
  for (let i = 0; i < count; i++) expected.update(Buffer.alloc(chunk, i % 251))
  const result = await new Promise<{ stalledAt: number; length: number; digest: string }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: ctx.port, path: '/', agent: false }, (res) => {
      const hash = createHash('sha256')
      let length = 0
      res.pause()
      void settle(() => produced).then((stalledAt) => {
        res.on('data', (c: Buffer) => {
          hash.update(c)
          length += c.length
        })
        res.on('end', () => resolve({ stalledAt, length, digest: hash.digest('hex') }))
        res.resume()
      })
    })
    req.on('error', reject)
    req.end()
  })
  assert.ok(result.stalledAt < count, `expected the producer to wait for the reader, it made ${result.stalledAt} of ${count} chunks`)
  assert.is(result.length, chunk * count)
  assert.is(result.digest, expected.digest('hex'))
})

listener('answers 400 Bad Request to a bad percent-escape without calling the handler', async (ctx) => {
  let called = false
  ctx.handler = () => {
    called = true
    return Promise.resolve(text(200, 'no'))
  }
  const r = await ask(ctx.port, '/api/%zz')
  assert.is(r.status, 400)
  assert.is(r.body.toString(), '400 Bad Request')
  assert.is(r.headers['connection'], 'close')
  assert.is(called, false)
})

listener('hands raw req/res to a takeover listener with the response headers already set', async (ctx) => {
  const f = finalized(
    takeover(
      (req, res) => {
        res.setHeader('x-raw', req.url ?? '')
        res.end('from the raw listener')
      },
      { 'x-from-chain': 'yes' },
    ),
  )
  ctx.handler = answerLater(f.res)
  const r = await ask(ctx.port, '/legacy')
  assert.is(r.body.toString(), 'from the raw listener')
  assert.is(r.headers['x-from-chain'], 'yes')
  assert.is(r.headers['x-raw'], '/legacy')
  await within(f.ended, 2000, 'the finalizer')
  assert.equal(f.outcomes, ['finished'])
})

listener('answers 426 to an Upgrade response on a plain request and discards it', async (ctx) => {
  const wss = new WebSocketServer({ noServer: true })
  const f = finalized(upgrade(wss, () => undefined))
  ctx.handler = answerLater(f.res)
  const r = await ask(ctx.port, '/ws')
  assert.is(r.status, 426)
  assert.is(r.headers['upgrade'], 'websocket')
  assert.equal(f.outcomes, ['discarded'])
  wss.close()
})

listener.run()

const sameTurn = suite('toNodeListener: answers that are there at once')

/** Serves `handler` and records, per request, whether the response had ended when the listener returned. */
const serveRecording = async (handler: Handler) => {
  const endedOnReturn: boolean[] = []
  const logged: string[] = []
  const inner = toNodeListener(handler, { log: (e) => logged.push(logLine(e)) })
  const server = createServer((req, res) => {
    inner(req, res)
    endedOnReturn.push(res.writableEnded)
  })
  return { server, port: await listen(server), endedOnReturn, logged }
}

sameTurn('writes an answered response before the listener returns, and finalizes it', async () => {
  const outcomes: Ended[] = []
  const s = await serveRecording(constant(addFinalizer((o) => outcomes.push(o))(text(200, 'now'))))
  try {
    const r = await ask(s.port, '/')
    assert.equal([r.status, r.body.toString()], [200, 'now'])
    assert.equal(s.endedOnReturn, [true])
    assert.equal(outcomes, ['finished'])
  } finally {
    await closeHttp(s.server)
  }
})

sameTurn('writes any other response later', async () => {
  const s = await serveRecording(answerLater(text(200, 'later')))
  try {
    assert.is((await ask(s.port, '/')).status, 200)
    assert.equal(s.endedOnReturn, [false])
  } finally {
    await closeHttp(s.server)
  }
})

sameTurn('answers 500 when an answered response has a header node refuses, and logs it', async () => {
  const s = await serveRecording(constant(text(200, 'x', { 'x-bad': 'a\r\nx-injected: 1' })))
  try {
    const r = await ask(s.port, '/bad')
    assert.is(r.status, 500)
    assert.is(r.headers['x-injected'], undefined)
    assert.equal(s.logged, ['error the handler failed: GET /bad'])
  } finally {
    await closeHttp(s.server)
  }
})

sameTurn.run()

/** `[name, value]` pairs of node's rawHeaders, names lower-cased. */
const pairs = (rawHeaders: ReadonlyArray<string>): Array<[string, string]> => {
  const out: Array<[string, string]> = []
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) out.push([(rawHeaders[i] ?? '').toLowerCase(), rawHeaders[i + 1] ?? ''])
  return out
}

/** Polls `value` until it stops changing for a few turns (bounded, about 1 s at most); returns it. */
const settle = async (value: () => number): Promise<number> => {
  let last = -1
  let still = 0
  for (let i = 0; i < 100 && still < 5; i++) {
    await new Promise((r) => setTimeout(r, 10))
    const now = value()
    still = now === last ? still + 1 : 0
    last = now
  }
  return last
}
