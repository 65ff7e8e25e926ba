import { generateKeyPairSync } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import forge from 'node-forge'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import type { KeyPair } from '../../src/serve/make-certificates.js'
import {
  type TlsMaterial,
  type TlsSettings,
  type TlsSources,
  keyPairProblems,
  loadTlsMaterial,
  watchedFiles,
} from '../../src/serve/tls-material.js'

const dir = mkdtempSync(join(tmpdir(), 'kubechain-tls-material-'))

/** A self-signed pair named `cn`, on a 2048-bit key (OpenSSL 3.5, in Node 24, refuses shorter RSA keys in TLS contexts). */
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

const a = selfSigned('serving.example.com')
const b = selfSigned('sni.example.com')
const file = (name: string, content: string): string => (writeFileSync(join(dir, name), content), join(dir, name))
const f = {
  aCert: file('a.crt', a.certPem),
  aKey: file('a.key', a.keyPem),
  bCert: file('b.crt', b.certPem),
  bKey: file('b.key', b.keyPem),
  ca: file('ca.crt', a.certPem),
  empty: file('empty.crt', ' \n'),
  garbage: file('garbage.crt', '-----BEGIN CERTIFICATE-----\nnope\n-----END CERTIFICATE-----\n'),
  missing: join(dir, 'missing.crt'),
  badKey: file('bad.key', '-----BEGIN RSA PRIVATE KEY-----\nnope\n-----END RSA PRIVATE KEY-----\n'),
}
const settings: TlsSettings = { minVersion: 'TLSv1.2', ciphers: '' }
const plain: TlsSources = { serving: { certFile: f.aCert, keyFile: f.aKey }, sni: [], clientCAFile: '' }

const leftOf = (r: E.Either<string, TlsMaterial>): string => (E.isLeft(r) ? r.left : 'loaded')
const load = (sources: Partial<TlsSources>, s: TlsSettings = settings): E.Either<string, TlsMaterial> =>
  loadTlsMaterial({ ...plain, ...sources }, s)

const material = suite('loadTlsMaterial')

material('loads a file pair into a default context and its options', () => {
  const r = load({})
  if (E.isLeft(r)) return assert.unreachable(r.left)
  assert.is(r.right.defaultOptions.cert, a.certPem)
  assert.is(r.right.defaultOptions.key, a.keyPem)
  assert.is(r.right.defaultOptions.minVersion, 'TLSv1.2')
  assert.not.ok('ciphers' in r.right.defaultOptions, 'no cipher list keeps node defaults')
  assert.not.ok('ca' in r.right.defaultOptions)
  assert.ok(r.right.defaultContext.context !== undefined)
  assert.is(r.right.byName.size, 0)
})

material('loads a pair given in memory, the client CA and the cipher list', () => {
  const r = load({ serving: { pem: b }, clientCAFile: f.ca }, { minVersion: 'TLSv1.3', ciphers: 'ECDHE-RSA-AES128-GCM-SHA256' })
  if (E.isLeft(r)) return assert.unreachable(r.left)
  assert.is(r.right.defaultOptions.cert, b.certPem)
  assert.is(r.right.defaultOptions.ca, a.certPem)
  assert.is(r.right.defaultOptions.ciphers, 'ECDHE-RSA-AES128-GCM-SHA256')
  assert.is(r.right.defaultOptions.minVersion, 'TLSv1.3')
})

material('maps SNI certificates by their names, or by explicit names only', () => {
  const implicit = load({ sni: [{ certFile: f.bCert, keyFile: f.bKey, names: [] }] })
  if (E.isLeft(implicit)) return assert.unreachable(implicit.left)
  assert.equal([...implicit.right.byName.keys()], ['sni.example.com'])
  const explicit = load({ sni: [{ certFile: f.bCert, keyFile: f.bKey, names: ['one.test', 'two.test'] }] })
  if (E.isLeft(explicit)) return assert.unreachable(explicit.left)
  assert.equal([...explicit.right.byName.keys()].sort(), ['one.test', 'two.test'])
  assert.is.not(explicit.right.byName.get('one.test'), explicit.right.defaultContext)
})

material('gives different content when any byte of the material changes, the same when none does', () => {
  const content = (s: Partial<TlsSources>): string => (E.isRight(load(s)) ? (load(s) as E.Right<TlsMaterial>).right.content : 'failed')
  assert.is(content({}), content({}))
  assert.is.not(content({}), content({ serving: { pem: b } }))
  assert.is.not(content({}), content({ clientCAFile: f.ca }))
  assert.is.not(content({}), content({ sni: [{ certFile: f.bCert, keyFile: f.bKey, names: [] }] }))
})

