// One http2 server with allowHTTP1: HTTP/2 from the 'stream' event, HTTP/1.1 from 'request', and no
// compatibility objects for HTTP/2 requests (counted through the server's own Http2ServerRequest class).
import { request as httpsRequest } from 'node:https'
import { Http2ServerRequest, type Http2SecureServer, connect, createSecureServer } from 'node:http2'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { type Handler, text } from '../../src/core/index.js'
import { newCertificateAuthority, newSignedCertificate } from '../../src/serve/make-certificates.js'
import { attachHttp2Listeners, toHttp2StreamListener, toNodeListener } from '../../src/serve/index.js'
import { listen } from '../support/http-client.js'

const ca = newCertificateAuthority('spec-attach-ca')
const pair = newSignedCertificate(ca, { commonName: 'localhost', dnsNames: ['localhost'], ipAddresses: ['127.0.0.1'], usage: 'server' })

let made = 0
class Counted extends Http2ServerRequest {
  constructor(...args: ConstructorParameters<typeof Http2ServerRequest>) {
    super(...args)
    made += 1
  }
}

const secureServer = (): Http2SecureServer =>
  createSecureServer({ key: pair.keyPem, cert: pair.certPem, allowHTTP1: true, Http2ServerRequest: Counted })

const get2 = (port: number): Promise<string> =>
  new Promise((resolve, reject) => {
    const session = connect(`https://localhost:${port}`, { ca: ca.certPem, host: '127.0.0.1' })
    session.on('error', reject)
    const s = session.request({ ':path': '/' })
    let body = ''
    s.on('data', (c: Buffer) => (body += c.toString()))
    s.on('error', reject)
    s.on('end', () => (session.close(), resolve(body)))
  })

const get1 = (port: number): Promise<string> =>
  new Promise((resolve, reject) => {
    const r = httpsRequest({ host: '127.0.0.1', port, ca: ca.certPem, servername: 'localhost', agent: false }, (res) => {
      let body = ''
      res.on('data', (c: Buffer) => (body += c.toString()))
      res.on('end', () => resolve(body))
    })
    r.on('error', reject)
    r.end()
  })

const close = (server: Http2SecureServer): Promise<void> => new Promise((r) => server.close(() => r()))

const test = suite('attachHttp2Listeners')

test('serves HTTP/2 through the stream listener only, without compatibility objects, and HTTP/1.1 through the request listener', async () => {
  const calls: string[] = []
  const by =
    (name: string): Handler =>
    (req) => (calls.push(`${name} ${req.raw?.httpVersion}`), text(200, name))
  const server = secureServer()
  attachHttp2Listeners(server, toHttp2StreamListener(by('stream')), toNodeListener(by('request')))
  const port = await listen(server)
  try {
    made = 0
    assert.is(await get2(port), 'stream')
    assert.is(await get1(port), 'request')
    assert.equal(calls, ['stream 2.0', 'request 1.1'])
    assert.is(made, 0)
  } finally {
    await close(server)
  }
})

test('node makes them when a request listener is added the usual way (what the count above would see)', async () => {
  const server = secureServer()
  server.on(
    'request',
    toNodeListener(() => text(200, 'compat')),
  )
  const port = await listen(server)
  try {
    made = 0
    assert.is(await get2(port), 'compat')
    assert.is(made, 1)
  } finally {
    await close(server)
  }
})

test('keeps stream listeners the server had, and refuses a server whose compatibility layer is already in place', () => {
  const server = secureServer()
  const mine = (): void => undefined
  server.on('stream', mine)
  attachHttp2Listeners(
    server,
    toHttp2StreamListener(() => text(200, 'x')),
    toNodeListener(() => text(200, 'x')),
  )
  assert.equal([server.listenerCount('stream'), server.listeners('stream')[0] === mine], [2, true])
  assert.throws(
    () =>
      attachHttp2Listeners(
        server,
        toHttp2StreamListener(() => text(200, 'x')),
        toNodeListener(() => text(200, 'x')),
      ),
    /request listener/,
  )
})

test.run()
