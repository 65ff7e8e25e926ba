// What serving from the `'stream'` event does beyond the cases it shares with node's compatibility API
// (to-node-listener-http2.spec.ts): the raw request it hands over, node's compatibility answers
// (CONNECT, Expect), headers node's checks refuse, whole responses in as few frames as HTTP/2 allows,
// backpressure and request bodies.
import { type ClientHttp2Session, type Http2Server, type ServerHttp2Stream, createServer, sensitiveHeaders } from 'node:http2'
import { type Socket, connect } from 'node:net'
import * as E from 'fp-ts/lib/Either.js'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import {
  type Handler,
  Http2StreamRequest,
  bytes,
  empty,
  headerValues,
  readBodyLimited,
  stream,
  text,
  toResponse,
} from '../../src/core/index.js'
import { toHttp2StreamListener, toNodeListener } from '../../src/serve/index.js'
import { ask2, closeHttp2, deferred, listen, session2, within } from '../support/http-client.js'
import { answerLater, logLine } from '../support/serve-fixtures.js'
import { getWith, preface, settingsAck } from '../support/raw-h2.js'

interface Ctx {
  server: Http2Server
  port: number
  session: ClientHttp2Session
  handler: Handler
  logged: string[]
  calls: number
}

const test = suite<Ctx>('toHttp2StreamListener', {
  server: undefined as unknown as Http2Server,
  port: 0,
  session: undefined as unknown as ClientHttp2Session,
  handler: () => text(200, 'unset'),
  logged: [],
  calls: 0,
})

test.before(async (ctx) => {
  const listener = toHttp2StreamListener(
    (req) => {
      ctx.calls += 1
      return ctx.handler(req)
    },
    { log: (e) => ctx.logged.push(logLine(e)) },
  )
  ctx.server = createServer().on('stream', listener)
  ctx.port = await listen(ctx.server)
  ctx.session = session2(ctx.port)
})

test.before.each((ctx) => {
  ctx.logged = []
  ctx.calls = 0
})

test.after((ctx) => closeHttp2(ctx.server, ctx.session))

/** One request with any headers; resolves with the response's headers (informational ones apart), body and reset code. */
const request = (session: ClientHttp2Session, headers: Record<string, string>, body?: string) =>
  new Promise<{ status: number; headers: Record<string, unknown>; body: string; info: number[]; rst: number }>((resolve) => {
    const s = session.request(headers, { endStream: body === undefined })
    const info: number[] = []
    let got: Record<string, unknown> = {}
    const chunks: Buffer[] = []
    s.on('headers', (h) => info.push(Number(h[':status'])))
    s.on('response', (h) => (got = h))
    s.on('data', (c: Buffer) => chunks.push(c))
    s.on('error', () => undefined)
    s.on('close', () =>
      resolve({ status: Number(got[':status'] ?? 0), headers: got, body: Buffer.concat(chunks).toString(), info, rst: s.rstCode ?? 0 }),
    )
    if (body !== undefined) s.end(body)
  })

test('hands over an Http2StreamRequest: the stream, node header object and raw lines, version 2.0, the session socket', async (ctx) => {
  let seen: unknown
  ctx.handler = (req) => {
    seen = req.raw
    const raw = req.raw as Http2StreamRequest
    return text(
      200,
      [
        raw.method,
        raw.url,
        raw.httpVersion,
        raw.httpVersionMajor,
        raw.httpVersionMinor,
        req.headers === raw.headers,
        headerValues(req, 'x-twice').join('|'),
        raw.socket?.remoteAddress,
      ].join(' '),
    )
  }
  const r = await request(ctx.session, { ':path': '/p?q=1', ':method': 'PUT', 'x-twice': 'a' }, 'body')
  assert.instance(seen, Http2StreamRequest)
  assert.is(r.body, 'PUT /p?q=1 2.0 2 0 true a 127.0.0.1')
  assert.ok(((seen as Http2StreamRequest).stream as ServerHttp2Stream).respond !== undefined)
})

