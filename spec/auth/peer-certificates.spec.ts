import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { peerCertificates } from '../../src/auth/peer-certificates.js'
import { type RawRequest, newRequest, parseTarget } from '../../src/core/index.js'
import * as E from 'fp-ts/lib/Either.js'
import { alice, ca, x } from './fixtures.js'
import { makeRequest } from '../support/request.js'

const withRaw = (raw: unknown) => {
  const target = parseTarget('/')
  if (E.isLeft(target)) throw new Error(target.left)
  return newRequest({ method: 'GET', target: target.right, headers: {}, raw: raw as RawRequest })
}
const caCert = x(ca.certPem)
// what node's getPeerCertificate(true) returns: the leaf, its issuer, and a root that is its own issuer
const root: Record<string, unknown> = { raw: caCert.raw }
root['issuerCertificate'] = root
const detailed = { raw: alice.raw, issuerCertificate: root }
const tlsSocket = (cert: unknown) => ({ getPeerCertificate: (detail: boolean) => (detail ? cert : {}) })

const peer = suite('peerCertificates')

peer('reads the chain from an HTTP/1.1 TLS socket, leaf first, stopping at a self-issued root', () => {
  const chain = peerCertificates(withRaw({ httpVersionMajor: 1, socket: tlsSocket(detailed) }))
  assert.equal(
    chain.map((c) => c.subject),
    ['O=dev\nO=ops\nCN=alice', 'CN=client-ca'],
  )
})

peer('reads the chain from an HTTP/2 session socket', () => {
  const chain = peerCertificates(withRaw({ httpVersionMajor: 2, stream: { session: { socket: tlsSocket(detailed) } } }))
  assert.is(chain.length, 2)
  assert.ok(chain[0]!.raw.equals(alice.raw))
})

peer('is empty without a client certificate, over plain HTTP and for in-memory requests', () => {
  assert.equal(peerCertificates(withRaw({ socket: tlsSocket({}) })), [])
  assert.equal(peerCertificates(withRaw({ socket: tlsSocket(null) })), [])
  assert.equal(peerCertificates(withRaw({ socket: {} })), [])
  assert.equal(peerCertificates(makeRequest('/')), [])
})

peer('stops at a certificate node cannot parse', () => {
  assert.is(peerCertificates(withRaw({ socket: tlsSocket({ raw: alice.raw, issuerCertificate: { raw: Buffer.from('junk') } }) })).length, 1)
})

/** A TLS socket that counts its reads and knows whether renegotiation was turned off. */
const countingSocket = (certs: ReadonlyArray<unknown>, renegotiable = true) => {
  const s = {
    reads: 0,
    renegotiationOff: 0,
    getPeerCertificate: (detail: boolean) => (detail ? certs[Math.min(s.reads++, certs.length - 1)] : {}),
  }
  return renegotiable ? Object.assign(s, { disableRenegotiation: () => void s.renegotiationOff++ }) : s
}

peer('reads the chain of a connection once: later requests get the same frozen array, renegotiation is turned off once', () => {
  const socket = countingSocket([detailed])
  const first = peerCertificates(withRaw({ httpVersionMajor: 1, socket }))
  const second = peerCertificates(withRaw({ httpVersionMajor: 1, socket }))
  assert.is(second, first)
  assert.ok(Object.isFrozen(first))
  assert.equal([socket.reads, socket.renegotiationOff, first.length], [1, 1, 2])
})

peer('keeps reading per request where renegotiation cannot be turned off, or no certificate came yet', () => {
  const fixed = countingSocket([detailed], false)
  assert.is.not(peerCertificates(withRaw({ socket: fixed })), peerCertificates(withRaw({ socket: fixed })))
  assert.is(fixed.reads, 2)
  const later = countingSocket([{}, detailed])
  assert.equal(peerCertificates(withRaw({ socket: later })), [])
  assert.is(peerCertificates(withRaw({ socket: later })).length, 2)
  assert.equal([later.reads, later.renegotiationOff], [2, 1])
})

peer.run()
