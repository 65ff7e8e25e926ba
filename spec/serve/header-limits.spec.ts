// Hostile clients: request headers are kept up to the 1 MiB limit however many there are, and HTTP/1.1
// needs a Host header on the TLS port too (issue 19, items 7 and 10).
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { type Handler, header, text } from '../../src/core/index.js'
import { within } from '../support/http-client.js'
import { type SecureServer, closedWith, startSecure, tlsSession2, tlsSocket } from '../support/secure-server.js'

/** Answers the value of `x-probe` and how many header lines node parsed. */
const probe: Handler = (req) => Promise.resolve(text(200, `${header(req, 'x-probe') ?? 'missing'} ${req.raw?.rawHeaders.length ?? 0}`))

const junk = (n: number): string => Array.from({ length: n }, (_, i) => `X-Junk-${i}: ${i}\r\n`).join('')

const test = suite<{ server: SecureServer }>('request header limits')

test.before(async (ctx) => {
  ctx.server = await startSecure(probe)
})

test.after(async (ctx) => ctx.server.stop())

test('HTTP/1.1: a header after 1,998 others is still seen', async (ctx) => {
  const s = await tlsSocket(ctx.server.port)
  s.end(`GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n${junk(1998)}X-Probe: seen\r\n\r\n`)
  const reply = await within(closedWith(s), 3000, 'the answer')
  assert.match(reply, /^HTTP\/1\.1 200 [\s\S]*\r\n\r\nseen 4002$/)
})

test('HTTP/1.1: headers far over 1 MiB are refused (431 or a cut connection), never served without some of them', async (ctx) => {
  const s = await tlsSocket(ctx.server.port)
  s.on('error', () => undefined)
  s.end(`GET / HTTP/1.1\r\nHost: localhost\r\n${junk(200_000)}X-Probe: seen\r\n\r\n`)
  const reply = await within(closedWith(s), 5000, 'the refusal')
  assert.ok(reply === '' || reply.startsWith('HTTP/1.1 431 '), `refused, got ${JSON.stringify(reply.slice(0, 40))}`)
})

test('HTTP/2: 300 header fields are served, not refused', async (ctx) => {
  const session = tlsSession2(ctx.server.port)
  try {
    const headers: Record<string, string> = { ':path': '/', 'x-probe': 'seen' }
    for (let i = 0; i < 300; i++) headers[`x-junk-${i}`] = String(i)
    const stream = session.request(headers)
    let body = ''
    let status = 0
    stream.on('response', (h) => (status = Number(h[':status'])))
    stream.on('data', (d: Buffer) => (body += d.toString()))
    stream.on('error', () => undefined)
    await within(new Promise<void>((r) => stream.on('close', () => r())), 3000, 'the answer')
    assert.is(status, 200)
    assert.match(body, /^seen /)
  } finally {
    session.destroy()
  }
})

test('HTTP/1.1 without a Host header is 400, as Go answers', async (ctx) => {
  const s = await tlsSocket(ctx.server.port)
  s.end('GET / HTTP/1.1\r\nConnection: close\r\n\r\n')
  assert.match(await within(closedWith(s), 3000, 'the answer'), /^HTTP\/1\.1 400 /)
})

test('HTTP/1.0 without a Host header is served, as Go serves it', async (ctx) => {
  const s = await tlsSocket(ctx.server.port)
  s.end('GET / HTTP/1.0\r\nX-Probe: old\r\n\r\n')
  assert.match(await within(closedWith(s), 3000, 'the answer'), /^HTTP\/1\.1 200 [\s\S]*\r\n\r\nold /)
})

test.run()
