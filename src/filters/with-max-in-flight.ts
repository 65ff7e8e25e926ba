import * as O from 'fp-ts/lib/Option.js'
import * as t from 'io-ts'
import type { Deps } from '../core/deps.js'
import { type Answer, type Filter, type Handler, identity } from '../core/handler.js'
import { whenDone } from '../core/exit.js'
import { type Request, get } from '../core/request.js'
import type { Response } from '../core/response.js'
import { step, type Step } from '../core/step.js'
import { plainError, toResponse } from '../core/status.js'
import { userKey, wellKnown } from '../auth/user.js'
import type { ApiServerMetrics } from '../metrics/api-server-metrics.js'
import type { LongRunningRequestCheck } from '../request/long-running.js'
import { requestInfoKey } from '../request/request-info.js'
import { type SeatCounter, newSeatCounter } from '../sync/seat-counter.js'

/** In-flight limits per class (`--max-requests-inflight`, `--max-mutating-requests-inflight`); 0 = unlimited. */
export const MaxInFlightConfig = t.readonly(t.type({ maxRequestsInFlight: t.number, maxMutatingRequestsInFlight: t.number }))
export type MaxInFlightConfig = t.TypeOf<typeof MaxInFlightConfig>

/** Upstream's defaults: 400 read-only, 200 mutating. */
export const maxInFlightDefaults: MaxInFlightConfig = { maxRequestsInFlight: 400, maxMutatingRequestsInFlight: 200 }

/** The seats of both classes; `undefined` for a class without a limit. Read them for metrics and specs. */
export interface MaxInFlightSeats {
  readonly readOnly: SeatCounter | undefined
  readonly mutating: SeatCounter | undefined
}

/** Makes the seats for `cfg`: a counter per class whose limit is above 0. */
export const maxInFlightSeats = (cfg: MaxInFlightConfig): MaxInFlightSeats => ({
  readOnly: cfg.maxRequestsInFlight > 0 ? newSeatCounter(cfg.maxRequestsInFlight) : undefined,
  mutating: cfg.maxMutatingRequestsInFlight > 0 ? newSeatCounter(cfg.maxMutatingRequestsInFlight) : undefined,
})

/**
 * Upstream `WithMaxInFlightLimit`: a request takes a seat of its class (read-only for verbs `get`,
 * `list`, `watch`; mutating otherwise) without waiting and gives it back once, on every path, when the
 * request's work is done (`whenDone`: a complete response when the inner handler answered, as
 * upstream's deferred release; a stream when it ended). No free seat: a `system:masters` user is served
 * uncounted, anyone else gets 429 `Too many requests, please try again later.` with `Retry-After: 1`. Long-running requests and classes
 * with limit 0 pass uncounted; both limits 0: identity. No RequestInfo: 500 `Internal Server Error: "<uri>"`.
 * Pass `seats` (from `maxInFlightSeats(cfg)`) to observe the counts, and `metrics` to count the 429s
 * (`apiserver_request_total` code 429 and `apiserver_request_terminations_total`) and sample the seats'
 * watermarks into `apiserver_current_inflight_requests`.
 * @example
 * const seats = maxInFlightSeats(maxInFlightDefaults)
 * const filter = withMaxInFlightLimit(maxInFlightDefaults, basicLongRunningRequestCheck(['watch'], []), defaultDeps, seats)
 * seats.readOnly?.inFlight() // 0
 */
export const withMaxInFlightLimit = (
  cfg: MaxInFlightConfig,
  longRunning: LongRunningRequestCheck,
  deps: Deps,
  seats: MaxInFlightSeats = maxInFlightSeats(cfg),
  metrics?: ApiServerMetrics,
): Filter => {
  if (seats.readOnly === undefined && seats.mutating === undefined) return identity
  metrics?.sampleInflight(() => ({ readOnly: seats.readOnly?.takeWatermark() ?? 0, mutating: seats.mutating?.takeWatermark() ?? 0 }))
  const refuse = refusal(metrics)
  const readOnly = seatedBy(seats.readOnly, refuse)
  const mutating = seatedBy(seats.mutating, refuse)
  return (next) => (req) => {
    const info = get(req, requestInfoKey)
    if (O.isNone(info)) return noRequestInfo(req, deps)
    if (longRunning(info.value)) return next(req)
    const seated = readOnlyVerbs.has(info.value.verb) ? readOnly : mutating
    return seated === undefined ? next(req) : seated(next, req)
  }
}

/** The `max-in-flight` step: needs RequestInfo; inside authentication and impersonation (the `system:masters` exemption sees the final user) and audit (its 429s are audited). */
export const maxInFlightStep = (
  cfg: MaxInFlightConfig,
  longRunning: LongRunningRequestCheck,
  deps: Deps,
  seats?: MaxInFlightSeats,
  metrics?: ApiServerMetrics,
): Step =>
  step('max-in-flight', withMaxInFlightLimit(cfg, longRunning, deps, seats, metrics), {
    needs: [requestInfoKey],
    inside: ['authentication', 'impersonation', 'audit'],
  })

const readOnlyVerbs: ReadonlySet<string> = new Set(['get', 'list', 'watch'])

const tooManyRequests: Response = toResponse(plainError(429, 'Too many requests, please try again later.', { 'retry-after': '1' }))

/** How a request of a class with seats `seat` runs (`undefined`: the class has no limit); its release is made once. */
const seatedBy = (
  seat: SeatCounter | undefined,
  refuse: (req: Request) => Response,
): ((next: Handler, req: Request) => Answer) | undefined => {
  if (seat === undefined) return undefined
  const release = (): void => seat.release()
  return (next, req) => {
    if (seat.tryAcquire()) return whenDone(next, req, release)
    return isPrivileged(req) ? next(req) : refuse(req)
  }
}

/** The 429, counted as upstream counts it (`RecordDroppedRequest`, then `RecordRequestTermination`) when there are metrics. */
const refusal = (metrics: ApiServerMetrics | undefined): ((req: Request) => Response) => {
  if (metrics === undefined) return () => tooManyRequests
  return (req) => {
    const info = O.toUndefined(get(req, requestInfoKey))
    metrics.dropped(req, info)
    metrics.terminated(req, info, 429)
    return tooManyRequests
  }
}

const isPrivileged = (req: Request): boolean => {
  const user = get(req, userKey)
  return O.isSome(user) && user.value.groups.includes(wellKnown.systemPrivilegedGroup)
}

const noRequestInfo = (req: Request, deps: Deps): Response => {
  deps.log({
    level: 'error',
    msg: 'no RequestInfo found in context, handler chain must be wrong',
    fields: { method: req.method, uri: req.url },
  })
  return toResponse(plainError(500, `Internal Server Error: ${JSON.stringify(req.url)}`))
}
