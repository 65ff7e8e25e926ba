import { type Latch, newLatch } from './latch.js'

/** A server's named lifecycle signals (upstream `lifecycleSignals`, reference §6.1), each a one-shot latch. */
export interface LifecycleSignals {
  /** The run's stop signal aborted; `/readyz` turns red. */
  readonly shutdownInitiated: Latch
  /** `shutdownDelayDuration` after ShutdownInitiated. */
  readonly afterShutdownDelayDuration: Latch
  /** Every pre-shutdown hook returned (also when some failed). */
  readonly preShutdownHooksStopped: Latch
  /** AfterShutdownDelayDuration and PreShutdownHooksStopped: new requests get 429 from here on. */
  readonly notAcceptingNewRequest: Latch
  /** The non-long-running wait group and the watch drain are done. */
  readonly inFlightRequestsDrained: Latch
  /** The listener no longer accepts connections. */
  readonly httpServerStoppedListening: Latch
  /** `/readyz` succeeded for the first time. */
  readonly hasBeenReady: Latch
  /** Every registered mux-and-discovery signal fired. */
  readonly muxAndDiscoveryComplete: Latch
}

/** Upstream's signal names, in the order of `LifecycleSignals`. */
export const lifecycleSignalNames = {
  shutdownInitiated: 'ShutdownInitiated',
  afterShutdownDelayDuration: 'AfterShutdownDelayDuration',
  preShutdownHooksStopped: 'PreShutdownHooksStopped',
  notAcceptingNewRequest: 'NotAcceptingNewRequest',
  inFlightRequestsDrained: 'InFlightRequestsDrained',
  httpServerStoppedListening: 'HTTPServerStoppedListening',
  hasBeenReady: 'HasBeenReady',
  muxAndDiscoveryComplete: 'MuxAndDiscoveryComplete',
} as const satisfies Record<keyof LifecycleSignals, string>

/**
 * Makes a fresh set of lifecycle signals. `onFire` (if given) is called with a signal's name the moment
 * it fires for the first time, before anyone awaiting it runs: a recorder sees the true firing order.
 * @example
 * const fired: string[] = []
 * const signals = newLifecycleSignals((name) => fired.push(name))
 * signals.shutdownInitiated.fire() // fired = ['ShutdownInitiated']
 */
export const newLifecycleSignals = (onFire?: (name: string) => void): LifecycleSignals => {
  const make = (name: string): Latch => (onFire === undefined ? newLatch(name) : observed(newLatch(name), onFire))
  const n = lifecycleSignalNames
  return {
    shutdownInitiated: make(n.shutdownInitiated),
    afterShutdownDelayDuration: make(n.afterShutdownDelayDuration),
    preShutdownHooksStopped: make(n.preShutdownHooksStopped),
    notAcceptingNewRequest: make(n.notAcceptingNewRequest),
    inFlightRequestsDrained: make(n.inFlightRequestsDrained),
    httpServerStoppedListening: make(n.httpServerStoppedListening),
    hasBeenReady: make(n.hasBeenReady),
    muxAndDiscoveryComplete: make(n.muxAndDiscoveryComplete),
  }
}

const observed = (latch: Latch, onFire: (name: string) => void): Latch => ({
  ...latch,
  fire: () => {
    if (latch.isFired()) return
    latch.fire()
    onFire(latch.name)
  },
})
