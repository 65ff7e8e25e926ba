import { X509Certificate, createPrivateKey } from 'node:crypto'
import { createSecureContext } from 'node:tls'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { newCertificateAuthority, newSignedCertificate } from '../../src/serve/make-certificates.js'
import { derStrings, isPrintableString, printableStringTag, utf8StringTag } from '../support/der-strings.js'

const madeAt = Date.now() // uvu imports every spec file before running any: compare with when the CA was made
const ca = newCertificateAuthority('spec-ca')
const caX509 = new X509Certificate(ca.certPem)

const authority = suite('newCertificateAuthority')

authority('issues a self-signed CA certificate with the common name', () => {
  assert.is(caX509.subject, 'CN=spec-ca')
  assert.is(caX509.issuer, 'CN=spec-ca')
  assert.ok(caX509.ca)
  assert.ok(caX509.checkIssued(caX509))
  assert.ok(caX509.verify(caX509.publicKey))
})

authority('pairs the certificate with its private key', () => {
  assert.ok(caX509.checkPrivateKey(createPrivateKey(ca.keyPem)))
  assert.not.throws(() => createSecureContext({ cert: ca.certPem, key: ca.keyPem }))
})

authority('uses the given validity and a fresh positive 16-byte serial', () => {
  const notBefore = new Date('2030-01-01T00:00:00Z')
  const notAfter = new Date('2031-01-01T00:00:00Z')
  const other = new X509Certificate(newCertificateAuthority('x', { notBefore, notAfter }).certPem)
  assert.is(new Date(other.validFrom).getTime(), notBefore.getTime())
  assert.is(new Date(other.validTo).getTime(), notAfter.getTime())
  assert.is(other.serialNumber.length, 32)
  assert.is.not(other.serialNumber, caX509.serialNumber)
})

authority('defaults to one minute ago until one year on', () => {
  const from = new Date(caX509.validFrom).getTime()
  const to = new Date(caX509.validTo).getTime()
  const now = madeAt
  assert.ok(from <= now - 50_000 && from >= now - 70_000 - 1000, `validFrom ${caX509.validFrom}`)
  assert.ok(Math.abs(to - from - (365 * 24 * 3600_000 + 60_000)) < 2000, `validTo ${caX509.validTo}`)
})

authority.run()

const signed = suite('newSignedCertificate')

signed('is issued and signed by the CA', () => {
  const leaf = new X509Certificate(newSignedCertificate(ca, { commonName: 'server', usage: 'server' }).certPem)
  assert.ok(leaf.checkIssued(caX509))
  assert.ok(leaf.verify(caX509.publicKey))
  assert.not.ok(leaf.ca)
  assert.is(leaf.issuer, 'CN=spec-ca')
})

signed('carries DNS and IP subject alternative names', () => {
  const pair = newSignedCertificate(ca, {
    commonName: 'server',
    dnsNames: ['localhost', '*.example.com'],
    ipAddresses: ['127.0.0.1'],
    usage: 'server',
  })
  const leaf = new X509Certificate(pair.certPem)
  assert.is(leaf.subjectAltName, 'DNS:localhost, DNS:*.example.com, IP Address:127.0.0.1')
  assert.is(leaf.checkHost('a.example.com'), '*.example.com')
  assert.is(leaf.checkIP('127.0.0.1'), '127.0.0.1')
  assert.ok(leaf.checkPrivateKey(createPrivateKey(pair.keyPem)))
})

signed('puts organizations into the subject for client certificates', () => {
  const leaf = new X509Certificate(
    newSignedCertificate(ca, { commonName: 'alice', organizations: ['devs', 'ops'], usage: 'client' }).certPem,
  )
  assert.is(leaf.subject, 'O=devs\nO=ops\nCN=alice')
  assert.is(leaf.subjectAltName, undefined)
})

signed('sets the extended key usage from usage', () => {
  const usage = (u: 'server' | 'client' | 'both') =>
    new X509Certificate(newSignedCertificate(ca, { commonName: u, usage: u }).certPem).keyUsage
  assert.equal(usage('server'), ['1.3.6.1.5.5.7.3.1'])
  assert.equal(usage('client'), ['1.3.6.1.5.5.7.3.2'])
  assert.equal(usage('both'), ['1.3.6.1.5.5.7.3.1', '1.3.6.1.5.5.7.3.2'])
})

signed('honours an explicit validity window', () => {
  const notAfter = new Date('2001-01-01T00:00:00Z')
  const leaf = new X509Certificate(
    newSignedCertificate(ca, { commonName: 'old', usage: 'client', notBefore: new Date('2000-01-01T00:00:00Z'), notAfter }).certPem,
  )
  assert.is(new Date(leaf.validTo).getTime(), notAfter.getTime())
})

signed.run()

const asn1Strings = suite('certificate names for Go clients')

asn1Strings('encodes every name as UTF8String, so `@`, `_` and non-ASCII text parse in Go', () => {
  const odd = newCertificateAuthority('127.0.0.1@1700000000 ca_ü')
  const leaf = newSignedCertificate(odd, { commonName: 'user@example_ü', organizations: ['team_a@x'], usage: 'client' })
  for (const pem of [odd.certPem, leaf.certPem]) {
    const strings = derStrings(new X509Certificate(pem).raw)
    assert.ok(
      strings.some((s) => s.tag === utf8StringTag && s.text.includes('@')),
      'names are UTF8Strings',
    )
    for (const s of strings)
      if (s.tag === printableStringTag) assert.ok(isPrintableString(s.text), `PrintableString ${JSON.stringify(s.text)}`)
  }
  assert.ok(new X509Certificate(leaf.certPem).checkIssued(new X509Certificate(odd.certPem)), 'issuer bytes equal the CA subject')
})

asn1Strings.run()
