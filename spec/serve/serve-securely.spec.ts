import { X509Certificate } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { IncomingMessage } from 'node:http'
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https'
import { connect as connect2 } from 'node:http2'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type ConnectionOptions, type PeerCertificate, type TLSSocket, connect as tlsConnect } from 'node:tls'
import type * as t from 'io-ts'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { peerCertificates } from '../../src/auth/peer-certificates.js'
import { type Handler, Http2StreamRequest, type Response, silentLogger, text } from '../../src/core/index.js'
import { newCertificateAuthority, newSignedCertificate } from '../../src/serve/make-certificates.js'
import { type SecureServingInfo, secureServingDefaults } from '../../src/serve/secure-serving-info.js'
import { serveSecurely } from '../../src/serve/serve-securely.js'
import type { Serving } from '../../src/serve/serving.js'
import { deferred, within } from '../support/http-client.js'

const dir = mkdtempSync(join(tmpdir(), 'kubechain-serve-'))
const ca = newCertificateAuthority('spec-ca')
const serverPair = newSignedCertificate(ca, { commonName: 'default', dnsNames: ['localhost'], ipAddresses: ['127.0.0.1'], usage: 'server' })
const sniPair = newSignedCertificate(ca, { commonName: 'sni', dnsNames: ['foo.example.com', '*.wild.test'], usage: 'server' })
const clientPair = newSignedCertificate(ca, { commonName: 'alice', organizations: ['devs'], usage: 'client' })
const file = (name: string, content: string): string => (writeFileSync(join(dir, name), content), join(dir, name))
const files = {
  cert: file('tls.crt', serverPair.certPem),
  key: file('tls.key', serverPair.keyPem),
  sniCert: file('sni.crt', sniPair.certPem),
  sniKey: file('sni.key', sniPair.keyPem),
  ca: file('ca.crt', ca.certPem),
}

const baseInfo: SecureServingInfo = {
  ...secureServingDefaults,
  bindAddress: '127.0.0.1',
  bindPort: 0 as t.Int,
  certFile: files.cert,
  keyFile: files.key,
  sniCertKeys: [
    { certFile: files.sniCert, keyFile: files.sniKey, names: [] },
    { certFile: files.cert, keyFile: files.key, names: ['explicit.example.com'] },
  ],
  clientCAFile: files.ca,
}

/** Answers the protocol and the client certificate's subject CN. */
const whoAmI: Handler = async (req) => {
  const socket = (req.raw as unknown as { socket: TLSSocket }).socket
  const peer = socket.getPeerCertificate()
  return text(200, `${req.raw?.httpVersion} ${peer.subject?.CN ?? 'anonymous'}`)
}

const start = async (info: SecureServingInfo, handler: Handler = whoAmI): Promise<{ serving: Serving; stop: AbortController }> => {
  const stop = new AbortController()
  const result = await serveSecurely(info, handler, 2000, stop.signal, { log: silentLogger })()
  if (result._tag === 'Left') throw new Error(result.left.message)
  return { serving: result.right, stop }
}

interface Hello {
  readonly protocol: string | null
  readonly alpn: string | false | null
  readonly cert: PeerCertificate
}

const handshake = (port: number, opts: ConnectionOptions = {}): Promise<Hello> =>
  new Promise((resolve, reject) => {
    const s = tlsConnect(
      { host: '127.0.0.1', port, ca: ca.certPem, servername: 'localhost', checkServerIdentity: () => undefined, ...opts },
      () => {
        resolve({ protocol: s.getProtocol(), alpn: s.alpnProtocol, cert: s.getPeerCertificate() })
        s.destroy()
      },
    )
    s.on('error', reject)
  })

/** An HTTPS/1.1 request; `extra` overrides the request options (a path, an agent, a client certificate). */
const get1 = (
  port: number,
  headers: Record<string, string> = {},
  extra: object = {},
): Promise<{ status: number; body: string; connection: string | undefined }> =>
  new Promise((resolve, reject) => {
    const r = httpsRequest({ host: '127.0.0.1', port, ca: ca.certPem, servername: 'localhost', headers, agent: false, ...extra }, (res) => {
      let body = ''
      res.on('data', (c: Buffer) => (body += c.toString()))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, connection: res.headers.connection }))
    })
    r.on('error', reject)
    r.end()
  })

const get2 = (port: number, headers: Record<string, string> = {}, extra: object = {}): Promise<{ status: number; body: string }> =>
  new Promise((resolve, reject) => {
    const session = connect2(`https://127.0.0.1:${port}`, {
      ca: ca.certPem,
      servername: 'localhost',
      maxSendHeaderBlockLength: 8 << 20,
      maxSessionMemory: 64,
      ...extra,
    } as object)
    session.on('error', reject)
    const stream = session.request({ ':path': '/', ...headers })
    let status = 0
    let body = ''
    stream.on('response', (h) => (status = Number(h[':status'])))
    stream.on('data', (c: Buffer) => (body += c.toString()))
    stream.on('error', reject)
    stream.on('end', () => (session.close(), resolve({ status, body })))
    stream.end()
  })

