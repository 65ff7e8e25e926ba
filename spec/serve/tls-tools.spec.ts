// Loopback checks of serveSecurely with real clients: openssl s_client, curl, and a `ws` client over wss.
import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type * as t from 'io-ts'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import WebSocket, { WebSocketServer } from 'ws'
import { type Handler, header, silentLogger, text, upgrade } from '../../src/core/index.js'
import { newCertificateAuthority } from '../../src/serve/make-certificates.js'
import { secureServingDefaults } from '../../src/serve/secure-serving-info.js'
import { serveSecurely } from '../../src/serve/serve-securely.js'
import type { Serving } from '../../src/serve/serving.js'
import { within } from '../support/http-client.js'

/** What a tool printed (stdout and stderr) and how it exited; `missing` when the binary is not installed. */
interface ToolRun {
  readonly code: number
  readonly output: string
  readonly missing: boolean
}

/** Runs `bin args` with stdin closed at once, killed after 3 s. */
const tool = (bin: string, args: ReadonlyArray<string>): Promise<ToolRun> =>
  new Promise((resolve) => {
    const child = execFile(bin, args, { timeout: 3000 }, (err, stdout, stderr) => {
      const e = err as (NodeJS.ErrnoException & { code?: number | string }) | null
      resolve({
        code: typeof e?.code === 'number' ? e.code : e === null ? 0 : -1,
        output: `${stdout}${stderr}`,
        missing: e?.code === 'ENOENT',
      })
    })
    child.stdin?.end()
  })

/** Whether the binary runs; prints why a check is skipped when it does not. */
const present = async (bin: string, versionArg: string): Promise<boolean> => {
  const r = await tool(bin, [versionArg])
  if (r.missing) console.log(`  skipped: ${bin} is not installed`)
  return !r.missing
}

// two self-signed pairs: the default certificate and the SNI one (its CN is its SNI name)
const defaultPair = newCertificateAuthority('kubechain-default')
const sniPair = newCertificateAuthority('sni.example.com')

const wss = new WebSocketServer({ noServer: true })
const echo = upgrade(wss, (ws) => ws.on('message', (m, binary) => ws.send(m, { binary })))
/** Websocket upgrades echo; other requests answer their HTTP version. */
const handler: Handler = (req) => Promise.resolve(header(req, 'upgrade') === 'websocket' ? echo : text(200, `http ${req.raw?.httpVersion}`))

interface Ctx {
  serving: Serving
  stop: AbortController
  openssl: boolean
  curl: boolean
}

const tools = suite<Ctx>('serveSecurely with real TLS clients', {} as Ctx)

const dir = mkdtempSync(join(tmpdir(), 'kubechain-tls-tools-'))
const file = (name: string, content: string): string => (writeFileSync(join(dir, name), content), join(dir, name))

tools.before(async (ctx) => {
  const [openssl, curl] = await Promise.all([present('openssl', 'version'), present('curl', '--version')])
  ctx.openssl = openssl
  ctx.curl = curl
  ctx.stop = new AbortController()
  const info = {
    ...secureServingDefaults,
    bindAddress: '127.0.0.1',
    bindPort: 0 as t.Int,
    certFile: file('tls.crt', defaultPair.certPem),
    keyFile: file('tls.key', defaultPair.keyPem),
    sniCertKeys: [{ certFile: file('sni.crt', sniPair.certPem), keyFile: file('sni.key', sniPair.keyPem), names: [] }],
  }
  const r = await serveSecurely(info, handler, 1000, ctx.stop.signal, { log: silentLogger, watch: () => () => undefined })()
  if (r._tag === 'Left') throw new Error(r.left.message)
  ctx.serving = r.right
})

tools.after(async (ctx) => {
  ctx.stop.abort()
  await within(ctx.serving.stopped, 2000, 'stopped')
  wss.close()
  rmSync(dir, { recursive: true, force: true })
})

const sClient = (ctx: Ctx, ...args: string[]): Promise<ToolRun> =>
  tool('openssl', ['s_client', '-connect', `127.0.0.1:${ctx.serving.address.port}`, ...args])

tools('openssl: TLS 1.1 is refused by the server; TLS 1.2 and 1.3 are negotiated', async (ctx) => {
  if (!ctx.openssl) return
  // SECLEVEL=0 lets this OpenSSL offer TLS 1.1 at all, so the refusal comes from the server
  const old = await sClient(ctx, '-tls1_1', '-cipher', 'DEFAULT@SECLEVEL=0')
  assert.is.not(old.code, 0)
  assert.match(old.output, /alert protocol version|unsupported protocol/)
  const v12 = await sClient(ctx, '-tls1_2')
  assert.is(v12.code, 0, v12.output)
  assert.match(v12.output, /Protocol\s*: TLSv1\.2|New, TLSv1\.2/)
  const v13 = await sClient(ctx, '-tls1_3')
  assert.is(v13.code, 0, v13.output)
  assert.match(v13.output, /New, TLSv1\.3/)
})

tools('openssl: ALPN negotiates h2 or http/1.1 as the client asks', async (ctx) => {
  if (!ctx.openssl) return
  assert.match((await sClient(ctx, '-alpn', 'h2')).output, /ALPN protocol: h2\b/)
  assert.match((await sClient(ctx, '-alpn', 'http/1.1')).output, /ALPN protocol: http\/1\.1/)
  assert.match((await sClient(ctx, '-alpn', 'h2,http/1.1')).output, /ALPN protocol: h2\b/, 'h2 is preferred')
})

tools('openssl: -servername gets the SNI certificate, other names the default one', async (ctx) => {
  if (!ctx.openssl) return
  assert.match((await sClient(ctx, '-servername', 'sni.example.com')).output, /subject=CN ?= ?sni\.example\.com/)
  assert.match((await sClient(ctx, '-servername', 'other.example.com')).output, /subject=CN ?= ?kubechain-default/)
  assert.match((await sClient(ctx, '-noservername')).output, /subject=CN ?= ?kubechain-default/)
})

const curl = (ctx: Ctx, protocol: string): Promise<ToolRun> =>
  tool('curl', ['-k', '-s', '-S', protocol, '-w', '\n%{http_code} %{http_version}', `https://127.0.0.1:${ctx.serving.address.port}/`])

tools('curl: --http2 and --http1.1 both get 200 over the protocol asked for', async (ctx) => {
  if (!ctx.curl) return
  const h2 = await curl(ctx, '--http2')
  assert.is(h2.output, 'http 2.0\n200 2')
  const h1 = await curl(ctx, '--http1.1')
  assert.is(h1.output, 'http 1.1\n200 1.1')
})

tools('ws: a websocket over TLS (wss) echoes through the same handler', async (ctx) => {
  const ws = new WebSocket(`wss://127.0.0.1:${ctx.serving.address.port}/echo`, { rejectUnauthorized: false })
  const opened = new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve())
    ws.once('unexpected-response', (_req, res) => reject(new Error(`unexpected response ${res.statusCode}`)))
    ws.once('error', reject)
  })
  await within(opened, 2000, 'the websocket to open')
  const reply = new Promise<string>((resolve) => ws.once('message', (m) => resolve(String(m))))
  ws.send('hello over wss')
  assert.is(await within(reply, 2000, 'the echo'), 'hello over wss')
  const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)))
  ws.close(1000)
  assert.is(await within(closed, 2000, 'the close'), 1000)
})

tools.run()
