// Hostile clients: a request body that arrives one byte at a time must not keep its in-flight seat,
// its wait-group slot or its connection past the request's deadline (issue 19, item 1).
import * as E from 'fp-ts/lib/Either.js'
import { constants } from 'node:http2'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { type Handler, text, toResponse } from '../../src/core/index.js'
import { readBodyLimited } from '../../src/core/read-body.js'
import { within } from '../support/http-client.js'
import { type CountedServer, closedWith, startCounted, tlsSession2, tlsSocket } from '../support/secure-server.js'

/** Reads the whole body, then answers 201; a body it could not read answers its Status. */
const create: Handler = async (req) => {
  const body = await readBodyLimited(req, 3 << 20)()
  return E.isLeft(body) ? toResponse(body.left) : text(201, `read ${body.right.length} bytes`)
}

const path = '/api/v1/namespaces/default/configmaps'

interface Ctx {
  server: CountedServer
}

const test = suite<Ctx>('slow request body')

test.before.each(async (ctx) => {
  ctx.server = await startCounted(create, { requestTimeout: 1000, maxMutatingRequestsInFlight: 2 })
})

test.after.each(async (ctx) => ctx.server.stop())

const seats = (ctx: Ctx): number => ctx.server.seats.mutating?.inFlight() ?? -1

/** Starts a POST that declares `declared` bytes and then sends one byte every 200 ms until the socket closes. */
const trickle = async (port: number, declared: number) => {
  const s = await tlsSocket(port)
  s.write(`POST ${path} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: ${declared}\r\n\r\n{`)
  const timer = setInterval(() => s.writable && s.write(' '), 200)
  const reply = closedWith(s).finally(() => clearInterval(timer))
  return { s, reply }
}

test('HTTP/1.1: at the deadline the 504 closes the connection and the seat and the slot are given back', async (ctx) => {
  const slow = [await trickle(ctx.server.port, 1_000_000), await trickle(ctx.server.port, 1_000_000)]
  await new Promise((r) => setTimeout(r, 300))
  assert.is(seats(ctx), 2, 'both slow writes hold a seat while their bodies arrive')
  const replies = await within(Promise.all(slow.map((x) => x.reply)), 4000, 'the server closes both connections')
  for (const reply of replies) {
    assert.match(reply, /^HTTP\/1\.1 504 /)
    assert.match(reply, /\r\nConnection: close\r\n/i)
  }
  assert.is(seats(ctx), 0, 'no seat is left taken')
  assert.is(ctx.server.runtime.nonLongRunningRequestWaitGroup.count(), 0, 'no wait-group slot is left')
  const s = await tlsSocket(ctx.server.port)
  s.end(`POST ${path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nContent-Length: 2\r\n\r\n{}`)
  assert.match(await closedWith(s), /^HTTP\/1\.1 201 [\s\S]*read 2 bytes$/, 'a write after them is served')
})

test('HTTP/1.1: a small rest of an unread body is drained and the connection kept, as Go does', async (ctx) => {
  const s = await tlsSocket(ctx.server.port)
  const reply = closedWith(s)
  s.write(`POST ${path}?timeout=100ms HTTP/1.1\r\nHost: localhost\r\nContent-Length: 10\r\n\r\n{`)
  await new Promise((r) => setTimeout(r, 400))
  s.write('        }') // the rest of the body, after the 504
  s.end(`GET /version HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n`)
  const text = await within(reply, 3000, 'both answers')
  assert.match(text, /^HTTP\/1\.1 504 /)
  assert.not.match(text.split('\r\n\r\n')[0] ?? '', /Connection: close/i, 'the 504 keeps the connection')
  assert.match(text, /HTTP\/1\.1 201 [\s\S]*$/, 'the next request on the connection is answered')
  assert.is(seats(ctx), 0)
})

test('HTTP/2: at the deadline the 504 ends the stream and the seat is given back', async (ctx) => {
  const session = tlsSession2(ctx.server.port)
  try {
    const stream = session.request({ ':method': 'POST', ':path': path, 'content-length': '1000000' })
    stream.write('{')
    const timer = setInterval(() => !stream.destroyed && stream.write(' '), 200)
    let status = 0
    stream.on('response', (h) => (status = Number(h[':status'])))
    stream.resume()
    await within(new Promise<void>((r) => stream.once('close', () => r())), 4000, 'the stream closes')
    clearInterval(timer)
    assert.is(status, 504)
    assert.is(stream.rstCode, constants.NGHTTP2_NO_ERROR, 'reset without error after a complete response')
    assert.is(seats(ctx), 0)
  } finally {
    session.destroy()
  }
})

test.run()