const tls = suite('serveSecurely TLS')
let ctx: { serving: Serving; stop: AbortController }

tls.before(async () => {
  ctx = await start(baseInfo)
})
tls.after(async () => {
  ctx.stop.abort()
  await within(ctx.serving.stopped, 3000, 'stopped')
})

tls('refuses TLS 1.1 and accepts TLS 1.2 and 1.3', async () => {
  const port = ctx.serving.address.port
  const old = await handshake(port, { minVersion: 'TLSv1', maxVersion: 'TLSv1.1', ciphers: 'DEFAULT@SECLEVEL=0' }).then(
    () => 'accepted',
    (e: Error) => e.message,
  )
  assert.match(old, /protocol version|unsupported protocol/)
  assert.is((await handshake(port, { minVersion: 'TLSv1.2', maxVersion: 'TLSv1.2' })).protocol, 'TLSv1.2')
  assert.is((await handshake(port, { minVersion: 'TLSv1.3' })).protocol, 'TLSv1.3')
})

tls('negotiates h2 and http/1.1 by ALPN and serves both', async () => {
  const port = ctx.serving.address.port
  assert.is((await handshake(port, { ALPNProtocols: ['h2', 'http/1.1'] })).alpn, 'h2')
  assert.is((await handshake(port, { ALPNProtocols: ['http/1.1'] })).alpn, 'http/1.1')
  assert.is((await get2(port)).body, '2.0 anonymous')
  assert.is((await get1(port)).body, '1.1 anonymous')
})

tls('serves HTTP/2 from the stream event and HTTP/1.1 from request: each request once, HTTP/2 without compatibility objects', async () => {
  const seen: string[] = []
  const kinds = await start(baseInfo, (req) => {
    seen.push(
      `${req.raw?.httpVersion} ${req.raw instanceof Http2StreamRequest ? 'stream' : req.raw instanceof IncomingMessage ? 'http1' : 'other'}`,
    )
    return text(200, 'ok')
  })
  try {
    const port = kinds.serving.address.port
    assert.is((await get2(port)).body, 'ok')
    assert.is((await get1(port)).body, 'ok')
    assert.equal(seen, ['2.0 stream', '1.1 http1'])
  } finally {
    kinds.stop.abort()
    await within(kinds.serving.stopped, 3000, 'stopped')
  }
})

tls('reads the client certificate of an HTTP/2 request from its session socket, and its chain for x509', async () => {
  const port = ctx.serving.address.port
  const withCert = { cert: clientPair.certPem, key: clientPair.keyPem }
  assert.is((await get2(port, {}, withCert)).body, '2.0 alice')
  const chains = await start(baseInfo, (req) =>
    text(
      200,
      peerCertificates(req)[0]
        ?.subject.split('\n')
        .find((l) => l.startsWith('CN=')) ?? 'none',
    ),
  )
  try {
    assert.is((await get2(chains.serving.address.port, {}, withCert)).body, 'CN=alice')
  } finally {
    chains.stop.abort()
    await within(chains.serving.stopped, 3000, 'stopped')
  }
})

tls('selects certificates by SNI: exact, wildcard, explicit names, default', async () => {
  const port = ctx.serving.address.port
  const cn = async (servername: string) => (await handshake(port, { servername })).cert.subject.CN
  assert.is(await cn('foo.example.com'), 'sni')
  assert.is(await cn('x.wild.test'), 'sni')
  assert.is(await cn('explicit.example.com'), 'default')
  assert.is(await cn('unknown.test'), 'default')
  assert.is(await cn('FOO.example.com.'), 'sni')
})

tls('requests a client certificate without requiring it and hands it to the handler', async () => {
  const port = ctx.serving.address.port
  assert.is((await get1(port, {}, { cert: clientPair.certPem, key: clientPair.keyPem })).body, '1.1 alice')
  assert.is((await get1(port)).body, '1.1 anonymous')
})

tls('asks for client certificates when only the front proxy CA is set, as upstream unions both bundles', async () => {
  const only = await start({ ...baseInfo, sniCertKeys: [], clientCAFile: '', requestHeaderClientCAFile: files.ca })
  const without = await start({ ...baseInfo, sniCertKeys: [], clientCAFile: '' })
  const withCert = { cert: clientPair.certPem, key: clientPair.keyPem, agent: false as const }
  try {
    assert.is((await get1(only.serving.address.port, {}, withCert)).body, '1.1 alice')
    assert.is((await get1(without.serving.address.port, {}, withCert)).body, '1.1 anonymous', 'no CA: no certificate asked for')
  } finally {
    for (const s of [only, without]) s.stop.abort()
    await Promise.all([only.serving.stopped, without.serving.stopped])
  }
})

