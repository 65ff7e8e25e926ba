import { X509Certificate } from 'node:crypto'
import * as E from 'fp-ts/lib/Either.js'

/** The certificates a client chain must lead to (a `--client-ca-file` or `--requestheader-client-ca-file`). */
export interface CaBundle {
  readonly certificates: ReadonlyArray<X509Certificate>
}

/** A bundle with no certificates: authenticators using it have no opinion (upstream's "intentionally empty"). */
export const emptyCaBundle: CaBundle = { certificates: [] }

/**
 * Parses a PEM bundle of CA certificates; a block that does not parse, or no certificate at all, is a Left.
 * @example
 * const bundle = caBundleFromPem(fs.readFileSync('ca.crt', 'utf8'))
 */
export const caBundleFromPem = (pem: string): E.Either<string, CaBundle> => {
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g) ?? []
  if (blocks.length === 0) return E.left('data does not contain any valid RSA or ECDSA certificates')
  const certificates: X509Certificate[] = []
  for (const block of blocks) {
    const parsed = E.tryCatch(
      () => new X509Certificate(block),
      (e) => `failed to parse certificate: ${e instanceof Error ? e.message : String(e)}`,
    )
    if (E.isLeft(parsed)) return parsed
    certificates.push(parsed.right)
  }
  return E.right({ certificates })
}

const clientAuth = '1.3.6.1.5.5.7.3.2'
const anyUsage = '2.5.29.37.0'
const maxDepth = 8

/**
 * Verifies a client chain (leaf first, the rest as intermediates) against `bundle` at time `now` as Go's
 * `x509.Certificate.Verify` with `KeyUsages: [ClientAuth]` does: every certificate on the path valid at
 * `now`, each signed by the next (issuer name and signature), intermediates marked CA, the path ending
 * at a bundle certificate, and every certificate's extended key usage allowing client auth (absent or
 * `anyExtendedKeyUsage` allows all). Returns the verified path or Go's error text.
 * Port note: one path is built (first matching issuer), where Go explores every candidate; Go's name
 * constraints and policy checks are not done.
 */
export const verifyClientChain = (
  chain: ReadonlyArray<X509Certificate>,
  bundle: CaBundle,
  now: number,
): E.Either<string, ReadonlyArray<X509Certificate>> => {
  const leaf = chain[0]
  if (leaf === undefined) return E.left(noCertificate)
  const expired = validityError(leaf, now)
  if (expired !== undefined) return E.left(expired)
  const path = bundle.certificates.some((r) => r.raw.equals(leaf.raw)) ? E.right([leaf]) : buildPath(leaf, chain.slice(1), bundle, now)
  if (E.isLeft(path)) return path
  return path.right.every(allowsClientAuth) ? path : E.left('x509: certificate specifies an incompatible key usage')
}

const buildPath = (
  leaf: X509Certificate,
  intermediates: ReadonlyArray<X509Certificate>,
  bundle: CaBundle,
  now: number,
): E.Either<string, ReadonlyArray<X509Certificate>> => {
  const path = [leaf]
  let hint: { readonly err: string; readonly cert: X509Certificate } | undefined
  for (let cur = leaf; path.length <= maxDepth; ) {
    const tryParent = (parent: X509Certificate, isRoot: boolean): boolean => {
      if (path.some((c) => c.raw.equals(parent.raw)) || cur.issuer !== parent.subject) return false
      const err =
        signatureError(cur, parent) ??
        validityError(parent, now) ??
        (isRoot || parent.ca ? undefined : 'x509: certificate is not authorized to sign other certificates')
      if (err !== undefined) hint ??= { err, cert: parent }
      return err === undefined
    }
    const root = bundle.certificates.find((r) => tryParent(r, true))
    if (root !== undefined) return E.right([...path, root])
    const next = intermediates.find((c) => tryParent(c, false))
    if (next === undefined) break
    path.push(next)
    cur = next
  }
  const reason =
    hint === undefined
      ? ''
      : ` (possibly because of ${JSON.stringify(hint.err)} while trying to verify candidate authority certificate ${JSON.stringify(displayName(hint.cert))})`
  return E.left(`x509: certificate signed by unknown authority${reason}`)
}

const signatureError = (cert: X509Certificate, parent: X509Certificate): string | undefined => {
  const ok = E.getOrElse(() => false)(
    E.tryCatch(
      () => cert.verify(parent.publicKey),
      () => false,
    ),
  )
  if (ok) return undefined
  const type = parent.publicKey.asymmetricKeyType
  return type === 'rsa' || type === 'rsa-pss'
    ? 'crypto/rsa: verification error'
    : type === 'ec'
      ? 'x509: ECDSA verification failure'
      : 'x509: signature verification failure'
}

const noCertificate = 'x509: no certificate presented'

const rfc3339 = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z')

/** When a certificate is valid, in ms since the epoch, both ends included. */
const validity = (cert: X509Certificate): { readonly from: number; readonly to: number } => ({
  from: Date.parse(cert.validFrom),
  to: Date.parse(cert.validTo),
})

