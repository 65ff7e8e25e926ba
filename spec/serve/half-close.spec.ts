import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { type Handler, text } from '../../src/core/index.js'
import { type SecureServer, startSecure, tlsSocket } from '../support/secure-server.js'

const halfClose = suite('serveSecurely: an HTTP/1 client that half-closes while its handler runs (Go: EOF on the background read)')

const deferred = <A = void>() => {
  let resolve!: (a: A) => void
  const promise = new Promise<A>((r) => (resolve = r))
  return { promise, resolve }
}
const within = <A>(p: Promise<A>, ms: number, what: string): Promise<A> =>
  Promise.race([p, new Promise<A>((_, reject) => setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), ms).unref())])

let server: SecureServer | undefined
halfClose.after.each(async () => {
  await server?.stop()
  server = undefined
})

halfClose('the request is cancelled at the FIN, and a response given anyway still reaches the client', async () => {
  const entered = deferred()
  const cancelled = deferred<unknown>()
  const handler: Handler = (req) =>
    new Promise((resolve) => {
      req.cancel.onCancel((reason) => {
        cancelled.resolve(reason)
        resolve(text(200, 'given after the FIN'))
      })
      entered.resolve()
    })
  server = await startSecure(handler)
  const socket = await tlsSocket(server.port)
  let received = ''
  socket.on('data', (chunk: Buffer) => (received += chunk.toString('latin1')))
  const closed = new Promise((r) => socket.once('close', r))
  socket.write('GET /wait HTTP/1.1\r\nHost: localhost\r\n\r\n')
  await within(entered.promise, 2000, 'the handler to start')
  socket.end()
  const reason = await within(cancelled.promise, 2000, 'the request to be cancelled')
  assert.is((reason as Error).message, 'client disconnected')
  await within(closed, 2000, 'the connection to close')
  assert.match(received, /^HTTP\/1\.1 200 OK\r\n/)
  assert.match(received, /given after the FIN$/)
})

halfClose('a response answered before the FIN is not cancelled, and the connection then ends', async () => {
  let cancelled = false
  server = await startSecure((req) => {
    req.cancel.onCancel(() => (cancelled = true))
    return text(200, 'at once')
  })
  const socket = await tlsSocket(server.port)
  let received = ''
  socket.on('data', (chunk: Buffer) => (received += chunk.toString('latin1')))
  const closed = new Promise((r) => socket.once('close', r))
  socket.write('GET /now HTTP/1.1\r\nHost: localhost\r\n\r\n')
  await within(new Promise<void>((r) => socket.on('data', () => received.endsWith('at once') && r())), 2000, 'the response')
  socket.end()
  await within(closed, 2000, 'the connection to close')
  assert.is(cancelled, false)
})

halfClose.run()