tls('passes a 100 KiB header on both protocols; 2 MiB gets 431 on HTTP/1.1 and is refused on HTTP/2', async () => {
  const port = ctx.serving.address.port
  assert.is((await get1(port, { 'x-big': 'a'.repeat(100 * 1024) })).status, 200)
  // the server answers before reading the whole header, so the client may see the reset first: retry
  let status = 0
  for (let i = 0; i < 5 && status !== 431; i++)
    status = await get1(port, { 'x-big': 'a'.repeat(2 * 1024 * 1024) }).then(
      (r) => r.status,
      () => 0,
    )
  assert.is(status, 431)
  assert.is((await get2(port, { 'x-big': 'a'.repeat(100 * 1024) })).status, 200)
  const refused = await get2(port, { 'x-big': 'a'.repeat(2 * 1024 * 1024) }).then(
    (r) => `status ${r.status}`,
    (e: Error) => e.message,
  )
  assert.match(refused, /closed with error code|ECONNRESET/, 'node refuses an over-long HTTP/2 header list (port note: no 431)')
})

/** Renegotiates a TLS 1.2 connection after one request to `path`; resolves with what came of it. */
const renegotiateAfter = (port: number, path: string): Promise<string> =>
  new Promise((resolve) => {
    const opts = {
      host: '127.0.0.1',
      port,
      ca: ca.certPem,
      servername: 'localhost',
      maxVersion: 'TLSv1.2',
      ALPNProtocols: ['http/1.1'],
    } as const
    const socket = tlsConnect({ ...opts, cert: clientPair.certPem, key: clientPair.keyPem }, () =>
      socket.write(`GET ${path} HTTP/1.1\r\nHost: localhost\r\n\r\n`),
    )
    let answered = ''
    socket.on('error', () => undefined)
    socket.on('close', () => resolve(`${answered}: connection closed`))
    socket.once('data', (chunk: Buffer) => {
      answered = String(chunk).split('\r\n\r\n')[1] ?? ''
      socket.renegotiate({ rejectUnauthorized: false }, (e) => {
        if (e === null) socket.destroy()
        resolve(`${answered}: ${e === null ? 'renegotiated' : e.message}`)
      })
    })
  })

tls('a connection whose client certificate was read cannot renegotiate (TLS 1.2); one never read can', async () => {
  const reads: Handler = async (req) =>
    text(
      200,
      req.path === '/read'
        ? peerCertificates(req)
            .map((c) => c.subject.split('CN=')[1])
            .join(',')
        : 'unread',
    )
  const { serving, stop } = await start(baseInfo, reads)
  try {
    assert.is(await within(renegotiateAfter(serving.address.port, '/plain'), 5000, 'a renegotiation'), 'unread: renegotiated')
    const refused = await within(renegotiateAfter(serving.address.port, '/read'), 5000, 'a refused renegotiation')
    assert.match(refused, /^alice(,spec-ca)?: /)
    assert.not.match(refused, /renegotiated$/)
  } finally {
    stop.abort()
    await serving.stopped
  }
})

tls.run()

const lifecycle = suite('serveSecurely certificates and errors')

lifecycle('serves a rewritten certificate on new connections while an old connection keeps working', async () => {
  const cert = file('rot.crt', serverPair.certPem)
  const key = file('rot.key', serverPair.keyPem)
  const { serving, stop } = await start({ ...baseInfo, certFile: cert, keyFile: key, sniCertKeys: [] })
  const port = serving.address.port
  const session = connect2(`https://127.0.0.1:${port}`, { ca: ca.certPem, servername: 'localhost' })
  const ask = (): Promise<string> =>
    new Promise((resolve, reject) => {
      const st = session.request({ ':path': '/' })
      let b = ''
      st.on('data', (c: Buffer) => (b += c.toString()))
      st.on('end', () => resolve(b))
      st.on('error', reject)
      st.end()
    })
  assert.is(await ask(), '2.0 anonymous')
  const rotated = newSignedCertificate(ca, { commonName: 'rotated', dnsNames: ['localhost'], usage: 'server' })
  writeFileSync(key, rotated.keyPem)
  writeFileSync(cert, rotated.certPem)
  let cn = ''
  for (let i = 0; i < 50 && cn !== 'rotated'; i++) {
    await new Promise((r) => setTimeout(r, 100))
    cn = String((await handshake(port)).cert.subject.CN)
  }
  assert.is(cn, 'rotated')
  assert.is(await ask(), '2.0 anonymous', 'the old connection still answers')
  session.close()
  stop.abort()
  await within(serving.stopped, 3000, 'stopped')
})