test('keeps repeated header lines apart for headerValues (rawHeaders as node gave them)', async (ctx) => {
  ctx.handler = (req) => text(200, headerValues(req, 'x-multi').join('|'))
  const r = await request(ctx.session, { ':path': '/', 'x-multi': ['a', 'b'] as unknown as string })
  assert.is(r.body, 'a|b')
})

test('sends a date header, as node does for every response', async (ctx) => {
  ctx.handler = () => text(200, 'dated')
  const r = await ask2(ctx.session, '/')
  assert.type(r.headers['date'], 'string')
  assert.ok(!Number.isNaN(Date.parse(String(r.headers['date']))))
})

test('sends an Audit-Id as a never-indexed field and every other field as indexable', async (ctx) => {
  ctx.handler = () => text(200, 'audited', { 'audit-id': 'a1b2', 'x-other': 'same' })
  const r = await ask2(ctx.session, '/')
  assert.is(r.headers['audit-id'], 'a1b2')
  assert.is(r.headers['x-other'], 'same')
  assert.equal((r.headers as Record<symbol, unknown>)[sensitiveHeaders], ['audit-id'])
  ctx.handler = () => text(200, 'plain')
  const plain = await ask2(ctx.session, '/')
  assert.equal((plain.headers as Record<symbol, unknown>)[sensitiveHeaders], [])
})

test('answers a bad % escape with 400 without calling the handler', async (ctx) => {
  const r = await ask2(ctx.session, '/a%zz')
  assert.equal([r.status, r.body.toString(), ctx.calls], [400, '400 Bad Request', 0])
})

test('answers CONNECT with 405 and a failed expectation with 417 without calling the handler, as node does', async (ctx) => {
  const c = await request(ctx.session, { ':method': 'CONNECT', ':authority': 'example.com:443' }, '')
  const x = await request(ctx.session, { ':path': '/', expect: 'something-else' })
  assert.equal([c.status, x.status, ctx.calls], [405, 417, 0])
})

test('answers Expect: 100-continue with a 100 before the handler runs', async (ctx) => {
  ctx.handler = async (req) => {
    const body = await readBodyLimited(req, 0)()
    return text(200, E.isRight(body) ? Buffer.from(body.right).toString() : 'failed')
  }
  const r = await request(ctx.session, { ':path': '/', ':method': 'POST', expect: '100-continue' }, 'sent after 100')
  assert.equal([r.info, r.status, r.body], [[100], 200, 'sent after 100'])
})

test('reads request bodies from the stream, and refuses one over the limit with 413', async (ctx) => {
  ctx.handler = async (req) => {
    const body = await readBodyLimited(req, 8)()
    return E.isRight(body) ? text(200, `got ${Buffer.from(body.right).toString()}`) : toResponse(body.left)
  }
  const small = await request(ctx.session, { ':path': '/', ':method': 'POST' }, 'tiny')
  const large = await request(ctx.session, { ':path': '/', ':method': 'POST' }, 'x'.repeat(100))
  assert.equal([small.status, small.body, large.status], [200, 'got tiny', 413])
})

test('answers a 1xx status with 500 and logs it', async (ctx) => {
  ctx.handler = () => empty(101)
  const r = await ask2(ctx.session, '/')
  assert.is(r.status, 500)
  assert.is(ctx.logged.length, 1)
})

test('answers 500 to a response whose header name is not a token, as HTTP/1.1 does, and logs why', async (ctx) => {
  for (const name of ['bad name', 'x(y)']) {
    ctx.handler = () => text(200, 'x', { [name]: '1' })
    const r = await request(ctx.session, { ':path': '/' })
    assert.equal([r.status, r.rst, r.headers[name]], [500, 0, undefined], name)
  }
  assert.is(ctx.logged.length, 2)
})

