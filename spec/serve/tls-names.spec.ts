import { createSecureContext, getCiphers } from 'node:tls'
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { CipherSuiteName, TlsVersionName, nodeTlsVersion, openSslCiphers } from '../../src/serve/tls-names.js'

const secure12 = [
  'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256',
  'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256',
  'TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384',
  'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384',
  'TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256',
  'TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256',
  'TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305',
  'TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305',
  'TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA',
  'TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA',
  'TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA',
  'TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA',
  'TLS_RSA_WITH_AES_128_GCM_SHA256',
  'TLS_RSA_WITH_AES_256_GCM_SHA384',
  'TLS_RSA_WITH_AES_128_CBC_SHA',
  'TLS_RSA_WITH_AES_256_CBC_SHA',
] as const
const insecure = [
  'TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256',
  'TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256',
  'TLS_RSA_WITH_AES_128_CBC_SHA256',
  'TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA',
  'TLS_RSA_WITH_3DES_EDE_CBC_SHA',
  'TLS_ECDHE_ECDSA_WITH_RC4_128_SHA',
  'TLS_ECDHE_RSA_WITH_RC4_128_SHA',
  'TLS_RSA_WITH_RC4_128_SHA',
] as const
const tls13 = ['TLS_AES_128_GCM_SHA256', 'TLS_AES_256_GCM_SHA384', 'TLS_CHACHA20_POLY1305_SHA256'] as const
const allNames: ReadonlyArray<CipherSuiteName> = [...secure12, ...insecure, ...tls13]

const versions = suite('TlsVersionName')

versions('decodes VersionTLS12 and VersionTLS13', () => {
  assert.equal(TlsVersionName.decode('VersionTLS12'), E.right('VersionTLS12'))
  assert.equal(TlsVersionName.decode('VersionTLS13'), E.right('VersionTLS13'))
})

versions('refuses VersionTLS10, VersionTLS11, node names and non-strings, naming what it expects', () => {
  for (const bad of ['VersionTLS10', 'VersionTLS11', 'TLSv1.2', 'versiontls12', '', 12]) {
    const r = TlsVersionName.decode(bad)
    assert.ok(E.isLeft(r), String(bad))
    if (E.isLeft(r)) assert.is(r.left[0]?.context[0]?.type.name, 'VersionTLS12 or VersionTLS13')
  }
})

versions.run()

const nodeVersion = suite('nodeTlsVersion')

nodeVersion('maps upstream names to node secure versions', () => {
  assert.is(nodeTlsVersion('VersionTLS12'), 'TLSv1.2')
  assert.is(nodeTlsVersion('VersionTLS13'), 'TLSv1.3')
})

nodeVersion.run()

const suites = suite('CipherSuiteName')

suites('accepts every IANA name upstream accepts: TLS 1.2, insecure and TLS 1.3 suites', () => {
  for (const n of allNames) assert.ok(E.isRight(CipherSuiteName.decode(n)), String(n))
})

suites('refuses OpenSSL names, lower case and unknown suites', () => {
  for (const bad of ['ECDHE-RSA-AES128-GCM-SHA256', 'tls_rsa_with_aes_128_cbc_sha', 'TLS_NULL_WITH_NULL_NULL', '']) {
    const r = CipherSuiteName.decode(bad)
    assert.ok(E.isLeft(r), bad)
    if (E.isLeft(r)) assert.match(String(r.left[0]?.context[0]?.type.name), /^an IANA cipher suite name/)
  }
})

suites.run()

const openssl = suite('openSslCiphers')

openssl('joins the OpenSSL names in the given order', () => {
  const r = openSslCiphers(['TLS_RSA_WITH_AES_256_CBC_SHA', 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256'])
  assert.equal(r, { ciphers: 'AES256-SHA:ECDHE-RSA-AES128-GCM-SHA256', insecure: [] })
})

openssl('keeps node defaults for no names and leaves TLS 1.3 suites out of the list', () => {
  assert.equal(openSslCiphers([]), { ciphers: '', insecure: [] })
  assert.equal(openSslCiphers([...tls13]), { ciphers: '', insecure: [] })
  assert.is(openSslCiphers(['TLS_AES_128_GCM_SHA256', 'TLS_RSA_WITH_AES_128_CBC_SHA']).ciphers, 'AES128-SHA')
})

openssl('lists the insecure names to log, by their IANA names, in order', () => {
  const r = openSslCiphers(['TLS_RSA_WITH_RC4_128_SHA', 'TLS_RSA_WITH_AES_128_CBC_SHA', 'TLS_RSA_WITH_AES_128_CBC_SHA256'])
  assert.equal(r.insecure, ['TLS_RSA_WITH_RC4_128_SHA', 'TLS_RSA_WITH_AES_128_CBC_SHA256'])
  assert.is(r.ciphers, 'RC4-SHA:AES128-SHA:AES128-SHA256')
})

openssl('maps every secure TLS 1.2 suite to a cipher this OpenSSL knows', () => {
  const known = new Set(getCiphers())
  for (const n of secure12) {
    const { ciphers } = openSslCiphers([n])
    assert.ok(known.has(ciphers.toLowerCase()), `${n} -> ${ciphers}`)
    assert.not.throws(() => createSecureContext({ ciphers }), n)
  }
})

openssl('one cipher per TLS 1.2 name and exactly the insecure names flagged, for any selection', () => {
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...allNames), { maxLength: 12 }), (names) => {
      const r = openSslCiphers(names)
      const listed = r.ciphers === '' ? [] : r.ciphers.split(':')
      const is13 = (n: string): boolean => (tls13 as ReadonlyArray<string>).includes(n)
      return (
        listed.length === names.filter((n) => !is13(String(n))).length &&
        r.insecure.join() === names.filter((n) => (insecure as ReadonlyArray<string>).includes(String(n))).join()
      )
    }),
  )
})

openssl.run()
