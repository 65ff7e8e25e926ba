import type { Config } from '../config/server-config.js'
import { type SafeWaitGroup, newSafeWaitGroup } from '../filters/safe-wait-group.js'
import { type MaxInFlightSeats, maxInFlightSeats } from '../filters/with-max-in-flight.js'

/**
 * The mutable state a chain shares with the server running it: the wait group the lifecycle drains at
 * shutdown, and the in-flight seats (observable for metrics). Made once per server.
 */
export interface ChainRuntime {
  readonly nonLongRunningRequestWaitGroup: SafeWaitGroup
  readonly maxInFlightSeats: MaxInFlightSeats
}

/** Fresh runtime state for a chain built from `cfg`. */
export const newChainRuntime = (cfg: Config): ChainRuntime => ({
  nonLongRunningRequestWaitGroup: newSafeWaitGroup(),
  maxInFlightSeats: maxInFlightSeats(cfg),
})
