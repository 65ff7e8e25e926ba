import { X509Certificate } from 'node:crypto'
import type { DetailedPeerCertificate, TLSSocket } from 'node:tls'
import * as E from 'fp-ts/lib/Either.js'
import type { RawRequest, Request } from '../core/request.js'

/** How an x509 authenticator gets a request's client certificate chain, leaf first. */
export type PeerChain = (req: Request) => ReadonlyArray<X509Certificate>

const none: ReadonlyArray<X509Certificate> = []
const maxChain = 16

/**
 * The certificate chain the TLS client presented (Go's `req.TLS.PeerCertificates`), leaf first, read
 * from `req.raw`'s socket with `getPeerCertificate(true)` over HTTP/1.1 (`req.raw.socket`) and HTTP/2
 * (`req.raw.stream.session.socket`); empty for plain HTTP, in-memory requests, or no client certificate.
 * A connection's chain is read and parsed once: the first non-empty read turns TLS renegotiation off on
 * that connection (Go's servers never renegotiate), so the chain cannot change, and later requests on
 * it get the same frozen array (which lets authenticators keep what they verified about it).
 * Port note: node gives the chain as OpenSSL built it (the leaf, the certificates the client sent, and
 * possibly an issuer from the server's own `ca` list); verification treats them all as intermediates.
 * @example
 * const chain = peerCertificates(req) // [] without a client certificate
 */
export const peerCertificates: PeerChain = (req) => {
  const socket = tlsSocketOf(req.raw)
  if (socket === undefined) return none
  const known = chains.get(socket)
  if (known !== undefined) return known
  const chain = readChain(socket)
  if (chain.length > 0 && typeof socket.disableRenegotiation === 'function') {
    socket.disableRenegotiation()
    chains.set(socket, chain)
  }
  return chain
}

/** Chains already read, per TLS connection whose renegotiation is off. */
const chains = new WeakMap<TLSSocket, ReadonlyArray<X509Certificate>>()

const readChain = (socket: TLSSocket): ReadonlyArray<X509Certificate> => {
  const chain: X509Certificate[] = []
  let cert: DetailedPeerCertificate | undefined = socket.getPeerCertificate(true) ?? undefined
  while (cert !== undefined && cert.raw !== undefined && chain.length < maxChain) {
    const parsed = parse(cert.raw)
    if (parsed === undefined) break
    chain.push(parsed)
    const next: DetailedPeerCertificate | undefined = cert.issuerCertificate
    cert = next === cert || next?.raw?.equals(cert.raw) ? undefined : next
  }
  return chain.length === 0 ? none : Object.freeze(chain)
}

const parse = (der: Buffer): X509Certificate | undefined =>
  E.getOrElseW(() => undefined)(
    E.tryCatch(
      () => new X509Certificate(der),
      () => undefined,
    ),
  )

const tlsSocketOf = (raw: RawRequest | undefined): TLSSocket | undefined => {
  if (raw === undefined) return undefined
  const socket = 'stream' in raw ? raw.stream.session?.socket : raw.socket
  return socket !== undefined && typeof (socket as Partial<TLSSocket>).getPeerCertificate === 'function' ? (socket as TLSSocket) : undefined
}
