import * as E from 'fp-ts/lib/Either.js'
import * as O from 'fp-ts/lib/Option.js'
import type { Clock } from '../core/clock.js'
import type { AuthResult, Authenticator } from './authenticator.js'
import { type CaBundle, type VerifiedClient, certificateIdentifier, clientVerifier } from './client-chain.js'
import { type PeerChain, peerCertificates } from './peer-certificates.js'
import type { UserInfo } from './user.js'

const noOpinion: AuthResult = E.right(O.none)
const credentialIdKey = 'authentication.kubernetes.io/credential-id'

/**
 * Authenticates by client certificate (upstream `x509.NewDynamic` with `CommonNameUserConversion`): no
 * certificate or an empty bundle → no opinion; a chain that does not verify against `caBundle()` at
 * `clock.now()` → `verifying certificate SN=.., SKID=.., AKID=.. failed: <x509 error>`; an empty CN → no
 * opinion; else user = CN, groups = O values, extra credential-id `X509SHA256=<hex>`. The bundle is read
 * per request, so a reloaded CA takes effect at once. A chain that verified is not verified again on
 * the same connection with the same bundle while its certificates are valid (`clientVerifier`).
 * Port note: the subject UID attribute (gate `AllowParsingUserUIDFromCertAuth`) is not read: uid is ''.
 * @example
 * const auth = x509Authenticator(() => bundle, defaultDeps.clock)
 */
export const x509Authenticator = (
  caBundle: () => CaBundle,
  clock: Pick<Clock, 'now'>,
  peerChain: PeerChain = peerCertificates,
): Authenticator => {
  const verify = clientVerifier()
  const users = new WeakMap<VerifiedClient, AuthResult>()
  return (req) => {
    const chain = peerChain(req)
    const leaf = chain[0]
    const bundle = caBundle()
    if (leaf === undefined || bundle.certificates.length === 0) return noOpinion
    const verified = verify(chain, bundle, clock.now())
    if (E.isLeft(verified))
      return E.left({
        _tag: 'AuthFailure',
        authenticator: 'x509',
        message: `verifying certificate ${certificateIdentifier(leaf)} failed: ${verified.left}`,
      })
    const known = users.get(verified.right)
    if (known !== undefined) return known
    const result = userOf(verified.right)
    users.set(verified.right, result)
    return result
  }
}

/** CN = user, O = groups, and the leaf's SHA-256 as credential id; no opinion on an empty CN. */
const userOf = (client: VerifiedClient): AuthResult => {
  if (client.commonName === '') return noOpinion
  const fingerprint = client.leaf.fingerprint256.replace(/:/g, '').toLowerCase()
  const user: UserInfo = {
    name: client.commonName,
    uid: '',
    groups: client.organizations,
    extra: { [credentialIdKey]: [`X509SHA256=${fingerprint}`] },
  }
  return E.right(O.some({ user, audiences: [] }))
}
