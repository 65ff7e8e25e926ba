import { generateKeyPairSync, randomBytes } from 'node:crypto'
import forge from 'node-forge'

/** A PEM certificate and its PEM private key (PKCS#1, loads in node tls). */
export interface KeyPair {
  readonly certPem: string
  readonly keyPem: string
}

/** What to put into a certificate signed by a CA. */
export interface CertificateRequest {
  readonly commonName: string
  /** Subject O= entries (the groups of a client certificate). */
  readonly organizations?: ReadonlyArray<string>
  readonly dnsNames?: ReadonlyArray<string>
  readonly ipAddresses?: ReadonlyArray<string>
  /** Default: now - 1 minute. */
  readonly notBefore?: Date
  /** Default: now + 1 year. */
  readonly notAfter?: Date
  /** The extended key usage: serverAuth, clientAuth or both. */
  readonly usage: 'server' | 'client' | 'both'
}

type Attr = forge.pki.CertificateField
type Ext = Record<string, unknown>

const MINUTE = 60_000
const YEAR = 365 * 24 * 60 * MINUTE

/**
 * A self-signed CA certificate and its key.
 * @example
 * const ca = newCertificateAuthority('my-ca')
 * const server = newSignedCertificate(ca, { commonName: 'localhost', dnsNames: ['localhost'], usage: 'server' })
 */
export const newCertificateAuthority = (commonName: string, validity?: { notBefore?: Date; notAfter?: Date }): KeyPair => {
  const keys = newRsaKeys()
  const subject: Attr[] = [utf8('commonName', commonName)]
  const extensions: Ext[] = [
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]
  const cert = issue(keys.publicKey, subject, subject, extensions, validity ?? {})
  cert.sign(keys.privateKey, forge.md.sha256.create())
  return { certPem: forge.pki.certificateToPem(cert), keyPem: keys.keyPem }
}

/**
 * A certificate signed by `ca`.
 * @example
 * const ca = newCertificateAuthority('kubechain-ca')
 * const client = newSignedCertificate(ca, { commonName: 'alice', organizations: ['devs'], usage: 'client' })
 */
export const newSignedCertificate = (ca: KeyPair, req: CertificateRequest): KeyPair => {
  const keys = newRsaKeys()
  const caCert = forge.pki.certificateFromPem(ca.certPem)
  const caKey = forge.pki.privateKeyFromPem(ca.keyPem)
  const subject: Attr[] = [...(req.organizations ?? []).map((o) => utf8('organizationName', o)), utf8('commonName', req.commonName)]
  const cert = issue(keys.publicKey, subject, caCert.subject.attributes.map(decodedUtf8), leafExtensions(req), req)
  cert.sign(caKey, forge.md.sha256.create())
  return { certPem: forge.pki.certificateToPem(cert), keyPem: keys.keyPem }
}

/**
 * A name attribute encoded as UTF8String: forge's default, PrintableString, cannot hold `@`, `_` or
 * non-ASCII text, and Go's x509 parser rejects a certificate that puts them there.
 */
const utf8 = (name: string, value: string): Attr => ({ name, value, valueTagClass: forge.asn1.Type.UTF8 as number as forge.asn1.Class })

/** forge parses a UTF8String as its raw bytes but encodes one from text: decode it, so the issuer keeps the CA's bytes. */
const decodedUtf8 = (attr: Attr): Attr =>
  attr.valueTagClass === (forge.asn1.Type.UTF8 as number) && typeof attr.value === 'string'
    ? { ...attr, value: forge.util.decodeUtf8(attr.value) }
    : attr

const newRsaKeys = () => {
  const pair = generateKeyPairSync('rsa', { modulusLength: 2048 })
  const keyPem = pair.privateKey.export({ type: 'pkcs1', format: 'pem' }).toString()
  const publicKey = forge.pki.publicKeyFromPem(pair.publicKey.export({ type: 'spki', format: 'pem' }).toString())
  return { keyPem, publicKey, privateKey: forge.pki.privateKeyFromPem(keyPem) }
}

const issue = (
  publicKey: forge.pki.PublicKey,
  subject: Attr[],
  issuer: Attr[],
  extensions: Ext[],
  validity: { notBefore?: Date; notAfter?: Date },
): forge.pki.Certificate => {
  const cert = forge.pki.createCertificate()
  const now = Date.now()
  cert.publicKey = publicKey
  cert.serialNumber = serialNumber()
  cert.validity.notBefore = validity.notBefore ?? new Date(now - MINUTE)
  cert.validity.notAfter = validity.notAfter ?? new Date(now + YEAR)
  cert.setSubject(subject)
  cert.setIssuer(issuer)
  cert.setExtensions(extensions)
  return cert
}

/** 16 random bytes, first bit cleared so the DER integer stays positive. */
const serialNumber = (): string => {
  const bytes = randomBytes(16)
  bytes[0] = ((bytes[0] ?? 0) & 0x7f) | 0x01
  return bytes.toString('hex')
}

const leafExtensions = (req: CertificateRequest): Ext[] => {
  const altNames = [...(req.dnsNames ?? []).map((value) => ({ type: 2, value })), ...(req.ipAddresses ?? []).map((ip) => ({ type: 7, ip }))]
  const extKeyUsage = {
    name: 'extKeyUsage',
    serverAuth: req.usage !== 'client',
    clientAuth: req.usage !== 'server',
  }
  const exts: Ext[] = [
    { name: 'basicConstraints', cA: false, critical: true },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    extKeyUsage,
  ]
  return altNames.length > 0 ? [...exts, { name: 'subjectAltName', altNames }] : exts
}