lifecycle(
  'graceful close over TLS: an idle keep-alive socket closes at once, an in-flight HTTP/1.1 response ends with Connection: close',
  async () => {
    let release: (r: Response) => void = () => undefined
    let arrived: () => void = () => undefined
    const arrival = new Promise<void>((r) => (arrived = r))
    const handler: Handler = (req) =>
      req.path === '/hold' ? (arrived(), new Promise<Response>((r) => (release = r))) : Promise.resolve(text(200, 'quick'))
    const { serving, stop } = await start({ ...baseInfo, sniCertKeys: [], clientCAFile: '' }, handler)
    const port = serving.address.port
    const agent = new HttpsAgent({ keepAlive: true, maxSockets: 1 })
    const idleAgent = new HttpsAgent({ keepAlive: true })
    const ask = (path: string, agent: HttpsAgent) => get1(port, {}, { path, agent })
    assert.is((await ask('/', idleAgent)).body, 'quick')
    const idle = Object.values(idleAgent.freeSockets).flat()[0]
    assert.ok(idle !== undefined, 'an idle keep-alive TLS socket')
    const idleClosed = new Promise<void>((r) => idle?.once('close', () => r()))
    const held = ask('/hold', agent)
    await within(arrival, 2000, 'request arrival')
    let stopped = false
    void serving.stopped.then(() => (stopped = true))
    stop.abort()
    await within(idleClosed, 1000, 'the idle socket closed at stop')
    assert.not.ok(stopped, 'stopped waits for the in-flight response')
    release(text(200, 'late'))
    assert.equal(await within(held, 2000, 'held reply'), { status: 200, body: 'late', connection: 'close' })
    await within(serving.stopped, 2000, 'stopped')
    agent.destroy()
    idleAgent.destroy()
  },
)

lifecycle('on stop, an HTTP/2 session gets GOAWAY, its in-flight stream is answered, then stopped resolves', async () => {
  const entered = deferred()
  const release = deferred()
  const { serving, stop } = await start(baseInfo, async () => {
    entered.resolve()
    await release.promise
    return text(200, 'finished in flight')
  })
  const session = connect2(`https://127.0.0.1:${serving.address.port}`, { ca: ca.certPem, servername: 'localhost' })
  try {
    const goaway = deferred()
    session.on('goaway', () => goaway.resolve())
    session.on('error', () => undefined)
    const s = session.request({ ':path': '/' })
    let body = ''
    s.on('data', (c: Buffer) => (body += c.toString()))
    const ended = new Promise<void>((r) => s.on('end', () => r()))
    await within(entered.promise, 2000, 'the handler')
    stop.abort()
    await within(goaway.promise, 2000, 'GOAWAY')
    release.resolve()
    await within(ended, 2000, 'the in-flight answer')
    assert.is(body, 'finished in flight')
    await within(serving.stopped, 3000, 'stopped')
  } finally {
    session.destroy()
  }
})

lifecycle('fails with BadTlsMaterial for a key that does not match the certificate', async () => {
  const r = await serveSecurely({ ...baseInfo, keyFile: files.sniKey, sniCertKeys: [] }, whoAmI, 1000, new AbortController().signal, {
    log: silentLogger,
  })()
  assert.equal(r, {
    _tag: 'Left',
    left: { _tag: 'BadTlsMaterial', message: 'invalid serving cert keypair: private key does not match public key' },
  })
})

lifecycle('makes a self-signed pair in certDir and reuses it on the next start', async () => {
  const certDir = join(dir, 'generated')
  const info = { ...baseInfo, certFile: '', keyFile: '', sniCertKeys: [], clientCAFile: '', certDir }
  const first = await start(info)
  const made = readFileSync(join(certDir, 'apiserver.crt'), 'utf8')
  const leaf = new X509Certificate(made)
  assert.match(leaf.subjectAltName ?? '', /DNS:localhost/)
  assert.match(leaf.subjectAltName ?? '', /IP Address:127.0.0.1/)
  first.stop.abort()
  await within(first.serving.stopped, 3000, 'stopped')
  const second = await start(info)
  assert.is(readFileSync(join(certDir, 'apiserver.crt'), 'utf8'), made)
  assert.is((await handshake(second.serving.address.port, { ca: made })).cert.fingerprint256, leaf.fingerprint256)
  second.stop.abort()
  await within(second.serving.stopped, 3000, 'stopped')
})

lifecycle.after(() => rmSync(dir, { recursive: true, force: true }))

lifecycle.run()
