import * as O from 'fp-ts/lib/Option.js'
import type { Deps } from '../core/deps.js'
import type { Filter } from '../core/handler.js'
import { type Request, get } from '../core/request.js'
import type { Response } from '../core/response.js'
import { step, type Step } from '../core/step.js'
import { plainError, toResponse } from '../core/status.js'
import { type UserInfo, userKey } from '../auth/user.js'
import type { RejectReason } from '../flowcontrol/admission.js'
import type { ApfRuntime } from '../flowcontrol/apf-runtime.js'
import type { RequestDescriptor } from '../flowcontrol/apf-state.js'
import { type ObjectCount, workEstimator } from '../flowcontrol/estimate-request-work.js'
import { requestWaitDeadline } from '../flowcontrol/request-wait-limit.js'
import { maxSeats } from '../flowcontrol/work-estimate.js'
import type { ApiServerMetrics } from '../metrics/api-server-metrics.js'
import { deadlineKey, receivedTimestampKey } from '../request/facts.js'
import type { LongRunningRequestCheck } from '../request/long-running.js'
import { type RequestInfo, requestInfoKey } from '../request/request-info.js'
import { newSeatCounter } from '../sync/seat-counter.js'
import { type FlowRoute, flowRoutes } from './priority-and-fairness-routes.js'
import { type How, readOnlyVerbs, runDispatched } from './priority-and-fairness-dispatch.js'

/** What the filter needs beyond the running system. */
export interface PriorityAndFairnessOptions {
  /** The server's request timeout; a request without a deadline waits in a queue at most a quarter of it (upstream). */
  readonly requestTimeoutMs: number
  /** Objects a LIST would read, for its width in seats; without it every request is one seat. */
  readonly objectCount?: ObjectCount
  /** Where the `apiserver_flowcontrol_*` series, the 429s and terminations are recorded. */
  readonly metrics?: ApiServerMetrics
}

/**
 * Upstream `WithPriorityAndFairness`: classifies each request (User and RequestInfo) into a FlowSchema and
 * priority level, answers with `X-Kubernetes-PF-FlowSchema-UID` and `X-Kubernetes-PF-PriorityLevel-UID`
 * (the served objects' uids), and runs it when its level's queue set dispatches it: at once, after
 * waiting in its queue (at most a quarter of what its deadline allows, at most a minute; a cancelled
 * request leaves its queue), or never: then 429 `Too many requests, please try again later.` with the
 * level's `Retry-After`. Exempt levels never queue. Seats are given back when the work is done (`whenDone`),
 * a WATCH's as soon as its handler answered (its initialisation), as upstream. Long-running requests other
 * than watches pass unclassified. No RequestInfo or no User: 500 `Internal Server Error: "<uri>"`. With
 * `metrics`, the executing read-only and mutating requests' watermarks feed `apiserver_current_inflight_requests`,
 * as upstream's filter feeds them.
 * @example
 * import { bootstrapFlowcontrolConfig, newApfRuntime, serverConcurrencyLimit, servedFlowcontrolObjects } from 'kubechain/flowcontrol'
 *
 * const served = servedFlowcontrolObjects(bootstrapFlowcontrolConfig, { now: deps.clock.now, newId: deps.newId })
 * const apf = newApfRuntime(served, serverConcurrencyLimit(400, 200), { clock: deps.clock })
 * if (E.isRight(apf)) withPriorityAndFairness(apf.right, basicLongRunningRequestCheck(['watch'], []), deps, { requestTimeoutMs: 60_000 })
 */
