import * as E from 'fp-ts/lib/Either.js'
import * as O from 'fp-ts/lib/Option.js'
import * as t from 'io-ts'
import { type Key, attr } from '../core/attributes.js'
import type { Deps } from '../core/deps.js'
import { type Answer, type Filter, type Handler, identity } from '../core/handler.js'
import { whenDone } from '../core/exit.js'
import { type Request, get, put } from '../core/request.js'
import type { Response } from '../core/response.js'
import { step, type Step } from '../core/step.js'
import { toResponse } from '../core/status.js'
import type { Latch } from '../sync/latch.js'
import { requestInfoKey } from '../request/request-info.js'
import { internalErrorResponse } from '../core/internal-error-response.js'
import type { RequestWaitGroup } from '../sync/safe-wait-group.js'
import { noRequestInfoMessage, waitGroupShuttingDown } from './with-wait-group.js'

/** Watch draining at shutdown: the grace period in milliseconds; 0 switches it off. */
export const WatchTerminationConfig = t.readonly(t.type({ shutdownWatchTerminationGracePeriodMs: t.number }))
export type WatchTerminationConfig = t.TypeOf<typeof WatchTerminationConfig>

/** Upstream's default: no watch draining. */
export const watchTerminationDefaults: WatchTerminationConfig = { shutdownWatchTerminationGracePeriodMs: 0 }

/**
 * The server shutdown signal (upstream `request.WithServerShutdownSignal`): the NotAcceptingNewRequest
 * latch, given to watch requests so their handlers can end the stream when it fires.
 */
export const serverShutdownSignalKey: Key<Latch> = attr<Latch>('ServerShutdownSignal')

/**
 * Upstream `WithWatchTerminationDuringShutdown`: counts every watch (verb `watch`) in `wg` until its
 * stream ended (an answer without a stream: until it was given; see `whenDone`) and gives it the
 * server shutdown signal (`serverShutdownSignalKey`); once the group's wait has started, a new watch
 * gets the wait group's 503 (`Retry-After: 1`). Other verbs pass. Grace
 * period 0: identity; no latch or no group: a warning at build time and identity.
 * @example
 * const notAcceptingNewRequest = newLatch('NotAcceptingNewRequest')
 * const watches = newRateLimitedSafeWaitGroup(deps.clock)
 * const filter = withWatchTerminationDuringShutdown({ shutdownWatchTerminationGracePeriodMs: 30_000 }, notAcceptingNewRequest, watches, deps)
 */
export const withWatchTerminationDuringShutdown = (
  cfg: WatchTerminationConfig,
  shutdownSignal: Latch | undefined,
  wg: RequestWaitGroup | undefined,
  deps: Deps,
): Filter => {
  if (cfg.shutdownWatchTerminationGracePeriodMs <= 0) return identity
  if (shutdownSignal === undefined || wg === undefined) {
    deps.log({ level: 'warn', msg: 'watch termination during shutdown not attached to the handler chain' })
    return identity
  }
  return (next) => (req) => {
    const info = get(req, requestInfoKey)
    if (O.isNone(info)) return internalErrorResponse(req, noRequestInfoMessage, deps.log)
    if (info.value.verb !== 'watch') return next(req)
    return tracked(next, req, wg, shutdownSignal)
  }
}

/** The `watch-termination` step; needs RequestInfo, provides ServerShutdownSignal to watches. */
export const watchTerminationStep = (
  cfg: WatchTerminationConfig,
  shutdownSignal: Latch | undefined,
  wg: RequestWaitGroup | undefined,
  deps: Deps,
): Step =>
  step('watch-termination', withWatchTerminationDuringShutdown(cfg, shutdownSignal, wg, deps), {
    needs: [requestInfoKey],
    provides: [serverShutdownSignalKey],
  })

const shuttingDown: Response = toResponse(waitGroupShuttingDown)

const tracked = (next: Handler, req: Request, wg: RequestWaitGroup, signal: Latch): Answer => {
  if (E.isLeft(wg.add())) return shuttingDown
  return whenDone(next, put(req, serverShutdownSignalKey, signal), () => wg.done())
}
