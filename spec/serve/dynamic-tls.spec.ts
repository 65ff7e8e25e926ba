import { generateKeyPairSync } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { SecureContext } from 'node:tls'
import * as E from 'fp-ts/lib/Either.js'
import forge from 'node-forge'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { type FakeClock, type LogEntry, fakeClock, recordingLogger } from '../../src/core/index.js'
import { type DynamicTls, type WatchFile, dynamicTls } from '../../src/serve/dynamic-tls.js'
import type { KeyPair } from '../../src/serve/make-certificates.js'
import { type TlsMaterial, type TlsSettings, type TlsSources, loadTlsMaterial } from '../../src/serve/tls-material.js'

/** A self-signed pair named `cn` (also its DNS SAN), on a 2048-bit key (OpenSSL 3.5, in Node 24, refuses shorter RSA keys in TLS contexts). */
const selfSigned = (cn: string): KeyPair => {
  const keyPem = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs1', format: 'pem' }).toString()
  const key = forge.pki.privateKeyFromPem(keyPem)
  const cert = forge.pki.createCertificate()
  cert.publicKey = forge.pki.setRsaPublicKey(key.n, key.e)
  cert.serialNumber = '01'
  cert.validity.notBefore = new Date(0)
  cert.validity.notAfter = new Date(Date.UTC(2100, 0))
  cert.setSubject([{ name: 'commonName', value: cn }])
  cert.setIssuer([{ name: 'commonName', value: cn }])
  cert.sign(key, forge.md.sha256.create())
  return { certPem: forge.pki.certificateToPem(cert), keyPem }
}

const dir = mkdtempSync(join(tmpdir(), 'kubechain-dynamic-tls-'))
const first = selfSigned('first.example.com')
const second = selfSigned('second.example.com')
const sniPair = selfSigned('sni.example.com')
const settings: TlsSettings = { minVersion: 'TLSv1.2', ciphers: '' }
const MINUTE = 60_000

/** A fake `fs.watch`: the callbacks of the armed watches, how often each file was armed and closed, and files that refuse to be watched. */
interface FakeWatch {
  readonly watch: WatchFile
  readonly armed: Map<string, (renamed: boolean) => void>
  readonly arms: string[]
  readonly closes: string[]
  readonly failing: Set<string>
}

const fakeWatch = (): FakeWatch => {
  const fw: FakeWatch = { armed: new Map(), arms: [], closes: [], failing: new Set(), watch: () => () => undefined }
  return {
    ...fw,
    watch: (file, onEvent) => {
      if (fw.failing.has(file)) throw new Error(`ENOSPC: watching ${file}`)
      fw.arms.push(file)
      fw.armed.set(file, onEvent)
      return () => {
        fw.closes.push(file)
        fw.armed.delete(file)
      }
    },
  }
}

interface Ctx {
  readonly files: { readonly cert: string; readonly key: string; readonly sniCert: string; readonly sniKey: string }
  readonly clock: FakeClock
  readonly fw: FakeWatch
  readonly entries: LogEntry[]
  readonly changes: TlsMaterial[]
  readonly tls: DynamicTls
  readonly write: (pair: KeyPair) => void
}

let n = 0
/** A controller over fresh files holding `first` (serving) and `sniPair` (SNI, explicit name sni.test). */
const setup = (failing: ReadonlyArray<string> = []): Ctx => {
  const id = n++
  const path = (name: string): string => join(dir, `${id}-${name}`)
  const files = { cert: path('tls.crt'), key: path('tls.key'), sniCert: path('sni.crt'), sniKey: path('sni.key') }
  const write = (pair: KeyPair): void => (writeFileSync(files.cert, pair.certPem), writeFileSync(files.key, pair.keyPem))
  write(first)
  writeFileSync(files.sniCert, sniPair.certPem)
  writeFileSync(files.sniKey, sniPair.keyPem)
  const sources: TlsSources = {
    serving: { certFile: files.cert, keyFile: files.key },
    sni: [{ certFile: files.sniCert, keyFile: files.sniKey, names: ['sni.test'] }],
    clientCAFile: '',
  }
  const initial = loadTlsMaterial(sources, settings)
  if (E.isLeft(initial)) throw new Error(initial.left)
  const clock = fakeClock()
  const fw = fakeWatch()
  for (const f of failing) fw.failing.add(f === 'cert' ? files.cert : f)
  const { log, entries } = recordingLogger()
  const changes: TlsMaterial[] = []
  const tls = dynamicTls(sources, settings, initial.right, (m) => changes.push(m), { clock, log, watch: fw.watch })
  return { files, clock, fw, entries, changes, tls, write }
}

const servedCert = (ctx: Ctx): string => String(ctx.tls.current().defaultOptions.cert)
const messages = (ctx: Ctx): string[] => ctx.entries.map((e) => e.msg)

const reload = suite('dynamicTls')

reload('watches every certificate and key file at once', () => {
  const ctx = setup()
  assert.equal([...ctx.fw.armed.keys()], [ctx.files.cert, ctx.files.key, ctx.files.sniCert, ctx.files.sniKey])
  assert.is(ctx.clock.pending(), 1, 'the one-minute re-check is scheduled')
  ctx.tls.stop()
})

