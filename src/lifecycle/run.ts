import * as E from 'fp-ts/lib/Either.js'
import * as O from 'fp-ts/lib/Option.js'
import type * as TE from 'fp-ts/lib/TaskEither.js'
import { watchDrainLimits } from '../sync/rate-limited-wait-group.js'
import type { Serving } from '../serve/serving.js'
import type { GenericServer } from './generic-server.js'
import { runPreShutdownHooks } from './hooks.js'
import { type LifecycleError, lifecycleError } from './lifecycle-error.js'
import { nonBlockingRun } from './non-blocking-run.js'
import type { PreparedServer } from './prepare-run.js'
import { whenAborted } from './when-aborted.js'

/** Upstream's HTTP server shutdown timeout in ShutdownSendRetryAfter mode (net/http waits ~1 s for GOAWAY acks). */
const retryAfterShutdownTimeout = 2_000

/**
 * Upstream `RunWithContext` (reference §6.3): serves until `stop` aborts, then shuts down gracefully.
 * ShutdownInitiated (readyz red) → after `shutdownDelayDuration`, AfterShutdownDelayDuration; the
 * pre-shutdown hooks run meanwhile → PreShutdownHooksStopped; both → NotAcceptingNewRequest (new
 * requests get 429). Then the listener closes at once, or, with `shutdownSendRetryAfter`, only once
 * in-flight requests drained (shutdown timeout 2 s). InFlightRequestsDrained follows the wait group
 * (and the watch drain); then the audit backend is shut down (flushed) and the Task ends when serving
 * stopped. `left` when the audit backend or serving cannot start, or a pre-shutdown hook failed.
 * Port note: upstream's `Destroy` and debug socket have no counterpart; with no `serve` function the
 * Task does not wait for a listener (upstream would block forever).
 * @example
 * const r = await run(prepared, setupSignalHandler())()
 */
export const run =
  (prepared: PreparedServer, stop: AbortSignal): TE.TaskEither<LifecycleError, void> =>
  async () => {
    const server = prepared.server
    const { signals, config } = server
    watchMuxAndDiscovery(server, stop)
    startShutdownDelay(server, stop)
    const httpStop = new AbortController()
    const timeToStop = config.shutdownSendRetryAfter ? signals.inFlightRequestsDrained : signals.notAcceptingNewRequest
    void timeToStop.fired.then(() => httpStop.abort())
    const audit = server.auditBackend?.run?.(signals.inFlightRequestsDrained.fired) ?? E.right(undefined)
    if (E.isLeft(audit)) return E.left(lifecycleError('AuditRunFailed', `failed to run the audit backend: ${audit.left}`))
    const timeout = config.shutdownSendRetryAfter ? retryAfterShutdownTimeout : config.shutdownTimeout
    const started = await nonBlockingRun(prepared, httpStop.signal, timeout)()
    if (E.isLeft(started)) return started
    const serving = started.right
    if (O.isSome(serving)) void serving.value.listenerStopped.then(signals.httpServerStoppedListening.fire)
    void Promise.all([signals.afterShutdownDelayDuration.fired, signals.preShutdownHooksStopped.fired]).then(
      signals.notAcceptingNewRequest.fire,
    )
    void drainInFlight(server).then(signals.inFlightRequestsDrained.fire)
    await whenAborted(stop)
    return shutdown(server, serving)
  }

/** Steps 15–18: pre-shutdown hooks, the drain, the audit flush, then serving stopped. */
const shutdown = async (server: GenericServer, serving: O.Option<Serving>): Promise<E.Either<LifecycleError, void>> => {
  const { signals, deps } = server
  server.state.preShutdownHooksCalled = true
  const hooks = await runPreShutdownHooks(server.preShutdownHooks)
  signals.preShutdownHooksStopped.fire()
  if (E.isLeft(hooks)) return E.left(lifecycleError('PreShutdownHookFailed', hooks.left))
  await signals.inFlightRequestsDrained.fired
  if (server.auditBackend !== undefined) {
    await server.auditBackend.shutdown().catch((e: unknown) => deps.log({ level: 'error', msg: 'audit backend shutdown failed', error: e }))
  }
  if (O.isSome(serving)) await Promise.all([serving.value.listenerStopped, serving.value.stopped])
  deps.log({ level: 'info', v: 1, msg: '[graceful-termination] apiserver is exiting' })
  return E.right(undefined)
}

/** Fires MuxAndDiscoveryComplete once every registered signal fired, unless `stop` comes first. */
const watchMuxAndDiscovery = (server: GenericServer, stop: AbortSignal): void => {
  const all = Promise.all(server.muxAndDiscoveryCompleteSignals.map((l) => l.fired))
  void Promise.race([all.then(() => true), whenAborted(stop).then(() => false)]).then((complete) => {
    if (complete && !stop.aborted) server.signals.muxAndDiscoveryComplete.fire()
  })
}

/** On stop: ShutdownInitiated at once, AfterShutdownDelayDuration `shutdownDelayDuration` later (on the injected clock). */
const startShutdownDelay = (server: GenericServer, stop: AbortSignal): void => {
  const { signals, config, deps } = server
  void whenAborted(stop).then(() => {
    signals.shutdownInitiated.fire()
    if (config.shutdownDelayDuration <= 0) return signals.afterShutdownDelayDuration.fire()
    deps.clock.setTimer(signals.afterShutdownDelayDuration.fire, config.shutdownDelayDuration)
  })
}

/** From NotAcceptingNewRequest: waits for the non-long-running wait group and (grace > 0) the watch drain. */
const drainInFlight = async (server: GenericServer): Promise<void> => {
  const { signals, runtime, config, deps } = server
  await signals.notAcceptingNewRequest.fired
  const watches = runtime.watchRequestWaitGroup
  const grace = config.shutdownWatchTerminationGracePeriod
  const drainWatches = async (): Promise<void> => {
    if (grace <= 0 || watches === undefined) return
    const r = await watches.wait(watchDrainLimits(grace))
    const fields = { duration: grace, activeWatchesBefore: r.before, activeWatchesAfter: r.after, error: O.toUndefined(r.error) }
    deps.log({ level: 'info', v: 1, msg: '[graceful-termination] active watch request(s) have drained', fields })
  }
  await Promise.all([runtime.nonLongRunningRequestWaitGroup.wait(), drainWatches()])
}
