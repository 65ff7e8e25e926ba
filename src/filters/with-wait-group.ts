import * as E from 'fp-ts/lib/Either.js'
import * as O from 'fp-ts/lib/Option.js'
import type { Deps } from '../core/deps.js'
import type { Answer, Filter, Handler } from '../core/handler.js'
import { whenDone } from '../core/exit.js'
import { type Request, get } from '../core/request.js'
import type { Response } from '../core/response.js'
import { step, type Step } from '../core/step.js'
import { type ApiError, statusError, toResponse } from '../core/status.js'
import type { LongRunningRequestCheck } from '../request/long-running.js'
import { requestInfoKey } from '../request/request-info.js'
import { internalErrorResponse } from '../core/internal-error-response.js'
import type { RequestWaitGroup } from '../sync/safe-wait-group.js'
import { isExemptFromShutdownRejection } from '../request/shutdown-exemption.js'

/**
 * The 503 a wait group's filter answers once the group's wait has started: Status `apiserver is shutting
 * down`, reason `ServiceUnavailable`, and `Retry-After: 1` set as a header (the body has no
 * `details.retryAfterSeconds`, as upstream's `waitGroupWriteRetryAfterToResponse`).
 */
export const waitGroupShuttingDown: ApiError = statusError(
  { status: 'Failure', code: 503, reason: 'ServiceUnavailable', message: 'apiserver is shutting down', details: undefined },
  { 'retry-after': '1' },
)

/** The message of upstream's 500 when the chain put no RequestInfo before a filter that reads it. */
export const noRequestInfoMessage = 'no RequestInfo found in the context'

/**
 * Upstream `WithWaitGroup`: counts every non-long-running request in `wg` until its work is done (on
 * every path: finished, aborted, discarded, defect; see `whenDone`), so shutdown can wait for them.
 * Once the group's wait has started, exempt requests (`isExemptFromShutdownRejection`) are served
 * untracked and the others get 503 `apiserver is shutting down` with `Retry-After: 1`. Long-running
 * requests pass untracked; no RequestInfo answers upstream's 500 text.
 * Port note: upstream calls `Done` when the handler returns; so does this filter for a complete
 * response (a Bytes or Empty body), while a streamed body is counted until it ended (the stream is
 * part of the request's work). Node still writes a response it is given while shutdown drains.
 * @example
 * const wg = newSafeWaitGroup()
 * const handler = withWaitGroup(basicLongRunningRequestCheck(['watch'], []), wg, defaultDeps)(inner)
 * // at shutdown: await wg.wait()
 */
export const withWaitGroup =
  (longRunning: LongRunningRequestCheck, wg: RequestWaitGroup, deps: Deps): Filter =>
  (next) => {
    const done = (): void => wg.done()
    return (req) => {
      const info = get(req, requestInfoKey)
      if (O.isNone(info)) return internalErrorResponse(req, noRequestInfoMessage, deps.log)
      if (longRunning(info.value)) return next(req)
      return tracked(next, req, wg, done)
    }
  }

/** The `wait-group` step; needs RequestInfo. */
export const waitGroupStep = (longRunning: LongRunningRequestCheck, wg: RequestWaitGroup, deps: Deps): Step =>
  step('wait-group', withWaitGroup(longRunning, wg, deps), { needs: [requestInfoKey] })

const shuttingDown: Response = toResponse(waitGroupShuttingDown)

const tracked = (next: Handler, req: Request, wg: RequestWaitGroup, done: () => void): Answer => {
  if (E.isLeft(wg.add())) return isExemptFromShutdownRejection(req) ? next(req) : shuttingDown
  return whenDone(next, req, done)
}
