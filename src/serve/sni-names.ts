import type { X509Certificate } from 'node:crypto'
import { isIP } from 'node:net'

const dns1123Subdomain = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/

/**
 * The names a certificate serves by SNI (upstream `getCertificateNames`): its subject CN when it is `*`
 * or a DNS-1123 subdomain after stripping `*.` (never an IP), then its DNS SANs. IP SANs are ignored.
 */
export const certificateNames = (cert: X509Certificate): ReadonlyArray<string> => {
  const cn = commonName(cert.subject)
  const names = cn !== undefined && isServableCommonName(cn) ? [cn] : []
  for (const entry of (cert.subjectAltName ?? '').split(', ')) {
    if (entry.startsWith('DNS:')) names.push(entry.slice(4))
  }
  return names
}

/** Entries of an SNI name map, in configuration order: explicit names override the certificate's. */
export interface NamedEntry<A> {
  readonly value: A
  readonly explicitNames: ReadonlyArray<string>
  readonly cert: X509Certificate
}

/**
 * The SNI name map (upstream `GetNamedCertificateMap`): names taken from certificates first, where the
 * earlier entry wins a collision; then explicit names, which override names from certificates whatever
 * the order (upstream's "explicit trumps"), the earlier explicit entry winning among themselves.
 */
export const namedMap = <A>(entries: ReadonlyArray<NamedEntry<A>>): ReadonlyMap<string, A> => {
  const map = new Map<string, A>()
  const explicit = new Map<string, A>()
  for (let i = entries.length - 1; i >= 0; i--) {
    const e = entries[i] as NamedEntry<A>
    if (e.explicitNames.length > 0) for (const n of e.explicitNames) explicit.set(n.toLowerCase(), e.value)
    else for (const n of certificateNames(e.cert)) map.set(n.toLowerCase(), e.value)
  }
  for (const [n, v] of explicit) map.set(n, v)
  return map
}

/**
 * Go's selection for a client's server name: the exact (lower-cased, trailing dots trimmed) name, then
 * the name with its first label replaced by `*`, else `fallback` (the default certificate).
 */
export const selectByName = <A>(map: ReadonlyMap<string, A>, serverName: string, fallback: A): A => {
  const name = serverName.toLowerCase().replace(/\.+$/, '')
  const exact = map.get(name)
  if (exact !== undefined) return exact
  const dot = name.indexOf('.')
  return map.get(dot >= 0 ? `*${name.slice(dot)}` : '*') ?? fallback
}

const commonName = (subject: string): string | undefined => {
  for (const line of subject.split('\n')) {
    if (line.startsWith('CN=')) return line.slice(3)
  }
  return undefined
}

const isServableCommonName = (cn: string): boolean => {
  if (cn === '*') return true
  if (isIP(cn) !== 0) return false
  const bare = cn.startsWith('*.') ? cn.slice(2) : cn
  return bare.length <= 253 && dns1123Subdomain.test(bare)
}
