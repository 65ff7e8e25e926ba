import { validateCorsAllowedOrigins } from '../../filters/with-cors.js'
import { validateHstsDirectives } from '../../filters/with-hsts.js'
import type { Problem } from '../problems.js'
import { flagProblem } from './flag-problem.js'
import type { ServerRunOptions } from './serve-options.js'

/**
 * Upstream's `ServerRunOptions.Validate`, every rule with its message: no negative limits, timeouts or
 * shutdown durations, a GOAWAY chance in [0, 0.02], valid HSTS directives and CORS patterns that
 * compile and pin the host.
 * Port note: a zero `--request-timeout` is refused too (upstream only refuses negative values).
 * @example
 * validateServerRun({ ...serveOptionsDefaults.serverRun, maxRequestsInFlight: -1 })
 * // [{ path: '--max-requests-inflight', message: '--max-requests-inflight can not be negative value' }]
 */
export const validateServerRun = (o: ServerRunOptions): ReadonlyArray<Problem> => [
  ...check(o.livezGracePeriod < 0, 'livez-grace-period', '--livez-grace-period can not be a negative value'),
  ...check(o.maxRequestsInFlight < 0, 'max-requests-inflight', '--max-requests-inflight can not be negative value'),
  ...check(
    o.maxMutatingRequestsInFlight < 0,
    'max-mutating-requests-inflight',
    '--max-mutating-requests-inflight can not be negative value',
  ),
  ...check(o.requestTimeout < 0, 'request-timeout', '--request-timeout can not be negative value'),
  ...check(o.requestTimeout === 0, 'request-timeout', 'expected a positive duration, got 0s'),
  ...check(o.goawayChance < 0 || o.goawayChance > 0.02, 'goaway-chance', '--goaway-chance can not be less than 0 or greater than 0.02'),
  ...check(o.minRequestTimeout < 0, 'min-request-timeout', '--min-request-timeout can not be negative value'),
  ...check(o.shutdownDelayDuration < 0, 'shutdown-delay-duration', '--shutdown-delay-duration can not be negative value'),
  ...check(
    o.shutdownWatchTerminationGracePeriod < 0,
    'shutdown-watch-termination-grace-period',
    'shutdown-watch-termination-grace-period, if provided, can not be a negative value',
  ),
  ...validateHstsDirectives(o.hstsDirectives).map((m) => flagProblem('strict-transport-security-directives', m)),
  ...validateCorsAllowedOrigins(o.corsAllowedOriginList).map((m) => flagProblem('cors-allowed-origins', m)),
]

const check = (bad: boolean, flag: string, message: string): ReadonlyArray<Problem> => (bad ? [flagProblem(flag, message)] : [])
