import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import * as E from 'fp-ts/lib/Either.js'
import * as O from 'fp-ts/lib/Option.js'
import type { AuthResult } from '../../src/auth/authenticator.js'
import { type CaBundle, certificateIdentifier, emptyCaBundle } from '../../src/auth/client-chain.js'
import { x509Authenticator } from '../../src/auth/x509-authenticator.js'
import { fakeClock } from '../../src/core/fake-clock.js'
import {
  DAY,
  alice,
  ca,
  childOfLeaf,
  forged,
  notACa,
  serverOnly,
  specPeerChain as peerChain,
  strangerCa,
  t0,
  withChain,
  x,
} from './fixtures.js'

const bundle: CaBundle = { certificates: [x(ca.certPem)] }
const errorOf = (r: AuthResult): string => (E.isLeft(r) ? r.left.message : 'no error')

const auth = suite('x509Authenticator')
const clock = fakeClock(t0)
let current: CaBundle = bundle
const authenticate = x509Authenticator(() => current, clock, peerChain)

auth('a chain signed by the client CA authenticates: CN is the user, O are the groups, credential id is the SHA-256', () => {
  const r = authenticate(withChain([alice]))
  assert.ok(E.isRight(r) && O.isSome(r.right))
  if (E.isRight(r) && O.isSome(r.right)) {
    const u = r.right.value.user
    assert.equal([u.name, u.uid, u.groups], ['alice', '', ['dev', 'ops']])
    assert.equal(u.extra['authentication.kubernetes.io/credential-id'], [
      `X509SHA256=${alice.fingerprint256.replace(/:/g, '').toLowerCase()}`,
    ])
  }
})

auth('no client certificate, or an empty CA bundle, is no opinion', () => {
  assert.equal(authenticate(withChain([])), E.right(O.none))
  assert.equal(x509Authenticator(() => emptyCaBundle, clock, peerChain)(withChain([alice])), E.right(O.none))
})

auth("an expired certificate is refused with the certificate identifier and Go's expiry text", () => {
  const at = (ms: number) => errorOf(x509Authenticator(() => bundle, fakeClock(ms), peerChain)(withChain([alice])))
  assert.is(
    at(t0 + 366 * DAY),
    `verifying certificate ${certificateIdentifier(alice)} failed: x509: certificate has expired or is not yet valid: current time 2031-01-02T00:00:00Z is after 2031-01-01T00:00:00Z`,
  )
  assert.match(
    at(t0 - 2 * DAY),
    /failed: x509: certificate has expired or is not yet valid: current time 2029-12-30T00:00:00Z is before 2029-12-31T00:00:00Z$/,
  )
})

auth('validity follows the injected clock', () => {
  const clockNow = fakeClock(t0 + 364 * DAY)
  const byClock = x509Authenticator(() => bundle, clockNow, peerChain)
  assert.ok(E.isRight(byClock(withChain([alice]))))
  clockNow.advance(2 * DAY)
  assert.match(errorOf(byClock(withChain([alice]))), 'has expired or is not yet valid')
})

auth("a certificate from another CA with the same name fails its signature check (Go's hint)", () => {
  assert.is(
    errorOf(authenticate(withChain([forged]))),
    `verifying certificate ${certificateIdentifier(forged)} failed: x509: certificate signed by unknown authority (possibly because of "crypto/rsa: verification error" while trying to verify candidate authority certificate "client-ca")`,
  )
})

auth('a certificate from an unrelated CA is signed by an unknown authority', () => {
  const strangers = x509Authenticator(() => ({ certificates: [x(strangerCa.certPem)] }), clock, peerChain)
  assert.match(errorOf(strangers(withChain([alice]))), /failed: x509: certificate signed by unknown authority$/)
})

auth('a server-only certificate has an incompatible key usage', () => {
  assert.match(errorOf(authenticate(withChain([serverOnly]))), /failed: x509: certificate specifies an incompatible key usage$/)
})

auth('a leaf cannot sign: a chain through a non-CA certificate is refused', () => {
  assert.match(
    errorOf(authenticate(withChain([childOfLeaf, x(notACa.certPem)]))),
    'x509: certificate is not authorized to sign other certificates',
  )
})

auth('the CA bundle is read per request, so a reload applies at once', () => {
  current = { certificates: [x(strangerCa.certPem)] }
  assert.ok(E.isLeft(authenticate(withChain([alice]))))
  current = { certificates: [x(strangerCa.certPem), x(ca.certPem)] }
  assert.ok(E.isRight(authenticate(withChain([alice]))))
  current = bundle
})

auth('on one connection the user is worked out once: the same chain array and bundle give the same result', () => {
  const chain = [alice]
  const first = authenticate(withChain(chain))
  assert.ok(E.isRight(first) && O.isSome(first.right))
  assert.is(authenticate(withChain(chain)), first)
  current = { certificates: [x(ca.certPem)] }
  const reloaded = authenticate(withChain(chain))
  assert.is.not(reloaded, first)
  assert.equal(reloaded, first)
  current = bundle
})

auth.run()
