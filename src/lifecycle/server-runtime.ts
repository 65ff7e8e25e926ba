import type * as E from 'fp-ts/lib/Either.js'
import type { SafeWaitGroup } from '../sync/safe-wait-group.js'
import type { RateLimitedSafeWaitGroup } from '../sync/rate-limited-wait-group.js'
import type { LifecycleSignals } from './lifecycle-signals.js'

/**
 * The shared state a server's chain and its shutdown both use: the wait group drained at shutdown
 * and, when watches are drained, the watch wait group. `ChainRuntime` (src/chains) is one.
 */
export interface ServerRuntime {
  readonly nonLongRunningRequestWaitGroup: SafeWaitGroup
  readonly watchRequestWaitGroup?: RateLimitedSafeWaitGroup
}

/** What a server's chain builder gets, so its retry-after, watch-termination and mux-complete steps see this server's latches. */
export interface ChainContext<R extends ServerRuntime = ServerRuntime> {
  readonly signals: LifecycleSignals
  readonly runtime: R
}

/** The part of an audit backend the lifecycle drives: started before serving, shut down (flushed) after the drain. */
export interface AuditBackendLifecycle {
  /** Called before serving starts with a promise resolved at InFlightRequestsDrained; `left` aborts the run. */
  readonly run?: (drained: Promise<void>) => E.Either<string, void>
  readonly shutdown: () => Promise<void>
}
