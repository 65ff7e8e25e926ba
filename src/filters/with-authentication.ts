import * as E from 'fp-ts/lib/Either.js'
import * as O from 'fp-ts/lib/Option.js'
import * as t from 'io-ts'
import type { AuthResponse, AuthResult, Authenticator } from '../auth/authenticator.js'
import { bearerProtocolPrefix, withoutTokenProtocol } from '../auth/token-authenticator.js'
import { type UserInfo, userKey, wellKnown } from '../auth/user.js'
import type { Deps } from '../core/deps.js'
import type { Filter, Handler } from '../core/handler.js'
import { mapAnswer } from '../core/exit.js'
import { type Headers, type RawRequest, type Request, get, put, withHeaders } from '../core/request.js'
import { setHeader } from '../core/response.js'
import { type Step, step } from '../core/step.js'
import { toResponse } from '../core/status.js'
import { unauthorized } from '../core/status-errors.js'
import { requestInfoKey } from '../request/request-info.js'
import { internalErrorResponse } from '../core/internal-error-response.js'
import type { AuthMetrics } from '../metrics/auth-metrics.js'
import { noRequestInfoMessage } from './with-wait-group.js'

/** Options of `withAuthentication`: API audiences and the configured front-proxy headers to strip. */
export const AuthenticationConfig = t.readonly(
  t.type({
    apiAudiences: t.readonlyArray(t.string),
    requestheaderUsernameHeaders: t.readonlyArray(t.string),
    requestheaderUIDHeaders: t.readonlyArray(t.string),
    requestheaderGroupHeaders: t.readonlyArray(t.string),
    requestheaderExtraHeaderPrefixes: t.readonlyArray(t.string),
  }),
)
export type AuthenticationConfig = t.TypeOf<typeof AuthenticationConfig>

/** No API audiences, no extra front-proxy headers (the standard `X-Remote-*` ones are always stripped). */
export const authenticationDefaults: AuthenticationConfig = {
  apiAudiences: [],
  requestheaderUsernameHeaders: [],
  requestheaderUIDHeaders: [],
  requestheaderGroupHeaders: [],
  requestheaderExtraHeaderPrefixes: [],
}

const closeConnection = setHeader('connection', 'close')

/**
 * Upstream `WithAuthentication`: authenticates the request; a failure, no opinion, or audiences that do
 * not meet `apiAudiences` (both non-empty, no common entry) go to `failed` (the reason is logged, never
 * sent). On success the user is put as `User`, and the request passed inward loses `Authorization`, the
 * front-proxy identity headers (`X-Remote-User`, `-Uid`, `-Group`, `X-Remote-Extra-*` and the configured
 * ones) and any token websocket subprotocol; an anonymous user on HTTP/2 gets `Connection: close`.
 * With `metrics`, each attempt is recorded as upstream: result `error` (the authenticator failed, or no
 * audience matched), `failure` (no opinion) or `success` (and the user, collapsed), with the time the
 * authenticator took.
 * Port note: upstream deletes the headers from the shared request; here only `req.headers` of the inner
 * Request changes (`req.raw.headers` is node's and is left alone). A stripped header is gone with all its
 * lines: `headerValues` reads node's lines only for a header the Request still holds. Upstream records the
 * metrics when the inner handler returns; here at once (the values are the same).
 * @example
 * const handler = withAuthentication(authenticator, unauthorizedHandler(defaultDeps), authenticationDefaults, defaultDeps)(inner)
 */
export const withAuthentication = (
  authenticator: Authenticator,
  failed: Handler,
  cfg: AuthenticationConfig,
  deps: Pick<Deps, 'log'>,
  metrics?: AuthMetrics,
): Filter => {
  const strip = headerStripper(cfg)
  const judge = verdict(audienceCheck(cfg.apiAudiences), deps)
  const authenticate = metrics === undefined ? (req: Request) => judge(authenticator(req)) : timed(authenticator, judge, metrics)
  return (next) => (req) => {
    const response = authenticate(req)
    if (typeof response === 'string') return failed(req)
    const inner = put(withHeaders(req, strip(req.headers)), userKey, response.user)
    return isHttp2(req.raw) && isAnonymous(response.user) ? mapAnswer(next, inner, closeConnection, undefined) : next(inner)
  }
}

/** The `authentication` step (`metrics` as `withAuthentication`'s): needs `RequestInfo` (for the 401), provides `User`, inside `cors`, outside what reads the user. */
export const authenticationStep = (
  authenticator: Authenticator,
  failed: Handler,
  cfg: AuthenticationConfig,
  deps: Pick<Deps, 'log'>,
  metrics?: AuthMetrics,
): Step =>
  step('authentication', withAuthentication(authenticator, failed, cfg, deps, metrics), {
    needs: [requestInfoKey],
    provides: [userKey],
    inside: ['cors'],
    outside: ['tracing', 'audit', 'impersonation', 'priority-and-fairness', 'max-in-flight', 'authorization'],
  })