reload('a file event with a new good pair calls onChange with it and serves it', () => {
  const ctx = setup()
  ctx.write(second)
  ctx.fw.armed.get(ctx.files.cert)?.(false)
  assert.is(ctx.changes.length, 1)
  assert.is(ctx.changes[0]?.defaultOptions.cert, second.certPem)
  assert.is(servedCert(ctx), second.certPem)
  assert.equal(messages(ctx), ['loaded new serving certificates'])
  ctx.tls.stop()
})

reload('a file event with unchanged bytes does not call onChange', () => {
  const ctx = setup()
  ctx.write(first)
  ctx.fw.armed.get(ctx.files.key)?.(false)
  assert.is(ctx.changes.length, 0)
  assert.equal(messages(ctx), [])
  ctx.tls.stop()
})

reload('a bad new pair keeps the old material and logs why', () => {
  const ctx = setup()
  writeFileSync(ctx.files.key, second.keyPem)
  ctx.fw.armed.get(ctx.files.key)?.(false)
  assert.is(ctx.changes.length, 0)
  assert.is(servedCert(ctx), first.certPem)
  assert.equal(ctx.entries, [
    {
      level: 'warn',
      msg: 'keeping the last good serving certificates',
      fields: { reason: 'invalid serving cert keypair: private key does not match public key' },
    },
  ])
  writeFileSync(ctx.files.cert, ' ')
  ctx.tls.reload()
  assert.equal(ctx.entries[1]?.fields, { reason: `missing content for serving cert "${ctx.files.cert}"` })
  ctx.write(second)
  ctx.tls.reload()
  assert.is(servedCert(ctx), second.certPem, 'recovers once the files are good again')
  ctx.tls.stop()
})

reload('re-checks every minute without any file event', () => {
  const ctx = setup()
  ctx.write(second)
  ctx.clock.advance(MINUTE - 1)
  assert.is(ctx.changes.length, 0)
  ctx.clock.advance(1)
  assert.is(ctx.changes.length, 1)
  ctx.write(first)
  ctx.clock.advance(MINUTE)
  assert.is(ctx.changes.length, 2, 'and again a minute later')
  assert.is(servedCert(ctx), first.certPem)
  assert.is(ctx.clock.pending(), 1)
  ctx.tls.stop()
})

reload('re-arms the watch of a renamed file (atomic swaps) and reloads', () => {
  const ctx = setup()
  const before = ctx.fw.armed.get(ctx.files.cert)
  ctx.write(second)
  before?.(true)
  assert.equal(ctx.fw.closes, [ctx.files.cert])
  assert.is(ctx.fw.arms.filter((f) => f === ctx.files.cert).length, 2)
  assert.ok(ctx.fw.armed.get(ctx.files.cert) !== undefined)
  assert.is(ctx.changes.length, 1)
  ctx.tls.stop()
})

reload('a watch that cannot be set is logged and retried on the minute', () => {
  const ctx = setup(['cert'])
  assert.not.ok(ctx.fw.armed.has(ctx.files.cert))
  assert.equal(
    ctx.entries.map((e) => [e.level, e.msg, e.fields]),
    [['warn', 'failed to watch a certificate file, retrying in a minute', { file: ctx.files.cert }]],
  )
  ctx.fw.failing.clear()
  ctx.clock.advance(MINUTE)
  assert.ok(ctx.fw.armed.has(ctx.files.cert))
  assert.is(ctx.fw.arms.filter((f) => f === ctx.files.key).length, 1, 'live watches are not re-armed')
  ctx.tls.stop()
})

reload('stop cancels the re-check, closes the watches and ignores later events', () => {
  const ctx = setup()
  const onCert = ctx.fw.armed.get(ctx.files.cert)
  ctx.tls.stop()
  assert.is(ctx.clock.pending(), 0)
  assert.equal(ctx.fw.closes.sort(), [ctx.files.cert, ctx.files.key, ctx.files.sniCert, ctx.files.sniKey].sort())
  ctx.write(second)
  onCert?.(false)
  ctx.tls.reload()
  ctx.clock.advance(2 * MINUTE)
  assert.is(ctx.changes.length, 0)
  assert.is(servedCert(ctx), first.certPem)
})

reload('the SNI callback answers the SNI context by name and the current default otherwise', () => {
  const ctx = setup()
  const pick = (name: string): SecureContext | undefined => {
    let got: SecureContext | undefined
    ctx.tls.sniCallback(name, (err, c) => {
      assert.is(err, null)
      got = c
    })
    return got
  }
  assert.is(pick('SNI.test'), ctx.tls.current().byName.get('sni.test'))
  assert.is(pick('other.test'), ctx.tls.current().defaultContext)
  ctx.write(second)
  ctx.tls.reload()
  assert.is(pick('other.test'), ctx.changes[0]?.defaultContext, 'new handshakes get the new default')
  ctx.tls.stop()
})

reload.after(() => rmSync(dir, { recursive: true, force: true }))

reload.run()
