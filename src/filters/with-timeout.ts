import * as O from 'fp-ts/lib/Option.js'
import type { CancelToken } from '../core/cancel-token.js'
import type { Deps } from '../core/deps.js'
import { type Answer, type Filter, type Handler, isPending } from '../core/handler.js'
import { type Exit, exit, settle } from '../core/exit.js'
import type { LogEntry } from '../core/logger.js'
import { type Request, get } from '../core/request.js'
import { type HttpResponse, type Response, bytes, isComplete, runFinalizers, withDeadline } from '../core/response.js'
import { type Status, encodeStatus } from '../core/status.js'
import { type Step, step } from '../core/step.js'
import type { ApiServerMetrics } from '../metrics/api-server-metrics.js'
import type { LongRunningRequestCheck } from '../request/long-running.js'
import { requestInfoKey } from '../request/request-info.js'
import { abortStreamOnCancel } from '../core/abort-stream-on-cancel.js'

/**
 * Answers 504 when a non-long-running request's token is cancelled (its deadline, or the client went
 * away) before the inner handler answered (upstream `WithTimeoutForNonLongRunningRequests`). The late
 * inner result is discarded (its finalizers run with `'discarded'`) and logged as `Post-timeout
 * activity`, a late defect too, never raised. An inner answer that came first is returned; if it is
 * written over time (a stream, a large body), it carries the token as its `deadline`: the adapter cuts it
 * when the token is cancelled while it is still being written, and a stream fails with `abortHandler`.
 * With `metrics`, each 504 is counted in `apiserver_request_terminations_total` (upstream `RecordRequestTermination`).
 * Port note: Go runs the inner handler in a goroutine behind a guarded writer; here the inner answer and
 * the token race, the inner handler sees the cancellation on `req.cancel`/`req.signal`, and "already
 * written" maps to a response written over time (`isComplete` false: a stream, or a one-piece body over
 * 64 KiB); a complete one is whole when it is returned. Upgrade and takeover
 * responses are returned as they are: the adapter owns them once handed over.
 * @example
 * const filter = withTimeout(basicLongRunningRequestCheck(['watch'], []), defaultDeps)
 * // inside requestDeadlineStep: the deadline filter cancels the token, this filter answers 504
 */
export const withTimeout = (
  longRunning: LongRunningRequestCheck,
  deps: Pick<Deps, 'clock' | 'log'>,
  metrics?: ApiServerMetrics,
): Filter => {
  const late = postTimeout(deps, metrics)
  return (next) => (req) => {
    const info = get(req, requestInfoKey)
    if (O.isNone(info)) return race(next, req, noRequestInfoTimeout, late)
    return longRunning(info.value) ? next(req) : race(next, req, requestTimeout, late)
  }
}

/** The `timeout` step: needs `RequestInfo`, runs inside `request-deadline` (reference §1.2). */
export const timeoutStep = (longRunning: LongRunningRequestCheck, deps: Pick<Deps, 'clock' | 'log'>, metrics?: ApiServerMetrics): Step =>
  step('timeout', withTimeout(longRunning, deps, metrics), { needs: [requestInfoKey], inside: ['request-deadline'] })

/** Go writes the Status with a plain JSON encoder (no kind/apiVersion) and sniffs `text/plain`. */
const timeoutBody = (s: Status): HttpResponse => bytes(504, encodeStatus(s, false), { 'content-type': 'text/plain; charset=utf-8' })

const requestTimeout = timeoutBody({
  status: 'Failure',
  code: 504,
  reason: 'Timeout',
  message: 'Timeout: request did not complete within the allotted timeout',
  details: {},
})

const noRequestInfoTimeout = timeoutBody({
  status: 'Failure',
  code: 500,
  reason: 'InternalError',
  message: 'Internal error occurred: no request info found for request during timeout',
  details: { causes: [{ message: 'no request info found for request during timeout' }] },
})

/** What happens to a late inner result: `timedOutAt` is when the timeout answered. */
interface Late {
  /** When the timeout answers: the time, after counting the 504 (`RecordRequestTermination`) when there are metrics. */
  readonly now: (req: Request) => number
  readonly response: (req: Request, timedOutAt: number, res: Response) => void
  readonly defect: (req: Request, timedOutAt: number, error: unknown) => void
}

/**
 * Races the inner answer against the request's token; the first to settle answers. An inner answer that is
 * there at once (not a promise) while the token is live has won already: no race, no subscription.
 */
const race = (next: Handler, req: Request, onTimeout: HttpResponse, late: Late): Answer => {
  const inner = exit(next, req, asIs, undefined)
  if (isPending(inner) || req.cancel.cancelled) return racing(inner, req, onTimeout, late)
  return guardWriting(inner, req.cancel)
}

/** The inner answer as it is, a defect as a rejected promise, so that the race sees both the same way. */
const asIs: Exit<undefined> = { answered: (res) => res, defect: (e) => Promise.reject(e) }

/** The race itself, once the inner handler started and did not answer at once. */
const racing = (inner: Answer, req: Request, onTimeout: HttpResponse, late: Late): Promise<Response> =>
  new Promise<Response>((resolve, reject) => {
    let timedOutAt: number | undefined
    const unsubscribe = req.cancel.onCancel(() => {
      timedOutAt = late.now(req)
      resolve(onTimeout)
    })
    settle(
      inner,
      (res) => {
        if (timedOutAt !== undefined) return late.response(req, timedOutAt, res)
        unsubscribe()
        resolve(guardWriting(res, req.cancel))
      },
      (error: unknown) => {
        if (timedOutAt !== undefined) return late.defect(req, timedOutAt, error)
        unsubscribe()
        reject(error)
      },
    )
  })

/** Discards late responses (finalizers with `'discarded'`) and logs every late result. */
const postTimeout = (deps: Pick<Deps, 'clock' | 'log'>, metrics: ApiServerMetrics | undefined): Late => {
  const log = (req: Request, timedOutAt: number, result: string, error: unknown): void => {
    const fields = { elapsedMs: deps.clock.now() - timedOutAt, method: req.method, path: req.path, result }
    const entry: LogEntry = { level: 'error', msg: 'Post-timeout activity', fields }
    deps.log(error === undefined ? entry : { ...entry, error })
  }
  return {
    now: (req) => {
      metrics?.terminated(req, O.toUndefined(get(req, requestInfoKey)), 504)
      return deps.clock.now()
    },
    response: (req, at, res) => log(req, at, res._tag === 'Http' ? String(res.status) : res._tag, runFinalizers(res, 'discarded')),
    defect: (req, at, error) => log(req, at, 'panic', error),
  }
}

/**
 * A response written over time (`isComplete` false) carries the token as its `deadline`, so the adapter
 * cuts it if it is still being written when the token is cancelled (a client that does not read); a
 * streamed body also fails with `abortHandler` then. A complete response, an upgrade and a takeover pass.
 */
const guardWriting = (res: Response, token: CancelToken): Response => {
  if (res._tag !== 'Http' || isComplete(res)) return res
  const body = res.body
  return withDeadline(
    body._tag === 'Stream' ? { ...res, body: { _tag: 'Stream', chunks: abortStreamOnCancel(body.chunks, token) } } : res,
    token,
  )
}
