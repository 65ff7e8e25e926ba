import type { SecureVersion } from 'node:tls'
import * as t from 'io-ts'

/**
 * Upstream's `--tls-min-version` names that we accept. Port note: upstream also accepts `VersionTLS10`
 * and `VersionTLS11`; we refuse them (minimum TLS 1.2), as the decoder's error says.
 */
export const TlsVersionName = t.keyof({ VersionTLS12: null, VersionTLS13: null }, 'VersionTLS12 or VersionTLS13')
export type TlsVersionName = t.TypeOf<typeof TlsVersionName>

/** Node's name of a TLS version. */
export const nodeTlsVersion = (name: TlsVersionName): SecureVersion => (name === 'VersionTLS13' ? 'TLSv1.3' : 'TLSv1.2')

/** IANA names of the TLS 1.2 suites Go can configure, with their OpenSSL names. */
const tls12: Readonly<Record<string, string>> = {
  TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256: 'ECDHE-ECDSA-AES128-GCM-SHA256',
  TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256: 'ECDHE-RSA-AES128-GCM-SHA256',
  TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384: 'ECDHE-ECDSA-AES256-GCM-SHA384',
  TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384: 'ECDHE-RSA-AES256-GCM-SHA384',
  TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256: 'ECDHE-ECDSA-CHACHA20-POLY1305',
  TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256: 'ECDHE-RSA-CHACHA20-POLY1305',
  TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305: 'ECDHE-ECDSA-CHACHA20-POLY1305',
  TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305: 'ECDHE-RSA-CHACHA20-POLY1305',
  TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA: 'ECDHE-ECDSA-AES128-SHA',
  TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA: 'ECDHE-RSA-AES128-SHA',
  TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA: 'ECDHE-ECDSA-AES256-SHA',
  TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA: 'ECDHE-RSA-AES256-SHA',
  TLS_RSA_WITH_AES_128_GCM_SHA256: 'AES128-GCM-SHA256',
  TLS_RSA_WITH_AES_256_GCM_SHA384: 'AES256-GCM-SHA384',
  TLS_RSA_WITH_AES_128_CBC_SHA: 'AES128-SHA',
  TLS_RSA_WITH_AES_256_CBC_SHA: 'AES256-SHA',
}

/** Suites upstream flags as insecure (`Use of insecure cipher '<name>' detected.`). */
const insecure: Readonly<Record<string, string>> = {
  TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256: 'ECDHE-ECDSA-AES128-SHA256',
  TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256: 'ECDHE-RSA-AES128-SHA256',
  TLS_RSA_WITH_AES_128_CBC_SHA256: 'AES128-SHA256',
  TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA: 'ECDHE-RSA-DES-CBC3-SHA',
  TLS_RSA_WITH_3DES_EDE_CBC_SHA: 'DES-CBC3-SHA',
  TLS_ECDHE_ECDSA_WITH_RC4_128_SHA: 'ECDHE-ECDSA-RC4-SHA',
  TLS_ECDHE_RSA_WITH_RC4_128_SHA: 'ECDHE-RSA-RC4-SHA',
  TLS_RSA_WITH_RC4_128_SHA: 'RC4-SHA',
}

/** TLS 1.3 suites: accepted by name but, as in Go, not configurable (always all enabled). */
const tls13: Readonly<Record<string, string>> = {
  TLS_AES_128_GCM_SHA256: '',
  TLS_AES_256_GCM_SHA384: '',
  TLS_CHACHA20_POLY1305_SHA256: '',
}

/** An IANA cipher suite name that upstream's `--tls-cipher-suites` accepts. */
export const CipherSuiteName = t.keyof(
  { ...tls12, ...insecure, ...tls13 },
  'an IANA cipher suite name (e.g. TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256)',
)
export type CipherSuiteName = t.TypeOf<typeof CipherSuiteName>

/** The OpenSSL cipher list for decoded IANA names, and the insecure names among them (to log). */
export const openSslCiphers = (
  names: ReadonlyArray<CipherSuiteName>,
): { readonly ciphers: string; readonly insecure: ReadonlyArray<string> } => ({
  ciphers: names
    .map((n) => tls12[n] ?? insecure[n] ?? '')
    .filter((c) => c !== '')
    .join(':'),
  insecure: names.filter((n) => n in insecure).map(String),
})
