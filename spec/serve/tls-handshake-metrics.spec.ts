import { mkdtempSync, rmSync } from 'node:fs'
import { request as httpsRequest } from 'node:https'
import * as net from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type * as t from 'io-ts'
import { Registry } from 'prom-client'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { type LogEntry, text } from '../../src/core/index.js'
import { tlsMetrics } from '../../src/metrics/tls-metrics.js'
import { secureServingDefaults } from '../../src/serve/secure-serving-info.js'
import { serveSecurely } from '../../src/serve/serve-securely.js'
import type { Serving } from '../../src/serve/serving.js'
import { scrape, valueOf } from '../metrics/scrape.js'
import { within } from '../support/http-client.js'

const dir = mkdtempSync(join(tmpdir(), 'kubechain-tls-metrics-'))
const registry = new Registry()
const handshakeLines: string[] = []
let lineSeen: (() => void) | undefined
const log = (e: LogEntry): void => {
  if (!e.msg.startsWith('http: TLS handshake error')) return
  handshakeLines.push(e.msg)
  lineSeen?.()
}
/** Resolves at the server's next handshake-error line (logged just before the count). */
const nextLine = (): Promise<void> => new Promise((resolve) => (lineSeen = resolve))
const errors = async (): Promise<number> => valueOf(await scrape(registry), 'apiserver_tls_handshake_errors_total')

/** Opens a TCP connection to the TLS port, writes `bytes`, and leaves it open. */
const rawSend = (port: number, bytes: string | Buffer): net.Socket => {
  const s = net.connect(port, '127.0.0.1', () => s.write(bytes))
  s.on('error', () => undefined)
  return s
}

const s = suite('serveSecurely apiserver_tls_handshake_errors_total')
let serving: Serving
const stop = new AbortController()

s.before(async () => {
  const info = { ...secureServingDefaults, bindAddress: '127.0.0.1', bindPort: 0 as t.Int, certDir: dir }
  const opts = { log, tlsMetrics: tlsMetrics(registry), selfSigned: { alternateDNS: ['localhost'] } }
  const result = await serveSecurely(info, () => text(200, 'ok'), 2000, stop.signal, opts)()
  if (result._tag === 'Left') throw new Error(result.left.message)
  serving = result.right
})
s.after(async () => {
  stop.abort()
  await within(serving.stopped, 3000, 'stopped')
  rmSync(dir, { recursive: true, force: true })
})

s('a good handshake and request count nothing', async () => {
  const status = await new Promise<number>((resolve, reject) => {
    const r = httpsRequest({ host: '127.0.0.1', port: serving.address.port, rejectUnauthorized: false, agent: false }, (res) => {
      res.resume()
      res.on('end', () => resolve(res.statusCode ?? 0))
    })
    r.on('error', reject)
    r.end()
  })
  assert.is(status, 200)
  assert.is(await errors(), 0)
  assert.equal(handshakeLines, [])
})

s('bytes that are not TLS break the handshake and count one error', async () => {
  const seen = nextLine()
  const socket = rawSend(serving.address.port, Buffer.from('\x16\x03\x01garbage that is no ClientHello', 'latin1'))
  await within(seen, 3000, 'handshake error line')
  socket.destroy()
  assert.is(await errors(), 1)
})

s('a connection reset during the handshake counts one error', async () => {
  const seen = nextLine()
  const socket = net.connect(serving.address.port, '127.0.0.1', () => socket.resetAndDestroy())
  socket.on('error', () => undefined)
  await within(seen, 3000, 'handshake error line')
  assert.is(await errors(), 2)
})

s('plain HTTP on the TLS port is logged but not counted, as upstream', async () => {
  const seen = nextLine()
  const socket = rawSend(serving.address.port, 'GET / HTTP/1.1\r\nHost: localhost\r\n\r\n')
  await within(seen, 3000, 'handshake error line')
  socket.destroy()
  assert.match(handshakeLines.at(-1) ?? '', 'http request')
  assert.is(await errors(), 2)
})

s.run()