const validityError = (cert: X509Certificate, now: number): string | undefined => {
  const { from, to } = validity(cert)
  if (now < from) return `x509: certificate has expired or is not yet valid: current time ${rfc3339(now)} is before ${rfc3339(from)}`
  if (now > to) return `x509: certificate has expired or is not yet valid: current time ${rfc3339(now)} is after ${rfc3339(to)}`
  return undefined
}

const allowsClientAuth = (cert: X509Certificate): boolean => {
  const usages = cert.keyUsage as ReadonlyArray<string> | undefined
  return usages === undefined || usages.includes(clientAuth) || usages.includes(anyUsage)
}

/** The subject's attribute values of one kind (`CN`, `O`), as node's legacy object gives one or several. */
export const subjectValues = (cert: X509Certificate, key: string): ReadonlyArray<string> => {
  const v = (cert.toLegacyObject().subject as unknown as Record<string, string | string[] | undefined>)[key]
  return v === undefined ? [] : Array.isArray(v) ? v : [v]
}

const displayName = (cert: X509Certificate): string =>
  subjectValues(cert, 'CN')[0] || subjectValues(cert, 'O')[0] || `serial:${BigInt(`0x${cert.serialNumber}`).toString()}`

/**
 * Upstream's `certificateIdentifier`: `SN=<decimal serial>, SKID=<AA:BB:..>, AKID=<..>` (empty ids when
 * the extensions are absent), used in verification errors.
 */
export const certificateIdentifier = (cert: X509Certificate): string =>
  `SN=${BigInt(`0x${cert.serialNumber}`).toString()}, SKID=${keyId(cert.raw, skidOid, false)}, AKID=${keyId(cert.raw, akidOid, true)}`

const skidOid = Buffer.from([0x06, 0x03, 0x55, 0x1d, 0x0e])
const akidOid = Buffer.from([0x06, 0x03, 0x55, 0x1d, 0x23])

/** Reads a key id extension from DER: OID, optional critical flag, OCTET STRING wrapping the id. */
const keyId = (der: Buffer, oid: Buffer, authority: boolean): string => {
  let at = der.indexOf(oid)
  if (at < 0) return ''
  at += oid.length
  if (der[at] === 0x01) at += 3
  const outer = readTlv(der, at) // OCTET STRING
  const inner = outer === undefined ? undefined : readTlv(der, outer.start) // OCTET STRING (SKID) or SEQUENCE (AKID)
  const id = authority && inner !== undefined && der[inner.start] === 0x80 ? readTlv(der, inner.start) : authority ? undefined : inner
  return id === undefined ? '' : [...der.subarray(id.start, id.end)].map((b) => b.toString(16).padStart(2, '0').toUpperCase()).join(':')
}

const readTlv = (der: Buffer, at: number): { readonly start: number; readonly end: number } | undefined => {
  const first = der[at + 1]
  if (first === undefined) return undefined
  if (first < 0x80) return { start: at + 2, end: Math.min(der.length, at + 2 + first) }
  const n = first & 0x7f
  let len = 0
  for (let i = 0; i < n; i++) len = len * 256 + (der[at + 2 + i] ?? 0)
  return { start: at + 2 + n, end: Math.min(der.length, at + 2 + n + len) }
}

/** A client chain that verified, and what authenticators read from its leaf. */
export interface VerifiedClient {
  readonly leaf: X509Certificate
  /** The leaf's first subject CN, `''` without one. */
  readonly commonName: string
  /** The leaf's subject O values. */
  readonly organizations: ReadonlyArray<string>
}

/** Verifies a client chain against a CA bundle at a time; Go's x509 error text on failure. */
export type ClientVerifier = (chain: ReadonlyArray<X509Certificate>, bundle: CaBundle, now: number) => E.Either<string, VerifiedClient>

interface Known {
  readonly bundle: CaBundle
  /** The window in which every certificate on the verified path is valid. */
  readonly from: number
  readonly to: number
  readonly client: E.Either<string, VerifiedClient>
}

/**
 * `verifyClientChain` that remembers chains that verified, so a kept-alive connection pays for its
 * signature checks and subject parsing once (`peerCertificates` gives one frozen array per connection).
 * A remembered result is used only for the same chain array and the same bundle object (a reloaded CA
 * bundle is a new object, checked anew) while `now` is inside the validity window of every certificate
 * on the verified path: the rest of verification does not depend on time. Failures are not remembered.
 * @example
 * const verify = clientVerifier()
 * const client = verify(peerCertificates(req), bundle, clock.now())
 */
export const clientVerifier = (): ClientVerifier => {
  const known = new WeakMap<ReadonlyArray<X509Certificate>, Known>()
  return (chain, bundle, now) => {
    const hit = known.get(chain)
    if (hit !== undefined && hit.bundle === bundle && now >= hit.from && now <= hit.to) return hit.client
    const leaf = chain[0]
    if (leaf === undefined) return E.left(noCertificate)
    const path = verifyClientChain(chain, bundle, now)
    if (E.isLeft(path)) return path
    const client = E.right({ leaf, commonName: subjectValues(leaf, 'CN')[0] ?? '', organizations: subjectValues(leaf, 'O') })
    const windows = path.right.map(validity)
    const from = Math.max(...windows.map((w) => w.from))
    const to = Math.min(...windows.map((w) => w.to))
    known.set(chain, { bundle, from, to, client })
    return client
  }
}
