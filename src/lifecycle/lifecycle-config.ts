import * as t from 'io-ts'
import { Millis } from '../config/codecs.js'

/** The lifecycle part of upstream's server `Config`; durations in milliseconds. */
export const LifecycleConfig = t.readonly(
  t.type({
    /** Time between ShutdownInitiated (readyz red) and AfterShutdownDelayDuration. */
    shutdownDelayDuration: Millis,
    /** How long serving waits for active requests once it stops (upstream: the request timeout). */
    shutdownTimeout: Millis,
    /** Keep listening and answer 429 until drained, then stop with a 2 s timeout. */
    shutdownSendRetryAfter: t.boolean,
    /** Watch drain grace period; 0 does not wait for watches. */
    shutdownWatchTerminationGracePeriod: Millis,
    /** Boot-sequence checks report ok on /livez until this long after their registration. */
    livezGracePeriod: Millis,
    /** Post-start hooks that are silently not registered. */
    disabledPostStartHooks: t.readonlyArray(t.string),
  }),
)
export type LifecycleConfig = t.TypeOf<typeof LifecycleConfig>

/** Upstream's `NewConfig` defaults for these fields (shutdown timeout = the 60 s request timeout). */
export const lifecycleDefaults: LifecycleConfig = {
  shutdownDelayDuration: 0,
  shutdownTimeout: 60_000,
  shutdownSendRetryAfter: false,
  shutdownWatchTerminationGracePeriod: 0,
  livezGracePeriod: 0,
  disabledPostStartHooks: [],
}
