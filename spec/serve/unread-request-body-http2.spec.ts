// An HTTP/2 request whose body the handler never read: a body that arrived whole is left alone, so the
// response reaches the client whole; one that keeps arriving is drained, then refused with NO_ERROR.
import { constants } from 'node:http2'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { type Handler, bytes } from '../../src/core/index.js'
import { within } from '../support/http-client.js'
import { postWith, preface, readFrames, settingsAck } from '../support/raw-h2.js'
import { type SecureServer, startSecure, tlsSession2, tlsSocket } from '../support/secure-server.js'

/** Larger than the client's initial flow-control window, so the response is still in nghttp2's hands when the handler is done. */
const answer = Buffer.alloc(200 << 10, 'r')
/** Answers after the request's DATA frames were processed, as a handler going through the chain does: at `/` a short body, else `answer`. */
const neverReads: Handler = (req) =>
  new Promise((r) => setTimeout(() => r(bytes(200, req.path === '/' ? Buffer.from('short') : answer)), 50))

interface Ctx {
  server: SecureServer
}
const test = suite<Ctx>('HTTP/2 request bodies left unread')
test.before.each(async (ctx) => {
  ctx.server = await startSecure(neverReads)
})
test.after.each(async (ctx) => ctx.server.stop())

const exchange = (port: number, send: (s: import('node:http2').ClientHttp2Stream) => void) => {
  const session = tlsSession2(port)
  const stream = session.request({ ':method': 'POST', ':path': '/x', 'content-type': 'application/json' }, { endStream: false })
  let got = 0
  let error: unknown
  stream.on('data', (c: Buffer) => (got += c.length))
  stream.on('error', (e) => (error = e))
  send(stream)
  const closed = new Promise<void>((r) => stream.once('close', () => r()))
  return { session, stream, closed, got: () => got, error: () => error }
}

test('a small body that arrived whole is never reset (kubectl delete sends DeleteOptions; Go fails on the reset)', async (ctx) => {
  const socket = await tlsSocket(ctx.server.port, 'h2')
  try {
    let got = Buffer.alloc(0)
    socket.on('data', (d: Buffer) => (got = Buffer.concat([got, d])))
    socket.write(Buffer.concat([preface, settingsAck, postWith(1, Buffer.from('{"propagationPolicy":"Background"}'))]))
    await new Promise((r) => setTimeout(r, 1500))
    const frames = readFrames(got)
    assert.equal(frames.responses, [1], 'the response came')
    assert.equal(frames.resets, [], 'and no RST_STREAM')
  } finally {
    socket.destroy()
  }
})

test('the whole response reaches a client that sent its whole body', async (ctx) => {
  const x = exchange(ctx.server.port, (s) => s.end('{"propagationPolicy":"Background"}'))
  try {
    await within(x.closed, 3000, 'the stream closes')
    assert.equal([x.got(), x.error()], [answer.length, undefined])
  } finally {
    x.session.destroy()
  }
})

test('a body that keeps arriving is drained, then the stream is reset with NO_ERROR', async (ctx) => {
  const x = exchange(ctx.server.port, (s) => s.write('{'))
  try {
    const timer = setInterval(() => !x.stream.destroyed && x.stream.write(' '), 100)
    await within(x.closed, 4000, 'the stream closes')
    clearInterval(timer)
    assert.is(x.stream.rstCode, constants.NGHTTP2_NO_ERROR)
  } finally {
    x.session.destroy()
  }
})

test.run()
