import { X509Certificate, generateKeyPairSync } from 'node:crypto'
import fc from 'fast-check'
import forge from 'node-forge'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { type NamedEntry, certificateNames, namedMap, selectByName } from '../../src/serve/sni-names.js'

// One small key signs every certificate here: only names matter, and key generation is slow.
const keyPem = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs1', format: 'pem' }).toString()
const key = forge.pki.privateKeyFromPem(keyPem)
const pub = forge.pki.setRsaPublicKey(key.n, key.e)

/** A self-signed certificate with subject CN `cn` (none if undefined) and these SANs. */
const cert = (cn: string | undefined, dns: ReadonlyArray<string> = [], ips: ReadonlyArray<string> = []): X509Certificate => {
  const c = forge.pki.createCertificate()
  c.publicKey = pub
  c.serialNumber = '01'
  c.validity.notBefore = new Date(0)
  c.validity.notAfter = new Date(Date.UTC(2100, 0))
  const subject = cn === undefined ? [{ name: 'organizationName', value: 'spec' }] : [{ name: 'commonName', value: cn }]
  c.setSubject(subject)
  c.setIssuer(subject)
  const altNames = [...dns.map((value) => ({ type: 2, value })), ...ips.map((ip) => ({ type: 7, ip }))]
  if (altNames.length > 0) c.setExtensions([{ name: 'subjectAltName', altNames }])
  c.sign(key, forge.md.sha256.create())
  return new X509Certificate(forge.pki.certificateToPem(c))
}

const names = suite('certificateNames')

names('gives the subject CN, then the DNS SANs in order', () => {
  assert.equal(certificateNames(cert('test.com', ['a.test.com', 'b.test.com'])), ['test.com', 'a.test.com', 'b.test.com'])
})

names('ignores IP SANs', () => {
  assert.equal(certificateNames(cert('test.com', [], ['1.2.3.4', '::1'])), ['test.com'])
})

names('ignores a CN that is an IP address (v4 or v6)', () => {
  assert.equal(certificateNames(cert('1.2.3.4', ['test.com'])), ['test.com'])
  assert.equal(certificateNames(cert('::1', ['test.com'])), ['test.com'])
})

names('keeps a CN of "*" and a wildcard CN', () => {
  assert.equal(certificateNames(cert('*')), ['*'])
  assert.equal(certificateNames(cert('*.test.com')), ['*.test.com'])
})

names('ignores a CN that is not a DNS-1123 subdomain (upstream test certs use "host@timestamp")', () => {
  assert.equal(certificateNames(cert('test.com@1700000000', ['test.com'])), ['test.com'])
  assert.equal(certificateNames(cert('Test.com')), [])
  assert.equal(certificateNames(cert('a b')), [])
  assert.equal(certificateNames(cert('-a.com')), [])
  assert.equal(certificateNames(cert('a.*.com')), [])
  assert.equal(certificateNames(cert('x'.repeat(254))), [])
})

names('gives only DNS SANs for a certificate without a CN', () => {
  assert.equal(certificateNames(cert(undefined, ['only.test'])), ['only.test'])
  assert.equal(certificateNames(cert(undefined)), [])
})

names.run()

const map = suite('namedMap')

const entry = (value: number, c: X509Certificate, explicitNames: ReadonlyArray<string> = []): NamedEntry<number> => ({
  value,
  cert: c,
  explicitNames,
})
const asObject = (m: ReadonlyMap<string, number>): Record<string, number> => Object.fromEntries([...m].sort(([a], [b]) => (a < b ? -1 : 1)))

// The cases of upstream's TestBuiltNamedCertificates (named_certificates_test.go); certificates carry their host as CN and DNS SAN.
const hostCert = (host: string, dns: ReadonlyArray<string> = [], ips: ReadonlyArray<string> = []): X509Certificate =>
  cert(host, [host, ...dns], ips)
const test = hostCert('test.com')

map('is empty for no certificates', () => {
  assert.is(namedMap([]).size, 0)
})

