import * as E from 'fp-ts/lib/Either.js'
import type * as t from 'io-ts'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import {
  InsecureServingInfo,
  SecureServingInfo,
  SniCertKey,
  insecureServingDefaults,
  secureServingDefaults,
} from '../../src/serve/secure-serving-info.js'

/** The expected-type name and path of the first decoding error, e.g. `bindPort: an integer 0..65535`. */
const firstError = (r: t.Validation<unknown>): string => {
  if (E.isRight(r)) return 'no error'
  const ctx = r.left[0]?.context ?? []
  return `${ctx
    .map((c) => c.key)
    .filter((k) => k !== '')
    .join('.')}: ${ctx[ctx.length - 1]?.type.name}`
}

const secure = suite('SecureServingInfo')

secure('decodes its defaults unchanged', () => {
  assert.equal(SecureServingInfo.decode(secureServingDefaults), E.right(secureServingDefaults))
})

secure('accepts ports 0 and 65535 and refuses -1, 65536 and 1.5', () => {
  for (const bindPort of [0, 65535])
    assert.ok(E.isRight(SecureServingInfo.decode({ ...secureServingDefaults, bindPort })), String(bindPort))
  for (const bindPort of [-1, 65536, 1.5])
    assert.is(firstError(SecureServingInfo.decode({ ...secureServingDefaults, bindPort })), 'bindPort: an integer 0..65535')
})

secure('refuses a negative HTTP/2 stream limit', () => {
  assert.is(
    firstError(SecureServingInfo.decode({ ...secureServingDefaults, http2MaxStreamsPerConnection: -1 })),
    'http2MaxStreamsPerConnection: a non-negative integer',
  )
  assert.ok(E.isRight(SecureServingInfo.decode({ ...secureServingDefaults, http2MaxStreamsPerConnection: 250 })))
})

secure('refuses TLS 1.1 and unknown cipher suites', () => {
  assert.is(
    firstError(SecureServingInfo.decode({ ...secureServingDefaults, minTLSVersion: 'VersionTLS11' })),
    'minTLSVersion: VersionTLS12 or VersionTLS13',
  )
  assert.match(
    firstError(SecureServingInfo.decode({ ...secureServingDefaults, cipherSuites: ['RC4'] })),
    /^cipherSuites\.0: an IANA cipher suite name/,
  )
})

secure('refuses a missing field', () => {
  const { pairName: _, ...rest } = secureServingDefaults
  assert.is(firstError(SecureServingInfo.decode(rest)), 'pairName: string')
})

secure.run()

const defaults = suite('secureServingDefaults')

defaults("are upstream's: 0.0.0.0:443, apiserver.local.config/certificates, pair apiserver, TLS 1.2, HTTP/2 on", () => {
  assert.equal(secureServingDefaults, {
    bindAddress: '0.0.0.0',
    bindPort: 443,
    certFile: '',
    keyFile: '',
    sniCertKeys: [],
    minTLSVersion: 'VersionTLS12',
    cipherSuites: [],
    clientCAFile: '',
    requestHeaderClientCAFile: '',
    certDir: 'apiserver.local.config/certificates',
    pairName: 'apiserver',
    http2MaxStreamsPerConnection: 0,
    disableHTTP2: false,
  })
})

defaults.run()

const sni = suite('SniCertKey')

sni('decodes a cert/key pair with explicit names and refuses names that are not strings', () => {
  const ok = { certFile: 'a.crt', keyFile: 'a.key', names: ['a.example.com'] }
  assert.equal(SniCertKey.decode(ok), E.right(ok))
  assert.is(firstError(SniCertKey.decode({ ...ok, names: [1] })), 'names.0: string')
})

sni.run()

const insecure = suite('InsecureServingInfo')

insecure('decodes its defaults, loopback port 8080', () => {
  assert.equal(insecureServingDefaults, { bindAddress: '127.0.0.1', bindPort: 8080 })
  assert.equal(InsecureServingInfo.decode(insecureServingDefaults), E.right(insecureServingDefaults))
})

insecure('refuses a port out of range', () => {
  assert.is(firstError(InsecureServingInfo.decode({ bindAddress: '127.0.0.1', bindPort: 70000 })), 'bindPort: an integer 0..65535')
})

insecure.run()
