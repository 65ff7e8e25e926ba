import type { Clock } from '../../core/clock.js'
import { type HealthCheck, healthy } from './health-check.js'

/**
 * Upstream `delayedHealthCheck` (livez grace period): healthy until `delayMs` after this call, then the
 * check itself. The grace starts when the check is registered.
 * @example
 * const started = newLatch('start-informers')
 * const livez = delayedCheck(postStartHookCheck('start-informers', started), deps.clock, 10_000)
 */
export const delayedCheck = (check: HealthCheck, clock: Clock, delayMs: number): HealthCheck => {
  const start = clock.now() + delayMs
  return { name: check.name, check: (req) => (clock.now() > start ? check.check(req) : healthy) }
}
