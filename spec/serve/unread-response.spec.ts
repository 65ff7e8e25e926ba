// Hostile clients: a client that asks for a large response and never reads it keeps the request's seat
// while the response is being written, and the response is cut at the request deadline (issue 19, item 4).
import { constants } from 'node:http2'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { type Handler, bytes, text } from '../../src/core/index.js'
import { within } from '../support/http-client.js'
import { type CountedServer, closedWith, startCounted, tlsSession2, tlsSocket } from '../support/secure-server.js'

/** Larger than what loopback's socket buffers take from a client that does not read. */
const large = Buffer.alloc(32 << 20, 'x')

/** Written in many slices, and read within the 1 s request timeout of these specs. */
const medium = 'y'.repeat(1 << 20)

/** `?size=large` answers 32 MiB, `?size=medium` 1 MiB as a string, anything else a short text. */
const list: Handler = (req) =>
  Promise.resolve(
    req.rawQuery.includes('size=large') ? bytes(200, large) : req.rawQuery.includes('size=medium') ? text(200, medium) : text(200, 'short'),
  )

interface Ctx {
  server: CountedServer
}

const test = suite<Ctx>('unread responses')

test.before.each(async (ctx) => {
  ctx.server = await startCounted(list, { requestTimeout: 1000, maxRequestsInFlight: 2 })
})

test.after.each(async (ctx) => ctx.server.stop())

const seats = (ctx: Ctx): number => ctx.server.seats.readOnly?.inFlight() ?? -1
const path = '/api/v1/namespaces/default/configmaps'
const pause = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))

/** Asks for `query` on a fresh HTTP/1.1 connection and never reads; resolves once the request is sent. */
const unread = async (port: number, query: string) => {
  const s = await tlsSocket(port)
  s.pause()
  s.write(`GET ${path}?${query} HTTP/1.1\r\nHost: localhost\r\n\r\n`)
  return s
}

/** One GET on a fresh connection, read in full. */
const get = async (port: number, query: string): Promise<string> => {
  const s = await tlsSocket(port)
  s.end(`GET ${path}?${query} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n`)
  return within(closedWith(s), 3000, 'a GET answered')
}

test('HTTP/1.1: an unread large response holds its seat, and is cut at the deadline', async (ctx) => {
  const sockets = [await unread(ctx.server.port, 'size=large'), await unread(ctx.server.port, 'size=large')]
  const closed = sockets.map((s) => new Promise<void>((r) => s.once('close', () => r())))
  await pause(300)
  assert.is(seats(ctx), 2, 'both unread responses hold a read-only seat')
  assert.match(await get(ctx.server.port, 'size=small'), /^HTTP\/1\.1 429 /, 'a third list waits for a seat: 429')
  await pause(1200)
  assert.is(seats(ctx), 0, 'their seats are given back at the deadline')
  for (const s of sockets) s.on('error', () => undefined).resume() // a paused socket notices its end only when it reads
  await within(Promise.all(closed), 4000, 'the server cut both connections')
  assert.is(ctx.server.runtime.nonLongRunningRequestWaitGroup.count(), 0, 'and their wait-group slots')
  assert.match(await get(ctx.server.port, 'size=small'), /^HTTP\/1\.1 200 [\s\S]*short$/, 'lists are served again')
})

test('HTTP/1.1: a small response to a client that does not read gives its seat back at once', async (ctx) => {
  const s = await unread(ctx.server.port, 'size=small')
  await pause(200)
  assert.is(seats(ctx), 0)
  s.destroy()
})

test('HTTP/2: an unread large response holds its seat, and its stream is reset at the deadline', async (ctx) => {
  const session = tlsSession2(ctx.server.port)
  try {
    const stream = session.request({ ':path': `${path}?size=large` })
    stream.pause()
    stream.on('error', () => undefined) // the reset at the deadline
    await pause(300)
    assert.is(seats(ctx), 1, 'the unread response holds a read-only seat')
    await within(new Promise<void>((r) => stream.once('close', () => r())), 4000, 'the stream is reset at the deadline')
    assert.is(stream.rstCode, constants.NGHTTP2_INTERNAL_ERROR)
    assert.is(seats(ctx), 0, 'its seat is given back')
  } finally {
    session.destroy()
  }
})

test('a large body read by its client arrives whole, with its content-length, over HTTP/1.1 and HTTP/2', async (ctx) => {
  const s = await tlsSocket(ctx.server.port)
  s.end(`GET ${path}?size=medium HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n`)
  const reply = await within(closedWith(s), 10_000, 'the HTTP/1.1 answer')
  const [head = '', body = ''] = reply.split('\r\n\r\n')
  assert.match(head, new RegExp(`\r\ncontent-length: ${medium.length}\r\n`, 'i'))
  assert.not.match(head, /transfer-encoding/i)
  assert.is(body.length, medium.length)
  assert.ok(body === medium)
  const session = tlsSession2(ctx.server.port)
  try {
    const stream = session.request({ ':path': `${path}?size=medium` })
    let length = ''
    let got = 0
    stream.on('response', (h) => (length = String(h['content-length'])))
    stream.on('data', (d: Buffer) => (got += d.length))
    await within(new Promise<void>((r) => stream.on('close', () => r())), 10_000, 'the HTTP/2 answer')
    assert.is(length, String(medium.length))
    assert.is(got, medium.length)
  } finally {
    session.destroy()
  }
  assert.is(seats(ctx), 0)
})

test.run()
