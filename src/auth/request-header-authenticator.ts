import * as E from 'fp-ts/lib/Either.js'
import * as O from 'fp-ts/lib/Option.js'
import * as t from 'io-ts'
import type { Clock } from '../core/clock.js'
import { type Request, headerValues } from '../core/request.js'
import type { AuthResult, Authenticator } from './authenticator.js'
import { type PeerChain, peerCertificates } from './peer-certificates.js'
import type { UserInfo } from './user.js'
import { type CaBundle, clientVerifier } from './client-chain.js'

/** The front-proxy options, named as upstream's `--requestheader-*` flags. */
export const RequestHeaderConfig = t.readonly(
  t.type({
    requestheaderUsernameHeaders: t.readonlyArray(t.string),
    requestheaderUIDHeaders: t.readonlyArray(t.string),
    requestheaderGroupHeaders: t.readonlyArray(t.string),
    requestheaderExtraHeaderPrefixes: t.readonlyArray(t.string),
    requestheaderAllowedNames: t.readonlyArray(t.string),
    /** PEM bundle of the proxy's client CA; loaded by the caller and given as a `() => CaBundle`. */
    requestheaderClientCAFile: t.string,
  }),
)
export type RequestHeaderConfig = t.TypeOf<typeof RequestHeaderConfig>

/** Upstream's delegated-authentication defaults: `X-Remote-User`, `-Uid`, `-Group`, `X-Remote-Extra-`, any proxy name. */
export const requestHeaderDefaults: RequestHeaderConfig = {
  requestheaderUsernameHeaders: ['X-Remote-User'],
  requestheaderUIDHeaders: ['X-Remote-Uid'],
  requestheaderGroupHeaders: ['X-Remote-Group'],
  requestheaderExtraHeaderPrefixes: ['X-Remote-Extra-'],
  requestheaderAllowedNames: [],
  requestheaderClientCAFile: '',
}

const noOpinion: AuthResult = E.right(O.none)
const failure = (message: string): AuthResult => E.left({ _tag: 'AuthFailure', authenticator: 'requestheader', message })

/**
 * Front-proxy authentication (upstream `headerrequest.NewDynamicVerifyOptionsSecure`): only a request whose
 * client certificate verifies against the proxy CA (`caBundle()`, read per request so reloads apply; a chain
 * that verified is not verified again on its connection while bundle and validity hold) with
 * extended key usage client auth, and whose CN is in `requestheaderAllowedNames` (any CN when empty), may
 * name its user in headers: the first line of the first username header whose first line is not empty
 * (else no opinion), the same for the UID headers, every non-empty line of the group headers, and `extra`
 * from every line of headers with an extra prefix (key = rest of the name, lower-cased and `%`-unescaped;
 * a bad escape keeps the key as is). Repeated header lines are separate values, never one joined value.
 * Without a client certificate or with an empty bundle: no opinion, so forged `X-Remote-*` headers are ignored.
 * Verification failures carry Go's x509 text; a CN not allowed is `x509: subject with cn=<cn> is not in the allowed list`.
 * @example
 * const auth = requestHeaderAuthenticator(requestHeaderDefaults, () => bundle, defaultDeps.clock)
 */
export const requestHeaderAuthenticator = (
  cfg: RequestHeaderConfig,
  caBundle: () => CaBundle,
  clock: Pick<Clock, 'now'>,
  peerChain: PeerChain = peerCertificates,
): Authenticator => {
  const names = lower(cfg.requestheaderUsernameHeaders)
  const uids = lower(cfg.requestheaderUIDHeaders)
  const groups = lower(cfg.requestheaderGroupHeaders)
  const prefixes = lower(cfg.requestheaderExtraHeaderPrefixes)
  const allowed = cfg.requestheaderAllowedNames
  const verify = clientVerifier()
  return (req) => {
    const chain = peerChain(req)
    const bundle = caBundle()
    if (chain.length === 0 || bundle.certificates.length === 0) return noOpinion
    const verified = verify(chain, bundle, clock.now())
    if (E.isLeft(verified)) return failure(verified.left)
    const cn = verified.right.commonName
    if (allowed.length > 0 && !allowed.includes(cn)) return failure(`x509: subject with cn=${cn} is not in the allowed list`)
    const name = firstValue(req, names)
    if (name === '') return noOpinion
    const user: UserInfo = { name, uid: firstValue(req, uids), groups: allValues(req, groups), extra: extraOf(req, prefixes) }
    return E.right(O.some({ user, audiences: [] }))
  }
}

const lower = (names: ReadonlyArray<string>): ReadonlyArray<string> => names.map((n) => n.trim().toLowerCase()).filter((n) => n !== '')

/** Upstream `headerValue`: the first line (Go's `Header.Get`) of the first header whose first line is not empty. */
const firstValue = (req: Request, names: ReadonlyArray<string>): string => {
  for (const name of names) {
    const v = headerValues(req, name)[0]
    if (v !== undefined && v !== '') return v
  }
  return ''
}

const allValues = (req: Request, names: ReadonlyArray<string>): ReadonlyArray<string> =>
  names.flatMap((name) => headerValues(req, name).filter((v) => v !== ''))

const extraOf = (req: Request, prefixes: ReadonlyArray<string>): Record<string, ReadonlyArray<string>> => {
  const extra: Record<string, string[]> = {}
  for (const prefix of prefixes) {
    for (const name in req.headers) {
      if (!name.startsWith(prefix)) continue
      const key = unescapeKey(name.slice(prefix.length).toLowerCase())
      ;(extra[key] ??= []).push(...headerValues(req, name))
    }
  }
  return extra
}

const unescapeKey = (encoded: string): string =>
  E.getOrElse(() => encoded)(
    E.tryCatch(
      () => decodeURIComponent(encoded),
      () => encoded,
    ),
  )