export const withPriorityAndFairness = (
  apf: ApfRuntime,
  longRunning: LongRunningRequestCheck,
  deps: Deps,
  opts: PriorityAndFairnessOptions,
): Filter => {
  const routes = flowRoutes(apf, opts.metrics?.flowcontrol)
  opts.metrics?.flowcontrol.sampleLimits(() =>
    [...apf.levels].map(([name, l]) => ({ priorityLevel: name, nominal: l.nominalLimit, current: l.currentLimit() })),
  )
  const estimate = workEstimator(opts.objectCount)
  const defaultWaitMs = opts.requestTimeoutMs / 4
  const refuse = refusal(apf, opts.metrics)
  const { clock } = deps
  const readOnly = newSeatCounter(Number.POSITIVE_INFINITY)
  const mutating = newSeatCounter(Number.POSITIVE_INFINITY)
  opts.metrics?.sampleInflight(() => ({ readOnly: readOnly.takeWatermark(), mutating: mutating.takeWatermark() }))
  return (next) => (req) => {
    const info = get(req, requestInfoKey)
    if (O.isNone(info)) return internalError(req, deps, 'no RequestInfo found in context')
    const user = get(req, userKey)
    if (O.isNone(user)) return internalError(req, deps, 'no User found in context')
    if (info.value.verb !== 'watch' && longRunning(info.value)) return next(req)
    const r = routes.routeOf(user.value, info.value)
    const work = estimate(info.value, r.level.maxSeats)
    const now = clock.now()
    const received = get(req, receivedTimestampKey)
    const deadline = get(req, deadlineKey)
    const waitUntil = requestWaitDeadline(
      O.isSome(received) ? received.value : now,
      O.isSome(deadline) ? deadline.value : undefined,
      defaultWaitMs,
    )
    const descriptor = new Described(r, user.value, info.value, now)
    const admission = r.level.queueSet.startRequest({ flowHash: r.flowHash, work, waitLimitMs: waitUntil - now, descriptor })
    const verb = info.value.verb
    const how: How = { seats: maxSeats(work), isWatch: verb === 'watch', kind: readOnlyVerbs.has(verb) ? readOnly : mutating }
    if (admission._tag === 'Dispatched') return runDispatched(next, req, r, admission, how)
    if (admission._tag === 'Rejected') return refuse(req, info.value, r, admission.reason, undefined)
    r.cells.inQueue.value += 1
    const leave = req.cancel.onCancel(admission.cancel)
    return admission.decided.then((d) => {
      leave()
      r.cells.inQueue.value -= 1
      if (d._tag === 'Dispatched') return runDispatched(next, req, r, d, how)
      return refuse(req, info.value, r, d.reason, (clock.now() - now) / 1000)
    })
  }
}

/**
 * What `dump_requests` shows of a request (upstream's request digest): four references kept per request,
 * the fields read through getters only when a dump is taken.
 */
class Described implements RequestDescriptor {
  constructor(
    private readonly r: FlowRoute,
    private readonly user: UserInfo,
    private readonly i: RequestInfo,
    readonly arrivedAt: number,
  ) {}
  get flowSchema(): string {
    return this.r.flowSchema
  }
  get priorityLevel(): string {
    return this.r.levelName
  }
  get flowDistinguisher(): string {
    return this.r.flowDistinguisher
  }
  get userName(): string {
    return this.user.name
  }
  get verb(): string {
    return this.i.verb
  }
  get path(): string {
    return this.i.path
  }
  get namespace(): string {
    return this.i.namespace
  }
  get name(): string {
    return this.i.name
  }
  get apiGroup(): string {
    return this.i.apiGroup
  }
  get apiVersion(): string {
    return this.i.apiVersion
  }
  get resource(): string {
    return this.i.resource
  }
  get subresource(): string {
    return this.i.subresource
  }
}

/** The `priority-and-fairness` step: needs RequestInfo and User; inside authentication, impersonation (it classifies the final user) and audit (its 429s are audited). */
export const priorityAndFairnessStep = (
  apf: ApfRuntime,
  longRunning: LongRunningRequestCheck,
  deps: Deps,
  opts: PriorityAndFairnessOptions,
): Step =>
  step('priority-and-fairness', withPriorityAndFairness(apf, longRunning, deps, opts), {
    needs: [requestInfoKey, userKey],
    inside: ['authentication', 'impersonation', 'audit'],
  })

/** The 429 upstream answers a request that will not run, counted as upstream counts it. */
const refusal = (apf: ApfRuntime, metrics: ApiServerMetrics | undefined) => {
  return (req: Request, info: RequestInfo, r: FlowRoute, reason: RejectReason, waitedSeconds: number | undefined): Response => {
    r.cells.rejected(reason, waitedSeconds)
    metrics?.dropped(req, info)
    metrics?.terminated(req, info, 429)
    apf.drops.recordDroppedRequest(r.levelName)
    const retryAfter = String(apf.drops.retryAfter(r.levelName))
    return r.mark(toResponse(plainError(429, 'Too many requests, please try again later.', { 'retry-after': retryAfter })))
  }
}

const internalError = (req: Request, deps: Deps, msg: string): Response => {
  deps.log({ level: 'error', msg, fields: { method: req.method, uri: req.url } })
  return toResponse(plainError(500, `Internal Server Error: ${JSON.stringify(req.url)}`))
}
