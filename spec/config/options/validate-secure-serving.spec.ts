import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { serveOptionsDefaults } from '../../../src/config/options/serve-options.js'
import { validateSecureServing } from '../../../src/config/options/validate-secure-serving.js'

const d = serveOptionsDefaults.secureServing
const v = suite('validateSecureServing')

v('the defaults are valid', () => {
  assert.equal(validateSecureServing(d), [])
})

v('the port must be 1..65535', () => {
  for (const p of [1, 443, 65535]) assert.equal(validateSecureServing({ ...d, bindPort: p }), [], String(p))
  for (const p of [0, -1, 65536]) {
    assert.equal(validateSecureServing({ ...d, bindPort: p }), [
      { path: '--secure-port', message: `--secure-port ${p} must be between 1 and 65535, inclusive. It cannot be turned off with 0` },
    ])
  }
})

v('a certificate and a key go together', () => {
  assert.equal(validateSecureServing({ ...d, certFile: 'a.crt', keyFile: 'a.key' }), [])
  assert.equal(validateSecureServing({ ...d, certFile: 'a.crt' }), [
    { path: '--tls-private-key-file', message: 'expected a key file to go with --tls-cert-file, got none' },
  ])
  assert.equal(validateSecureServing({ ...d, keyFile: 'a.key' }), [
    { path: '--tls-cert-file', message: 'expected a certificate file to go with --tls-private-key-file, got none' },
  ])
})

v('TLS versions by name: 1.2 and 1.3 only', () => {
  assert.equal(validateSecureServing({ ...d, minTLSVersion: 'VersionTLS13' }), [])
  assert.equal(validateSecureServing({ ...d, minTLSVersion: 'tls13' }), [
    { path: '--tls-min-version', message: 'unknown tls version "tls13"' },
  ])
  assert.equal(validateSecureServing({ ...d, minTLSVersion: 'VersionTLS10' }), [
    { path: '--tls-min-version', message: 'expected VersionTLS12 or VersionTLS13 (TLS 1.2 is the minimum), got VersionTLS10' },
  ])
})

v('every unknown cipher suite is named', () => {
  assert.equal(validateSecureServing({ ...d, cipherSuites: ['TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256', 'A', 'B'] }), [
    { path: '--tls-cipher-suites', message: "Cipher suite A not supported or doesn't exist" },
    { path: '--tls-cipher-suites', message: "Cipher suite B not supported or doesn't exist" },
  ])
})

v('an SNI pair needs both files', () => {
  assert.equal(validateSecureServing({ ...d, sniCertKeys: [{ certFile: 'a.crt', keyFile: 'a.key', names: [] }] }), [])
  assert.equal(validateSecureServing({ ...d, sniCertKeys: [{ certFile: 'a.crt', keyFile: '', names: ['a.com'] }] }), [
    { path: '--tls-sni-cert-key', message: 'expected a certificate file and a key file, got "a.crt,"' },
  ])
})

v.run()
