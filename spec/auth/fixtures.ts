// Spec fixtures: certificates made once per process and shared by the x509 and front-proxy specs
// (RSA key generation dominates their run time).
import { X509Certificate } from 'node:crypto'
import * as O from 'fp-ts/lib/Option.js'
import { type Request, attr, get, put } from '../../src/core/index.js'
import { type CertificateRequest, type KeyPair, newCertificateAuthority, newSignedCertificate } from '../../src/serve/make-certificates.js'
import { makeRequest } from '../support/request.js'

export const DAY = 86_400_000
/** Every certificate is valid from t0 - 1 day to t0 + 365 days. */
export const t0 = Date.UTC(2030, 0, 1)
export const validity = { notBefore: new Date(t0 - DAY), notAfter: new Date(t0 + 365 * DAY) }

export const x = (pem: string): X509Certificate => new X509Certificate(pem)
export const sign = (signer: KeyPair, commonName: string, extra: Partial<CertificateRequest> = {}): KeyPair =>
  newSignedCertificate(signer, { commonName, organizations: ['dev', 'ops'], usage: 'client', ...validity, ...extra })

export const ca = newCertificateAuthority('client-ca', validity)
/** Same subject as `ca`, other key: its certificates fail the signature check. */
export const impostorCa = newCertificateAuthority('client-ca', validity)
export const strangerCa = newCertificateAuthority('stranger-ca', validity)
export const alice = x(sign(ca, 'alice').certPem)
export const forged = x(sign(impostorCa, 'mallory').certPem)
export const serverOnly = x(sign(ca, 'web', { usage: 'server' }).certPem)
export const notACa = sign(ca, 'not-a-ca')
export const childOfLeaf = x(sign(notACa, 'child').certPem)

const chainKey = attr<ReadonlyArray<X509Certificate>>('PeerChainForSpecs')

/** A peer-chain reader for specs: the chain a request was given with `withChain`. */
export const specPeerChain = (req: Request): ReadonlyArray<X509Certificate> =>
  O.getOrElse((): ReadonlyArray<X509Certificate> => [])(get(req, chainKey))

/** An in-memory request whose "TLS client" presented `chain`. */
export const withChain = (chain: ReadonlyArray<X509Certificate>, headers: Record<string, string> = {}): Request =>
  put(makeRequest('/', { headers }), chainKey, chain)
