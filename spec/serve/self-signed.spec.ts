import { X509Certificate, createPrivateKey as createKey } from 'node:crypto'
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, unlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { type LogEntry, fakeClock, recordingLogger } from '../../src/core/index.js'
import { secureServingDefaults } from '../../src/serve/secure-serving-info.js'
import { type SelfSignedRequest, maybeDefaultWithSelfSignedCerts } from '../../src/serve/self-signed.js'
import type { PairSource } from '../../src/serve/tls-material.js'

const dir = mkdtempSync(join(tmpdir(), 'kubechain-self-signed-'))
const NOW = Date.UTC(2030, 0, 2, 3, 4, 5)
const HOUR = 3_600_000
const request: SelfSignedRequest = {
  publicAddress: '10.0.0.1',
  alternateDNS: ['kubernetes.default.svc', 'kubernetes.default', 'kubernetes'],
  alternateIPs: ['10.96.0.1'],
}

const run = (
  info: Partial<typeof secureServingDefaults>,
  req: SelfSignedRequest = request,
): { result: E.Either<string, PairSource>; entries: LogEntry[] } => {
  const { log, entries } = recordingLogger()
  const result = maybeDefaultWithSelfSignedCerts({ ...secureServingDefaults, ...info }, req, { clock: fakeClock(NOW), log })()
  return { result, entries }
}

/** The PEM blocks of a bundle, as certificates. */
const certificates = (pem: string): X509Certificate[] =>
  (pem.match(/-----BEGIN CERTIFICATE-----[^-]+-----END CERTIFICATE-----/g) ?? []).map((b) => new X509Certificate(b))

const selfSigned = suite('maybeDefaultWithSelfSignedCerts')

selfSigned('uses explicit cert and key files as they are, writing nothing', () => {
  const certDir = join(dir, 'explicit')
  const { result, entries } = run({ certFile: '/etc/a.crt', keyFile: '/etc/a.key', certDir })
  assert.equal(result, E.right({ certFile: '/etc/a.crt', keyFile: '/etc/a.key' }))
  assert.not.ok(existsSync(certDir))
  assert.equal(entries, [])
})

selfSigned('requires a pair name when a cert directory is set', () => {
  assert.equal(run({ certDir: join(dir, 'unnamed'), pairName: '' }).result, E.left('PairName is required if CertDirectory is set'))
})

let written = { crt: '', key: '' }
const certDir = join(dir, 'nested', 'certificates')
const files = { certFile: join(certDir, 'apiserver.crt'), keyFile: join(certDir, 'apiserver.key') }

selfSigned("writes <certDir>/apiserver.crt and .key (upstream's names) and logs where", () => {
  const { result, entries } = run({ certDir })
  assert.equal(result, E.right(files))
  assert.equal(
    entries.map((e) => [e.level, e.msg]),
    [['info', `Generated self-signed cert (${files.certFile}, ${files.keyFile})`]],
  )
  assert.is(statSync(files.keyFile).mode & 0o777, 0o600, 'the key is private')
  assert.is(statSync(files.certFile).mode & 0o777, 0o644)
  written = { crt: readFileSync(files.certFile, 'utf8'), key: readFileSync(files.keyFile, 'utf8') }
})

selfSigned('certifies localhost, 127.0.0.1, the public address and the alternate names, from now-1h for a year', () => {
  const [leaf, ca] = certificates(written.crt)
  if (leaf === undefined || ca === undefined) return assert.unreachable('expected the serving certificate then the CA')
  const sans = (leaf.subjectAltName ?? '').split(', ').sort()
  assert.equal(sans, [
    'DNS:kubernetes',
    'DNS:kubernetes.default',
    'DNS:kubernetes.default.svc',
    'DNS:localhost',
    'IP Address:10.0.0.1',
    'IP Address:10.96.0.1',
    'IP Address:127.0.0.1',
  ])
  const stamp = Math.floor(NOW / 1000)
  assert.is(leaf.subject, `CN=10.0.0.1@${stamp}`)
  assert.is(ca.subject, `CN=10.0.0.1-ca@${stamp}`)
  assert.ok(leaf.checkIssued(ca) && leaf.verify(ca.publicKey), 'the serving certificate is signed by the CA in the same file')
  assert.ok(ca.ca && !leaf.ca)
  assert.is(Date.parse(leaf.validFrom), NOW - HOUR)
  assert.is(Date.parse(leaf.validTo), NOW + 365 * 24 * HOUR)
  assert.ok(leaf.checkPrivateKey(createKey(written.key)))
})

selfSigned('reuses both files on the next call, writing and logging nothing', () => {
  const { result, entries } = run({ certDir })
  assert.equal(result, E.right(files))
  assert.equal(entries, [])
  assert.is(readFileSync(files.certFile, 'utf8'), written.crt)
  assert.is(readFileSync(files.keyFile, 'utf8'), written.key)
})

selfSigned('makes a new pair when only one file is readable; fails with "unable to write self signed cert" when it cannot write', () => {
  unlinkSync(files.keyFile)
  symlinkSync(join(dir, 'no-such-dir', 'apiserver.key'), files.keyFile)
  const { result, entries } = run({ certDir })
  assert.ok(E.isLeft(result) && result.left.startsWith('unable to write self signed cert: ENOENT'), String(E.isLeft(result) && result.left))
  assert.is.not(readFileSync(files.certFile, 'utf8'), written.crt, 'a fresh certificate was made and written')
  assert.equal(entries, [])
})

selfSigned('makes missing parents of the cert directory; one that cannot be made fails naming it, before any key is made', () => {
  const deep = join(dir, 'a', 'b', 'c')
  assert.equal(run({ certDir: deep }).result, E.right({ certFile: join(deep, 'apiserver.crt'), keyFile: join(deep, 'apiserver.key') }))
  const blocked = join(deep, 'apiserver.crt', 'certs')
  let keysStarted = 0
  const clock = { ...fakeClock(NOW), now: () => (keysStarted++, NOW) }
  const { log, entries } = recordingLogger()
  const result = maybeDefaultWithSelfSignedCerts({ ...secureServingDefaults, certDir: blocked }, request, { clock, log })()
  assert.equal(result, E.left(`unable to write self signed cert: ENOTDIR: not a directory, mkdir '${blocked}'`))
  assert.is(keysStarted, 0, 'no certificate was generated')
  assert.equal(entries, [])
})

selfSigned('keeps the pair in memory when no cert directory is set; a DNS public address becomes a DNS SAN', () => {
  const { result, entries } = run({ certDir: '' }, { publicAddress: 'api.example.com', alternateDNS: [], alternateIPs: [] })
  if (E.isLeft(result) || !('pem' in result.right)) return assert.unreachable('expected an in-memory pair')
  assert.equal(
    entries.map((e) => e.msg),
    ['Generated self-signed cert in-memory'],
  )
  const leaf = certificates(result.right.pem.certPem)[0]
  assert.equal((leaf?.subjectAltName ?? '').split(', ').sort(), ['DNS:api.example.com', 'DNS:localhost', 'IP Address:127.0.0.1'])
})

selfSigned.after(() => rmSync(dir, { recursive: true, force: true }))

selfSigned.run()
