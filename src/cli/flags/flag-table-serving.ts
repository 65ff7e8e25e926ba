import { CipherSuiteName, TlsVersionName } from '../../serve/tls-names.js'
import { serveOptionsDefaults } from '../../config/options/serve-options.js'
import type { FlagTable } from './flag-spec.js'

const d = serveOptionsDefaults.secureServing
const ciphers = Object.keys(CipherSuiteName.keys).sort()
const isInsecure = (name: string): boolean => /RC4|3DES|CBC_SHA256/.test(name)

/**
 * Upstream's "Secure serving flags" (`SecureServingOptions.AddFlags`), with its help texts.
 * Port note: `--secure-port` is required (kube-apiserver), so it cannot be 0; `--tls-min-version` lists
 * only the versions we accept (TLS 1.2 and 1.3); the cipher lists name the suites we can configure.
 */
export const servingFlags: FlagTable = [
  {
    name: 'bind-address',
    section: 'Secure serving',
    type: 'ip',
    default: d.bindAddress,
    path: 'secureServing.bindAddress',
    help:
      'The IP address on which to listen for the --secure-port port. The associated interface(s) must be reachable by the rest of the cluster, ' +
      'and by CLI/web clients. If blank or an unspecified address (0.0.0.0 or ::), all interfaces will be used.',
  },
  {
    name: 'cert-dir',
    section: 'Secure serving',
    type: 'string',
    default: d.certDir,
    path: 'secureServing.certDir',
    help:
      'The directory where the TLS certs are located. If --tls-cert-file and --tls-private-key-file are provided, this flag will be ignored ' +
      'for certificates. The generated admin token is written here, as admin-token, when standard output is not a terminal (see ' +
      '--admin-token-file).',
  },
  {
    name: 'secure-port',
    section: 'Secure serving',
    type: 'int',
    default: d.bindPort,
    path: 'secureServing.bindPort',
    help: 'The port on which to serve HTTPS with authentication and authorization. It cannot be switched off with 0.',
  },
  {
    name: 'tls-cert-file',
    section: 'Secure serving',
    type: 'string',
    default: d.certFile,
    path: 'secureServing.certFile',
    help:
      'File containing the default x509 Certificate for HTTPS. (CA cert, if any, concatenated after server cert). If HTTPS serving is enabled, ' +
      'and --tls-cert-file and --tls-private-key-file are not provided, a self-signed certificate and key are generated for the public address ' +
      'and saved to the directory specified by --cert-dir.',
  },
  {
    name: 'tls-cipher-suites',
    section: 'Secure serving',
    type: 'stringList',
    default: d.cipherSuites,
    path: 'secureServing.cipherSuites',
    help:
      'Comma-separated list of cipher suites for the server. If omitted, the default Node.js cipher suites will be used. \n' +
      `Preferred values: ${ciphers.filter((c) => !isInsecure(c)).join(', ')}. \n` +
      `Insecure values: ${ciphers.filter(isInsecure).join(', ')}.`,
  },
  {
    name: 'tls-min-version',
    section: 'Secure serving',
    type: 'string',
    default: d.minTLSVersion,
    path: 'secureServing.minTLSVersion',
    help: `Minimum TLS version supported. Possible values: ${Object.keys(TlsVersionName.keys).join(', ')}`,
  },
  {
    name: 'tls-private-key-file',
    section: 'Secure serving',
    type: 'string',
    default: d.keyFile,
    path: 'secureServing.keyFile',
    help: 'File containing the default x509 private key matching --tls-cert-file.',
  },
  {
    name: 'tls-sni-cert-key',
    section: 'Secure serving',
    type: 'namedCertKey',
    default: d.sniCertKeys,
    path: 'secureServing.sniCertKeys',
    help:
      'A pair of x509 certificate and private key file paths, optionally suffixed with a list of domain patterns which are fully qualified domain ' +
      'names, possibly with prefixed wildcard segments. The domain patterns also allow IP addresses, but IPs should only be used if the apiserver ' +
      'has visibility to the IP address requested by a client. If no domain patterns are provided, the names of the certificate are extracted. ' +
      'Non-wildcard matches trump over wildcard matches, explicit domain patterns trump over extracted names. For multiple key/certificate pairs, ' +
      'use the --tls-sni-cert-key multiple times. Examples: "example.crt,example.key" or "foo.crt,foo.key:*.foo.com,foo.com".',
  },
]
