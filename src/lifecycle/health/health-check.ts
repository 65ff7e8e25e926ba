import * as E from 'fp-ts/lib/Either.js'
import type { Request } from '../../core/request.js'

/** A check's answer: `right` when healthy, `left` with the reason (logged, or shown on the per-check path). */
export type CheckResult = E.Either<string, void>

/** A named health check (upstream `healthz.HealthChecker`); sync or async. */
export interface HealthCheck {
  readonly name: string
  readonly check: (req: Request) => CheckResult | Promise<CheckResult>
}

/** The healthy answer, made once. */
export const healthy: CheckResult = E.right(undefined)

/**
 * A check from a name and a function (upstream `NamedCheck`).
 * @example
 * let connected = false
 * const etcd = namedCheck('etcd', () => (connected ? healthy : E.left('etcd not reachable')))
 */
export const namedCheck = (name: string, check: HealthCheck['check']): HealthCheck => ({ name, check })

/** Always healthy (upstream `PingHealthz`). */
export const pingCheck: HealthCheck = namedCheck('ping', () => healthy)

/** Runs a check; a check that throws or rejects is unhealthy with the thrown message. */
export const runCheck = async (check: HealthCheck, req: Request): Promise<CheckResult> => {
  try {
    return await check.check(req)
  } catch (e) {
    return E.left(e instanceof Error ? e.message : String(e))
  }
}
