import type { Config } from '../config/server-config.js'
import type { Clock } from '../core/clock.js'
import { systemClock } from '../core/clock.js'
import { type RateLimitedSafeWaitGroup, newRateLimitedSafeWaitGroup } from '../sync/rate-limited-wait-group.js'
import { type SafeWaitGroup, newSafeWaitGroup } from '../sync/safe-wait-group.js'
import { type MaxInFlightSeats, maxInFlightSeats } from '../filters/with-max-in-flight.js'

/**
 * The mutable state a chain shares with the server running it: the wait group the lifecycle drains at
 * shutdown, and the in-flight seats (observable for metrics). Made once per server.
 */
export interface ChainRuntime {
  readonly nonLongRunningRequestWaitGroup: SafeWaitGroup
  readonly maxInFlightSeats: MaxInFlightSeats
  /** Watches tracked by `watch-termination`, drained (rate-limited) at shutdown when its grace period is above 0. */
  readonly watchRequestWaitGroup: RateLimitedSafeWaitGroup
}

/** Fresh runtime state for a chain built from `cfg`. */
export const newChainRuntime = (cfg: Config, clock: Clock = systemClock): ChainRuntime => ({
  nonLongRunningRequestWaitGroup: newSafeWaitGroup(),
  maxInFlightSeats: maxInFlightSeats(cfg),
  watchRequestWaitGroup: newRateLimitedSafeWaitGroup(clock),
})
