import { CipherSuiteName, TlsVersionName } from '../../serve/tls-names.js'
import type { Problem } from '../problems.js'
import { flagProblem } from './flag-problem.js'
import type { SecureServingOptions } from './serve-options.js'

/**
 * Upstream's checks of secure serving (`SecureServingOptions.Validate`, and what `ApplyTo` refuses):
 * a port in 1..65535 (required, as kube-apiserver's), a TLS version and cipher suites by known name, a
 * certificate and a key given together, SNI pairs with both files.
 * Port note: `VersionTLS10` and `VersionTLS11` are refused (minimum TLS 1.2); upstream accepts them.
 * @example
 * validateSecureServing({ ...serveOptionsDefaults.secureServing, bindPort: 0 })
 * // [{ path: '--secure-port', message: '--secure-port 0 must be between 1 and 65535, inclusive. It cannot be turned off with 0' }]
 */
export const validateSecureServing = (o: SecureServingOptions): ReadonlyArray<Problem> => [
  ...(o.bindPort < 1 || o.bindPort > 65535
    ? [flagProblem('secure-port', `--secure-port ${o.bindPort} must be between 1 and 65535, inclusive. It cannot be turned off with 0`)]
    : []),
  ...pairProblems(o),
  ...tlsVersionProblems(o.minTLSVersion),
  ...o.cipherSuites
    .filter((c) => !CipherSuiteName.is(c))
    .map((c) => flagProblem('tls-cipher-suites', `Cipher suite ${c} not supported or doesn't exist`)),
  ...o.sniCertKeys
    .filter((k) => k.certFile === '' || k.keyFile === '')
    .map((k) => flagProblem('tls-sni-cert-key', `expected a certificate file and a key file, got "${k.certFile},${k.keyFile}"`)),
]

const pairProblems = (o: SecureServingOptions): ReadonlyArray<Problem> => {
  if (o.certFile !== '' && o.keyFile === '')
    return [flagProblem('tls-private-key-file', 'expected a key file to go with --tls-cert-file, got none')]
  if (o.certFile === '' && o.keyFile !== '')
    return [flagProblem('tls-cert-file', 'expected a certificate file to go with --tls-private-key-file, got none')]
  return []
}

const tlsVersionProblems = (v: string): ReadonlyArray<Problem> => {
  if (v === '' || TlsVersionName.is(v)) return []
  if (v === 'VersionTLS10' || v === 'VersionTLS11') {
    return [flagProblem('tls-min-version', `expected ${Object.keys(TlsVersionName.keys).join(' or ')} (TLS 1.2 is the minimum), got ${v}`)]
  }
  return [flagProblem('tls-min-version', `unknown tls version ${JSON.stringify(v)}`)]
}
