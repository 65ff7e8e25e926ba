// Hostile clients: more concurrent HTTP/2 streams than the server's 100 (issue 19, item 10).
// Node's HTTP/2 (nghttp2) refuses the extra stream alone (REFUSED_STREAM) while the client has not yet
// acknowledged the server's SETTINGS; once it has, nghttp2 treats an extra stream as a connection error
// and node offers no setting to change that. Clients that honour SETTINGS (Go's, node's) never get there.
import type { TLSSocket } from 'node:tls'
import { constants } from 'node:http2'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { type Handler, text } from '../../src/core/index.js'
import { type ReadFrames, getWith, preface, readFrames, settingsAck } from '../support/raw-h2.js'
import { type SecureServer, startSecure, tlsSocket } from '../support/secure-server.js'

const slow: Handler = () => new Promise((resolve) => setTimeout(() => resolve(text(200, 'x')), 300))
const pause = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))

/** Opens 101 streams at once on one connection; what came back within a second. */
const overLimit = async (port: number, acknowledged: boolean): Promise<{ frames: ReadFrames; socket: TLSSocket }> => {
  const socket = await tlsSocket(port, 'h2')
  socket.on('error', () => undefined)
  let got = Buffer.alloc(0)
  socket.on('data', (d: Buffer) => (got = Buffer.concat([got, d])))
  const streams = Array.from({ length: 101 }, (_, i) => getWith(2 * i + 1))
  socket.write(Buffer.concat([preface, ...(acknowledged ? [settingsAck] : []), ...streams]))
  await pause(1000)
  return { frames: readFrames(got), socket }
}

const test = suite<{ server: SecureServer }>('HTTP/2 stream limit')

test.before(async (ctx) => {
  ctx.server = await startSecure(slow)
})

test.after(async (ctx) => ctx.server.stop())

test('before the SETTINGS ack, the 101st stream is refused alone and the other 100 are served', async (ctx) => {
  const { frames, socket } = await overLimit(ctx.server.port, false)
  socket.destroy()
  assert.equal(frames.resets, [{ stream: 201, code: constants.NGHTTP2_REFUSED_STREAM }])
  assert.is(frames.responses.length, 100)
  assert.not.ok(frames.responses.includes(201))
})

test('after the SETTINGS ack, node ends the whole connection, and its socket is closed', async (ctx) => {
  const { frames, socket } = await overLimit(ctx.server.port, true)
  assert.is(frames.responses.length, 0)
  assert.ok(socket.destroyed || socket.readableEnded, 'the server closed the connection')
  socket.destroy()
})

test.run()