material('fails with "missing filename" when a serving file name is empty', () => {
  assert.is(leftOf(load({ serving: { certFile: '', keyFile: f.aKey } })), 'missing filename for serving cert')
  assert.is(leftOf(load({ serving: { certFile: f.aCert, keyFile: '' } })), 'missing filename for serving cert')
  assert.is(leftOf(load({ sni: [{ certFile: '', keyFile: '', names: [] }] })), 'missing filename for SNI cert')
})

material('fails with "missing content" for a blank file', () => {
  assert.is(leftOf(load({ serving: { certFile: f.empty, keyFile: f.aKey } })), `missing content for serving cert "${f.empty}"`)
  assert.is(leftOf(load({ serving: { certFile: f.aCert, keyFile: f.empty } })), `missing content for serving cert "${f.empty}"`)
  assert.is(leftOf(load({ clientCAFile: f.empty })), `missing content for client CA "${f.empty}"`)
})

material('fails naming a file that cannot be read', () => {
  assert.match(leftOf(load({ serving: { certFile: f.missing, keyFile: f.aKey } })), `unable to read "${f.missing}": ENOENT`)
  assert.match(leftOf(load({ clientCAFile: f.missing })), `unable to read "${f.missing}": ENOENT`)
})

material('fails with "invalid ... keypair" for a key of another certificate or a broken certificate', () => {
  assert.is(
    leftOf(load({ serving: { certFile: f.aCert, keyFile: f.bKey } })),
    'invalid serving cert keypair: private key does not match public key',
  )
  assert.is(
    leftOf(load({ sni: [{ certFile: f.bCert, keyFile: f.aKey, names: [] }] })),
    'invalid SNI cert keypair: private key does not match public key',
  )
  assert.match(leftOf(load({ serving: { certFile: f.garbage, keyFile: f.aKey } })), /^invalid serving cert keypair: /)
  assert.match(leftOf(load({ serving: { pem: { certPem: a.certPem, keyPem: 'not a key' } } })), /^invalid serving cert keypair: /)
})

material('fails for a cipher list OpenSSL does not know', () => {
  assert.match(leftOf(load({}, { minVersion: 'TLSv1.2', ciphers: 'RC4-SHA' })), /^invalid serving cert keypair: .*no cipher match/)
})

material.after(() => rmSync(dir, { recursive: true, force: true }))

const pairs = suite('keyPairProblems')

pairs('finds nothing wrong with a good pair, from files or in memory', () => {
  assert.equal(keyPairProblems({ certFile: f.aCert, keyFile: f.aKey }, 'serving cert', settings), [])
  assert.equal(keyPairProblems({ pem: b }, 'SNI cert', settings), [])
})

pairs('reports a broken certificate and a broken key together, each naming its file', () => {
  const got = keyPairProblems({ certFile: f.garbage, keyFile: f.badKey }, 'serving cert', settings)
  assert.equal(
    got.map((p) => p.file),
    [f.garbage, f.badKey],
  )
  assert.ok(
    got.every((p) => p.message.startsWith('invalid serving cert keypair: ')),
    JSON.stringify(got),
  )
})

pairs('reports an unreadable certificate and an empty key together, each naming its file', () => {
  const got = keyPairProblems({ certFile: f.missing, keyFile: f.empty }, 'SNI cert', settings)
  assert.equal(
    got.map((p) => p.file),
    [f.missing, f.empty],
  )
  assert.match(got[0]?.message ?? '', `unable to read "${f.missing}": ENOENT`)
  assert.is(got[1]?.message, `missing content for SNI cert "${f.empty}"`)
})

pairs('blames the key file for a key of another certificate, with the text loadTlsMaterial reports', () => {
  assert.equal(keyPairProblems({ certFile: f.aCert, keyFile: f.bKey }, 'serving cert', settings), [
    { file: f.bKey, message: 'invalid serving cert keypair: private key does not match public key' },
  ])
})

pairs('reports a pair node tls refuses under the settings', () => {
  const got = keyPairProblems({ certFile: f.aCert, keyFile: f.aKey }, 'serving cert', { minVersion: 'TLSv1.2', ciphers: 'RC4-SHA' })
  assert.equal(
    got.map((p) => p.file),
    [f.aKey],
  )
  assert.match(got[0]?.message ?? '', /^invalid serving cert keypair: .*no cipher match/)
})

pairs.run()
material.run()

const watched = suite('watchedFiles')

watched('lists serving and SNI cert and key files, then the client CA', () => {
  const sources: TlsSources = { ...plain, sni: [{ certFile: f.bCert, keyFile: f.bKey, names: [] }], clientCAFile: f.ca }
  assert.equal(watchedFiles(sources), [f.aCert, f.aKey, f.bCert, f.bKey, f.ca])
})

watched('leaves out in-memory pairs and an unset client CA', () => {
  assert.equal(watchedFiles({ serving: { pem: a }, sni: [{ pem: b, names: [] }], clientCAFile: '' }), [])
})

watched.run()