/**
 * Upstream `Unauthorized`: 401 Status `Unauthorized` (no `WWW-Authenticate`), with `Connection: close`
 * on HTTP/2; no RequestInfo → upstream's 500 text. The body is encoded once, at build time.
 * @example
 * const failed = unauthorizedHandler(defaultDeps)
 */
export const unauthorizedHandler = (deps: Pick<Deps, 'log'>): Handler => {
  const plain = toResponse(unauthorized('Unauthorized'))
  const closing = closeConnection(toResponse(unauthorized('Unauthorized')))
  return (req) =>
    O.isNone(get(req, requestInfoKey)) ? internalErrorResponse(req, noRequestInfoMessage, deps.log) : isHttp2(req.raw) ? closing : plain
}

const isHttp2 = (raw: RawRequest | undefined): boolean => raw !== undefined && raw.httpVersionMajor === 2

const isAnonymous = (user: UserInfo): boolean => user.name === wellKnown.anonymous || user.groups.includes(wellKnown.allUnauthenticated)

/** An accepted authentication, or upstream's metric result for a refused one. */
type Verdict = AuthResponse | 'failure' | 'error'

/** Judges an authenticator's answer; the reason for an `error` is logged, never sent. */
const verdict =
  (accepted: ReturnType<typeof audienceCheck>, deps: Pick<Deps, 'log'>) =>
  (result: AuthResult): Verdict => {
    if (E.isLeft(result)) {
      deps.log({
        level: 'error',
        msg: 'unable to authenticate the request',
        fields: { authenticator: result.left.authenticator, reason: result.left.message },
      })
      return 'error'
    }
    if (O.isNone(result.right)) return 'failure'
    return accepted(result.right.value, deps) ? result.right.value : 'error'
  }

/** Authenticates and judges, recording the verdict with the authenticator's time (only its call is timed, as upstream). */
const timed =
  (authenticator: Authenticator, judge: (result: AuthResult) => Verdict, metrics: AuthMetrics) =>
  (req: Request): Verdict => {
    const start = metrics.now()
    const result = authenticator(req)
    const seconds = metrics.now() - start
    const v = judge(result)
    if (typeof v === 'string') metrics.authentication(v, seconds, '')
    else metrics.authentication('success', seconds, v.user.name)
    return v
  }

const audienceCheck = (apiAudiences: ReadonlyArray<string>) => {
  if (apiAudiences.length === 0) return () => true
  return (response: AuthResponse, deps: Pick<Deps, 'log'>): boolean => {
    if (response.audiences.length === 0 || response.audiences.some((a) => apiAudiences.includes(a))) return true
    deps.log({
      level: 'error',
      msg: `unable to match the audience: [${response.audiences.join(' ')}] , accepted: [${apiAudiences.join(' ')}]`,
    })
    return false
  }
}

/**
 * Builds the header filter once: which names go, which prefixes go. Per request one pass finds whether
 * anything must go (usually `authorization`) and a second copies the rest; with nothing to strip the
 * headers object is passed on as it is.
 */
const headerStripper = (cfg: AuthenticationConfig): ((headers: Headers) => Headers) => {
  const lower = (names: ReadonlyArray<string>) => names.map((n) => n.trim().toLowerCase()).filter((n) => n !== '')
  const names = new Set([
    'authorization',
    'x-remote-user',
    'x-remote-uid',
    'x-remote-group',
    ...lower(cfg.requestheaderUsernameHeaders),
    ...lower(cfg.requestheaderUIDHeaders),
    ...lower(cfg.requestheaderGroupHeaders),
  ])
  const prefixes = [...new Set(['x-remote-extra-', ...lower(cfg.requestheaderExtraHeaderPrefixes)])]
  const goes = (k: string): boolean => {
    if (names.has(k)) return true
    for (const p of prefixes) if (k.startsWith(p)) return true
    return false
  }
  const rewrites = (k: string, v: Headers[string]): boolean =>
    k === 'sec-websocket-protocol' && typeof v === 'string' && v.includes(bearerProtocolPrefix)
  const touched = (headers: Headers): boolean => {
    for (const k in headers) if (goes(k) || rewrites(k, headers[k])) return true
    return false
  }
  return (headers) => {
    if (!touched(headers)) return headers
    const out: Record<string, string | ReadonlyArray<string> | undefined> = {}
    for (const k in headers) {
      if (goes(k)) continue
      const v = headers[k]
      out[k] = rewrites(k, v) ? withoutTokenProtocol(v as string) : v
    }
    return out
  }
}
