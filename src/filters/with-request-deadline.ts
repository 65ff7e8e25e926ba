import * as E from 'fp-ts/lib/Either.js'
import * as O from 'fp-ts/lib/Option.js'
import * as t from 'io-ts'
import { newCancelSource } from '../core/cancel-token.js'
import type { Cancel } from '../core/clock.js'
import type { Deps } from '../core/deps.js'
import type { Answer, Filter, Handler } from '../core/handler.js'
import { whenDone } from '../core/exit.js'
import { queryValue } from '../core/query.js'
import { type Request, get, put, withCancel } from '../core/request.js'
import type { Response } from '../core/response.js'
import { badRequest } from '../core/status-errors.js'
import { plainError, toResponse } from '../core/status.js'
import { type Step, step } from '../core/step.js'
import { auditIdKey, deadlineKey, receivedTimestampKey } from '../request/facts.js'
import type { LongRunningRequestCheck } from '../request/long-running.js'
import { requestInfoKey } from '../request/request-info.js'
import { type DeadlineQueue, newDeadlineQueue } from '../sync/deadline-queue.js'
import { nanosToMillis, parseGoDuration } from '../internal/go/parse-go-duration.js'

/** Options of the request-deadline filter: the server's request timeout (`--request-timeout`). */
export const RequestDeadlineConfig = t.readonly(t.type({ requestTimeoutMs: t.number }))
export type RequestDeadlineConfig = t.TypeOf<typeof RequestDeadlineConfig>

/** Upstream's default request timeout: 60 s. */
export const requestDeadlineDefaults: RequestDeadlineConfig = { requestTimeoutMs: 60_000 }

/** Why a request's token is cancelled at its deadline (Go's `context.DeadlineExceeded`). */
export const deadlineExceeded: Error = new Error('context deadline exceeded')

/** Why a request's token is cancelled once its work is done (Go's `context.Canceled`). */
export const contextCanceled: Error = new Error('context canceled')

/**
 * Gives each non-long-running request a deadline (upstream `WithRequestDeadline`): received time plus
 * the request timeout, or the `?timeout=` value (Go duration syntax) when it is positive and shorter.
 * The inner request gets a child cancel token, cancelled at the deadline, and the `Deadline` attribute.
 * A bad `?timeout=` answers 400; a missing RequestInfo answers 500.
 * Port note: Go's context deadline is a timer per request; here deadlines of one duration share one
 * timer (`DeadlineQueue`). Go's deferred `cancel()` on return becomes cancelling the child token with
 * `contextCanceled` (and giving the timer back) once the request's work is done: when a complete
 * response was answered, when a stream ended. The failed-request audit of a bad `?timeout=` is not
 * done here.
 * @example
 * const isLongRunning = basicLongRunningRequestCheck(['watch'], [])
 * const filter = withRequestDeadline(requestDeadlineDefaults, isLongRunning, defaultDeps)
 */
export const withRequestDeadline = (cfg: RequestDeadlineConfig, longRunning: LongRunningRequestCheck, deps: Deps): Filter => {
  const queue = newDeadlineQueue(deps.clock, (e) => deps.log({ level: 'error', msg: 'request deadline callback failed', error: e }))
  const missingInfo = toResponse(plainError(500, noRequestInfo))
  return (next) => (req) => {
    const info = get(req, requestInfoKey)
    if (O.isNone(info)) return failWith(missingInfo, noRequestInfo, req, deps)
    if (longRunning(info.value)) return next(req)
    const timeout = effectiveTimeout(cfg.requestTimeoutMs, queryValue(req, 'timeout'))
    if (E.isLeft(timeout)) return failWith(toResponse(badRequest(timeout.left)), timeout.left, req, deps)
    return runWithDeadline(next, req, timeout.right, queue, deps)
  }
}

/** The `request-deadline` step: needs `RequestInfo` and `ReceivedTimestamp`, provides `Deadline`. */
export const requestDeadlineStep = (cfg: RequestDeadlineConfig, longRunning: LongRunningRequestCheck, deps: Deps): Step =>
  step('request-deadline', withRequestDeadline(cfg, longRunning, deps), {
    needs: [requestInfoKey, receivedTimestampKey],
    provides: [deadlineKey],
  })

const noRequestInfo = 'no RequestInfo found in context, handler chain must be wrong'

/** The timeout to use in ms, or the 400 message for a bad `?timeout=`. */
const effectiveTimeout = (maxMs: number, raw: string | undefined): E.Either<string, number> => {
  if (raw === undefined || raw === '') return E.right(maxMs)
  const parsed = parseGoDuration(raw)
  if (E.isLeft(parsed)) return E.left(`invalid timeout specified in the request URL - ${parsed.left}`)
  const ms = nanosToMillis(parsed.right)
  return E.right(parsed.right > 0n && ms < maxMs ? ms : maxMs)
}

const failWith = (res: Response, msg: string, req: Request, deps: Deps): Response => {
  const auditID = get(req, auditIdKey)
  deps.log({ level: 'error', msg, fields: { method: req.method, URI: req.url, auditID: O.toUndefined(auditID) } })
  return res
}

/**
 * Runs `next` with a child token cancelled at received time + `timeoutMs` (at once when that is past, as
 * Go's `context.WithDeadline` does), and cancels it with `contextCanceled` once the request's work is
 * done (`whenDone`: a complete response when the inner handler answered, as Go's deferred `cancel()`;
 * a stream when it ended). The deadline timer is scheduled after the inner handler started, so a request
 * answered at once in full never schedules one.
 */
const runWithDeadline = (next: Handler, req: Request, timeoutMs: number, queue: DeadlineQueue, deps: Deps): Answer => {
  const now = deps.clock.now()
  const received = get(req, receivedTimestampKey)
  const started = O.isSome(received) ? received.value : now
  const source = newCancelSource(req.cancel)
  if (started + timeoutMs <= now) source.cancel(deadlineExceeded)
  let stop: Cancel = noop
  const release = (): void => {
    stop()
    source.cancel(contextCanceled)
  }
  const running = whenDone(next, put(withCancel(req, source.token), deadlineKey, started + timeoutMs), release)
  if (!source.token.cancelled) stop = queue.schedule(timeoutMs, () => source.cancel(deadlineExceeded), started)
  return running
}

const noop = (): void => undefined
