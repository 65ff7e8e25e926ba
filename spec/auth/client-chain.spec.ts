import { X509Certificate } from 'node:crypto'
import * as E from 'fp-ts/lib/Either.js'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { type CaBundle, caBundleFromPem, certificateIdentifier, clientVerifier, verifyClientChain } from '../../src/auth/client-chain.js'
import { DAY, alice, ca, strangerCa, t0, x } from './fixtures.js'

const bundle: CaBundle = { certificates: [x(ca.certPem)] }

const verify = suite('verifyClientChain')

verify('returns the verified path, leaf to root', () => {
  const path = verifyClientChain([alice], bundle, t0)
  assert.equal(
    E.map((p: ReadonlyArray<X509Certificate>) => p.map((c) => c.subject))(path),
    E.right(['O=dev\nO=ops\nCN=alice', 'CN=client-ca']),
  )
})

verify('an empty chain is refused', () => {
  assert.ok(E.isLeft(verifyClientChain([], bundle, t0)))
})

const bundles = suite('caBundleFromPem')

bundles('parses every certificate of a PEM bundle', () => {
  const r = caBundleFromPem(ca.certPem + strangerCa.certPem)
  assert.equal(E.map((b: CaBundle) => b.certificates.length)(r), E.right(2))
})

bundles('refuses text without certificates and broken blocks', () => {
  assert.ok(E.isLeft(caBundleFromPem('nothing here')))
  assert.ok(E.isLeft(caBundleFromPem('-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n')))
})

const ident = suite('certificateIdentifier')

ident('prints the decimal serial and colon-separated key ids, empty when absent', () => {
  const id = certificateIdentifier(x(ca.certPem))
  assert.match(id, /^SN=\d+, SKID=([0-9A-F]{2}:){19}[0-9A-F]{2}, AKID=$/)
  assert.match(certificateIdentifier(alice), /^SN=\d+, SKID=, AKID=$/)
  assert.is(id.split(',')[0], `SN=${BigInt(`0x${x(ca.certPem).serialNumber}`)}`)
})

const verifier = suite('clientVerifier')

/** Runs `f` while counting signature checks (X509Certificate#verify). */
const countingChecks = <A>(f: () => A): { readonly result: A; readonly checks: number } => {
  const original = X509Certificate.prototype.verify
  let checks = 0
  X509Certificate.prototype.verify = function (this: X509Certificate, key) {
    checks++
    return original.call(this, key)
  }
  try {
    return { result: f(), checks }
  } finally {
    X509Certificate.prototype.verify = original
  }
}

verifier('a chain that verified is not checked again for the same array and bundle, and reads CN and O', () => {
  const verify = clientVerifier()
  const chain = [alice]
  const first = countingChecks(() => verify(chain, bundle, t0))
  const second = countingChecks(() => verify(chain, bundle, t0 + DAY))
  assert.is(first.checks, 1)
  assert.is(second.checks, 0)
  assert.is(second.result, first.result)
  assert.equal(
    E.map((c: { commonName: string; organizations: ReadonlyArray<string> }) => [c.commonName, c.organizations])(first.result),
    E.right(['alice', ['dev', 'ops']]),
  )
})

verifier('another array holding the same certificates is checked anew', () => {
  const verify = clientVerifier()
  verify([alice], bundle, t0)
  assert.is(countingChecks(() => verify([alice], bundle, t0)).checks, 1)
})

verifier('a reloaded bundle (a new object) is checked anew: a CA taken out refuses the chain at once', () => {
  const verify = clientVerifier()
  const chain = [alice]
  assert.ok(E.isRight(verify(chain, bundle, t0)))
  assert.ok(E.isLeft(verify(chain, { certificates: [x(strangerCa.certPem)] }, t0)))
  assert.ok(E.isRight(verify(chain, { certificates: [x(ca.certPem)] }, t0)))
})

verifier('outside the validity of the verified path the remembered result is not used', () => {
  const verify = clientVerifier()
  const chain = [alice]
  assert.ok(E.isRight(verify(chain, bundle, t0)))
  const late = verify(chain, bundle, t0 + 366 * DAY)
  assert.ok(E.isLeft(late) && late.left.includes('is after'), JSON.stringify(late))
  const early = verify(chain, bundle, t0 - 2 * DAY)
  assert.ok(E.isLeft(early) && early.left.includes('is before'), JSON.stringify(early))
})

verifier('failures are not remembered: a chain refused before its validity verifies once it starts', () => {
  const verify = clientVerifier()
  const chain = [alice]
  assert.ok(E.isLeft(verify(chain, bundle, t0 - 2 * DAY)))
  assert.ok(E.isRight(verify(chain, bundle, t0)))
})

verify.run()
bundles.run()
ident.run()
verifier.run()