test('answers HEAD of an Empty body without a content-length, and lets a HEAD stream go unread', async (ctx) => {
  ctx.handler = () => empty(200)
  const e = await ask2(ctx.session, '/', 'HEAD')
  assert.equal([e.status, e.headers['content-length']], [200, undefined])
  const stopped = deferred()
  const chunks: AsyncIterable<string> = {
    [Symbol.asyncIterator]: () => ({
      next: () => Promise.resolve({ done: false, value: 'never written' }),
      return: () => {
        stopped.resolve()
        return Promise.resolve({ done: true, value: undefined })
      },
    }),
  }
  ctx.handler = answerLater(stream(200, chunks))
  const s = await ask2(ctx.session, '/', 'HEAD')
  assert.equal([s.status, s.body.length], [200, 0])
  await within(stopped.promise, 2000, 'the stream to be returned')
})

test('writes a large one-piece body whole, with its content-length', async (ctx) => {
  const big = Buffer.alloc(300 << 10, 'b')
  ctx.handler = () => bytes(200, big)
  const r = await ask2(ctx.session, '/')
  assert.equal([r.headers['content-length'], r.body.equals(big)], [String(big.length), true])
})

test('pulls a stream body only as fast as the client reads it', async (ctx) => {
  let pulled = 0
  const finite = async function* () {
    for (; pulled < 4096; pulled++) yield Buffer.alloc(16 << 10)
  }
  ctx.handler = () => stream(200, finite())
  const session = session2(ctx.port)
  try {
    const s = session.request({ ':path': '/' })
    s.on('error', () => undefined)
    s.pause()
    await new Promise((r) => setTimeout(r, 300))
    assert.ok(pulled < 4096, `pulled ${pulled} chunks of a client that reads nothing`)
  } finally {
    session.destroy()
  }
})

/** Frames the server sent on stream 1 for a raw GET: [type, flags, length] each. */
const framesFor = async (port: number): Promise<Array<readonly [number, number, number]>> => {
  const socket: Socket = connect(port, '127.0.0.1')
  let got = Buffer.alloc(0)
  socket.on('data', (d: Buffer) => (got = Buffer.concat([got, d])))
  socket.on('error', () => undefined)
  socket.write(Buffer.concat([preface, settingsAck, getWith(1)]))
  await new Promise((r) => setTimeout(r, 300))
  socket.destroy()
  const out: Array<readonly [number, number, number]> = []
  for (let at = 0; at + 9 <= got.length; ) {
    const length = got.readUIntBE(at, 3)
    if (got.readUInt32BE(at + 5) === 1) out.push([got[at + 3]!, got[at + 4]!, length])
    at += 9 + length
  }
  return out
}

const HEADERS = 1
const DATA = 0
const END_STREAM = 1

test('sends an Empty body as one HEADERS frame with END_STREAM, a Bytes body as HEADERS and one DATA frame with END_STREAM', async (ctx) => {
  ctx.handler = () => empty(204)
  const none = await framesFor(ctx.port)
  assert.equal(
    none.map(([type, flags]) => [type, flags & END_STREAM]),
    [[HEADERS, END_STREAM]],
  )
  ctx.handler = () => text(200, 'hello')
  const some = await framesFor(ctx.port)
  assert.equal(
    some.map(([type, flags, length]) => [type, flags & END_STREAM, length]),
    [
      [HEADERS, 0, some[0]![2]],
      [DATA, END_STREAM, 5],
    ],
  )
})

test.run()

const compat = suite('node compatibility objects')

compat('toHttp2StreamListener makes none; toNodeListener on the same kind of server does', async () => {
  let made = 0
  const { Http2ServerRequest } = await import('node:http2')
  class Counted extends Http2ServerRequest {
    constructor(...args: ConstructorParameters<typeof Http2ServerRequest>) {
      super(...args)
      made += 1
    }
  }
  const hello: Handler = () => text(200, 'hello')
  for (const [server, expected] of [
    [createServer({ Http2ServerRequest: Counted }).on('stream', toHttp2StreamListener(hello)), 0],
    [createServer({ Http2ServerRequest: Counted }, toNodeListener(hello)), 1],
  ] as const) {
    made = 0
    const port = await listen(server)
    const session = session2(port)
    try {
      assert.is((await ask2(session, '/')).body.toString(), 'hello')
      assert.is(made, expected)
    } finally {
      await closeHttp2(server, session)
    }
  }
})

compat.run()
