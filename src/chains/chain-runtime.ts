import type { Clock } from '../core/clock.js'
import { systemClock } from '../core/clock.js'
import { type RateLimitedSafeWaitGroup, newRateLimitedSafeWaitGroup } from '../sync/rate-limited-wait-group.js'
import { type SafeWaitGroup, newSafeWaitGroup } from '../sync/safe-wait-group.js'
import { type MaxInFlightConfig, type MaxInFlightSeats, maxInFlightSeats } from '../filters/with-max-in-flight.js'

/**
 * The mutable state a chain shares with the server running it: the wait groups the lifecycle drains at
 * shutdown, and the in-flight seats (observable for metrics). Part of a `ServerContext`, made once per server.
 */
export interface ChainRuntime {
  /** Non-long-running requests, drained at shutdown before InFlightRequestsDrained. */
  readonly nonLongRunningRequestWaitGroup: SafeWaitGroup
  /** Watches tracked by `watch-termination`, drained (rate-limited) at shutdown when its grace period is above 0. */
  readonly watchRequestWaitGroup: RateLimitedSafeWaitGroup
  /**
   * The max-in-flight seats for these limits: made on the first call, the same seats on every later call
   * with the same limits, so the chain that takes them and whoever observes them count one pool.
   */
  readonly maxInFlightSeats: (limits: MaxInFlightConfig) => MaxInFlightSeats
}

/** Fresh runtime state: empty wait groups, no seats taken. */
export const newChainRuntime = (clock: Clock = systemClock): ChainRuntime => {
  const seats = new Map<string, MaxInFlightSeats>()
  return {
    nonLongRunningRequestWaitGroup: newSafeWaitGroup(),
    watchRequestWaitGroup: newRateLimitedSafeWaitGroup(clock),
    maxInFlightSeats: (limits) => {
      const key = `${limits.maxRequestsInFlight}/${limits.maxMutatingRequestsInFlight}`
      const made = seats.get(key) ?? maxInFlightSeats(limits)
      seats.set(key, made)
      return made
    },
  }
}
