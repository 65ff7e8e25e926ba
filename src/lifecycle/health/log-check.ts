import * as E from 'fp-ts/lib/Either.js'
import type { Clock } from '../../core/clock.js'
import { type HealthCheck, healthy } from './health-check.js'

const minute = 60_000
const blocked = E.left('logging blocked')

/**
 * Upstream `LogHealthz`: on first use starts a timer that ticks every minute; fails with `logging
 * blocked` once the last tick is two minutes old or more.
 * Port note: upstream's tick flushes klog; here it proves the event loop still runs timers (our logger
 * writes synchronously, there is nothing to flush).
 * @example
 * const checks = [pingCheck, logCheck(deps.clock)]
 */
export const logCheck = (clock: Clock): HealthCheck => {
  let last: number | undefined
  const tick = (): void => {
    last = clock.now()
    clock.setTimer(tick, minute)
  }
  return {
    name: 'log',
    check: () => {
      if (last === undefined) tick()
      return clock.now() - (last ?? 0) < 2 * minute ? healthy : blocked
    },
  }
}