map('maps the names of one certificate, ignoring an IP CN and IP SANs', () => {
  assert.equal(asObject(namedMap([entry(0, test)])), { 'test.com': 0 })
  assert.equal(asObject(namedMap([entry(0, cert('1.2.3.4', ['test.com']))])), { 'test.com': 0 })
  assert.equal(asObject(namedMap([entry(0, hostCert('test.com', [], ['1.2.3.4']))])), { 'test.com': 0 })
})

map('lets the earlier certificate win a name both carry', () => {
  assert.equal(asObject(namedMap([entry(0, test), entry(1, test)])), { 'test.com': 0 })
  assert.equal(asObject(namedMap([entry(0, hostCert('test2.com')), entry(1, hostCert('test1.com'))])), { 'test1.com': 1, 'test2.com': 0 })
  const a = hostCert('a', ['a.test.com', 'test.com'])
  const b = hostCert('b', ['b.test.com', 'test.com'])
  assert.equal(asObject(namedMap([entry(0, a), entry(1, b)])), { a: 0, 'a.test.com': 0, b: 1, 'b.test.com': 1, 'test.com': 0 })
})

map('uses explicit names instead of the certificate names; the earlier explicit name wins', () => {
  const a = hostCert('a', ['a.test.com', 'test.com'])
  const b = hostCert('b', ['b.test.com', 'test.com'])
  const m = namedMap([entry(0, a, ['*.test.com', 'test.com']), entry(1, b, ['dev.test.com', 'test.com'])])
  assert.equal(asObject(m), { '*.test.com': 0, 'dev.test.com': 1, 'test.com': 0 })
})

map('lets an explicit name trump an earlier certificate that carries the name implicitly (upstream "explicit trumps")', () => {
  assert.equal(asObject(namedMap([entry(0, test), entry(1, test, ['test.com'])])), { 'test.com': 1 })
})

map('stores names in lower case', () => {
  assert.equal(asObject(namedMap([entry(0, test, ['API.Example.COM'])])), { 'api.example.com': 0 })
})

map.run()

const select = suite('selectByName')

const byName: ReadonlyMap<string, string> = new Map([
  ['foo.example.com', 'foo'],
  ['*.wild.test', 'wild'],
  ['*', 'star'],
])
const noStar: ReadonlyMap<string, string> = new Map([['foo.example.com', 'foo']])

select('picks the exact name, ignoring case and trailing dots', () => {
  assert.is(selectByName(byName, 'foo.example.com', 'default'), 'foo')
  assert.is(selectByName(byName, 'FOO.Example.com', 'default'), 'foo')
  assert.is(selectByName(byName, 'foo.example.com..', 'default'), 'foo')
})

select('falls back to the name with its first label replaced by "*"', () => {
  assert.is(selectByName(byName, 'x.wild.test', 'default'), 'wild')
  assert.is(selectByName(byName, 'x.y.wild.test', 'default'), 'default', 'a wildcard covers one label only')
  assert.is(selectByName(byName, 'wild.test', 'default'), 'default')
})

select('matches a single-label name against "*"', () => {
  assert.is(selectByName(byName, 'localhost', 'default'), 'star')
  assert.is(selectByName(noStar, 'localhost', 'default'), 'default')
})

select('answers the fallback for unknown names', () => {
  assert.is(selectByName(noStar, 'bar.example.com', 'default'), 'default')
  assert.is(selectByName(new Map<string, string>(), 'foo.example.com', 'default'), 'default')
})

select('never throws and answers a value of the map or the fallback, for any server name', () => {
  const values = new Set([...byName.values(), 'default'])
  fc.assert(fc.property(fc.string(), (name) => values.has(selectByName(byName, name, 'default'))))
  fc.assert(
    fc.property(fc.domain(), (name) => selectByName(new Map([[name.toLowerCase(), 'hit']]), name.toUpperCase(), 'default') === 'hit'),
  )
})

select.run()
