import { type Registry, exponentialBuckets } from 'prom-client'
import { type CounterChild, type HistogramChild, localCounterVec, localHistogramVec } from './local-series.js'

/** Upstream's authentication results: `error` (the authenticator failed, or no audience matched), `failure` (no credentials it knew), `success`. */
export type AuthenticationResult = 'success' | 'failure' | 'error'

/** Upstream's authorization results: `allowed` wins over an error; `error` when the authorizer failed and did not allow. */
export type AuthorizationResult = 'allowed' | 'denied' | 'no-opinion' | 'error'

/**
 * Records upstream's authentication and authorization series (`pkg/endpoints/filters/metrics.go`).
 * The filters read `now` around the authenticator or authorizer call and hand the difference in.
 */
export interface AuthMetrics {
  /** A monotonic clock in seconds, read before and after a decision. */
  readonly now: () => number
  /** One authentication attempt: `authentication_attempts`, `authentication_duration_seconds`, and on success `authenticated_user_requests` for `username` collapsed by `compressUsername`. */
  readonly authentication: (result: AuthenticationResult, seconds: number, username: string) => void
  /** One authorization decision: `authorization_attempts_total` and `authorization_duration_seconds`. */
  readonly authorization: (result: AuthorizationResult, seconds: number) => void
}

/** Upstream's buckets for both duration histograms: 1 ms doubling 15 times (up to 16.384 s). */
export const authDurationBuckets: ReadonlyArray<number> = exponentialBuckets(0.001, 2, 15)

/** Upstream's help texts, with component-base's `[ALPHA]` stability prefix. */
export const authMetricHelp = {
  authenticatedUserRequests: '[ALPHA] Counter of authenticated requests broken out by username.',
  authenticationAttempts: '[ALPHA] Counter of authenticated attempts.',
  authenticationDuration: '[ALPHA] Authentication duration in seconds broken out by result.',
  authorizationAttempts:
    "[ALPHA] Counter of authorization attempts broken down by result. It can be either 'allowed', 'denied', 'no-opinion' or 'error'.",
  authorizationDuration: '[ALPHA] Authorization duration in seconds broken out by result.',
} as const

/**
 * Registers upstream's five auth series in `registry` (names, labels, buckets as upstream; a name already
 * there throws) and records into plain cells resolved here, once (`local-series.ts`): recording adds to
 * numbers and allocates nothing. `now` defaults to `performance.now()` in seconds. As upstream, a series
 * appears at its first observation.
 * @example
 * import { Registry } from 'prom-client'
 * const metrics = authMetrics(new Registry())
 * const filter = withAuthentication(authenticator, unauthorizedHandler(deps), authenticationDefaults, deps, metrics)
 */
export const authMetrics = (registry: Registry, now: () => number = monotonicSeconds): AuthMetrics => {
  const users = localCounterVec(registry, 'authenticated_user_requests', authMetricHelp.authenticatedUserRequests, 'username')
  const userChildren = new Map(compressedUsernames.map((u) => [u, users.child(u)]))
  const authn = children(authenticationResults, registry, 'authentication_attempts', 'authentication_duration_seconds', 'authentication')
  const authz = children(authorizationResults, registry, 'authorization_attempts_total', 'authorization_duration_seconds', 'authorization')
  return {
    now,
    authentication: (result, seconds, username) => {
      const c = authn[result]
      c.attempts.inc()
      c.duration.observe(seconds)
      if (result === 'success') userChildren.get(compressUsername(username))?.inc()
    },
    authorization: (result, seconds) => {
      const c = authz[result]
      c.attempts.inc()
      c.duration.observe(seconds)
    },
  }
}

/**
 * Upstream `compressUsername`: a few well-known identities keep their name, anything with `@` is
 * `email_id`, every other name is `other`, so the series stays small and holds no real user names.
 * @example
 * compressUsername('jane@example.com') // 'email_id'
 */
export const compressUsername = (username: string): string => {
  if (knownUsernames.has(username)) return username
  return username.includes('@') ? 'email_id' : 'other'
}

const knownUsernames: ReadonlySet<string> = new Set([
  'admin',
  'client',
  'kube_proxy',
  'kubelet',
  'system:serviceaccount:kube-system:default',
])

const compressedUsernames = [...knownUsernames, 'email_id', 'other']

const authenticationResults: ReadonlyArray<AuthenticationResult> = ['success', 'failure', 'error']

const authorizationResults: ReadonlyArray<AuthorizationResult> = ['allowed', 'denied', 'no-opinion', 'error']

interface ResultChildren {
  readonly attempts: CounterChild
  readonly duration: HistogramChild
}

/** The attempts counter and duration histogram of one decision, with each result's children. */
const children = <R extends string>(
  results: ReadonlyArray<R>,
  registry: Registry,
  attemptsName: string,
  durationName: string,
  kind: 'authentication' | 'authorization',
): Record<R, ResultChildren> => {
  const help = kind === 'authentication' ? authMetricHelp.authenticationAttempts : authMetricHelp.authorizationAttempts
  const durationHelp = kind === 'authentication' ? authMetricHelp.authenticationDuration : authMetricHelp.authorizationDuration
  const attempts = localCounterVec(registry, attemptsName, help, 'result')
  const duration = localHistogramVec(registry, durationName, durationHelp, 'result', authDurationBuckets)
  const out = {} as Record<R, ResultChildren>
  for (const r of results) out[r] = { attempts: attempts.child(r), duration: duration.child(r) }
  return out
}

const monotonicSeconds = (): number => performance.now() / 1000
