import * as t from 'io-ts'
import { CipherSuiteName, TlsVersionName } from './tls-names.js'

const Port = t.refinement(t.Int, (n) => n >= 0 && n <= 65535, 'an integer 0..65535')

/** One `--tls-sni-cert-key certfile,keyfile[:name1,name2]`: explicit names override the certificate's. */
export const SniCertKey = t.readonly(t.type({ certFile: t.string, keyFile: t.string, names: t.readonlyArray(t.string) }), 'SniCertKey')
export type SniCertKey = t.TypeOf<typeof SniCertKey>

/**
 * Options of secure serving (upstream `SecureServingOptions`): where to listen, the serving certificate
 * (files, or a self-signed pair kept in `certDir` as `<pairName>.crt`/`.key`), SNI certificates, TLS
 * versions and suites, the client CA bundles (client certificates are asked for when either is set: the
 * front proxy's too, as upstream's `ClientCA` unions both), and HTTP/2 settings.
 */
export const SecureServingInfo = t.readonly(
  t.type({
    bindAddress: t.string,
    bindPort: Port,
    certFile: t.string,
    keyFile: t.string,
    sniCertKeys: t.readonlyArray(SniCertKey),
    minTLSVersion: TlsVersionName,
    cipherSuites: t.readonlyArray(CipherSuiteName),
    clientCAFile: t.string,
    requestHeaderClientCAFile: t.string,
    certDir: t.string,
    pairName: t.string,
    http2MaxStreamsPerConnection: t.refinement(t.Int, (n) => n >= 0, 'a non-negative integer'),
    disableHTTP2: t.boolean,
  }),
  'SecureServingInfo',
)
export type SecureServingInfo = t.TypeOf<typeof SecureServingInfo>

/** Upstream's defaults: `0.0.0.0:443`, certificates in `apiserver.local.config/certificates`, TLS 1.2+. */
export const secureServingDefaults: SecureServingInfo = {
  bindAddress: '0.0.0.0',
  bindPort: 443 as t.Int,
  certFile: '',
  keyFile: '',
  sniCertKeys: [],
  minTLSVersion: 'VersionTLS12',
  cipherSuites: [],
  clientCAFile: '',
  requestHeaderClientCAFile: '',
  certDir: 'apiserver.local.config/certificates',
  pairName: 'apiserver',
  http2MaxStreamsPerConnection: 0 as t.Int,
  disableHTTP2: false,
}

/** Options of insecure (plain HTTP/1.1) serving: where to listen. */
export const InsecureServingInfo = t.readonly(t.type({ bindAddress: t.string, bindPort: Port }), 'InsecureServingInfo')
export type InsecureServingInfo = t.TypeOf<typeof InsecureServingInfo>

/** Loopback on 8080, upstream's historical insecure port. */
export const insecureServingDefaults: InsecureServingInfo = { bindAddress: '127.0.0.1', bindPort: 8080 as t.Int }
