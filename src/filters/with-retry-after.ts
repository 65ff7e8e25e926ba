import { type Filter, identity } from '../core/handler.js'
import type { Response } from '../core/response.js'
import { step, type Step } from '../core/step.js'
import { plainError, toResponse } from '../core/status.js'
import type { Latch } from '../sync/latch.js'
import { isExemptFromShutdownRejection } from '../request/shutdown-exemption.js'

/** The 429 every non-exempt request gets once the server no longer accepts new requests. */
const shuttingDown: Response = toResponse(
  plainError(429, 'The apiserver is shutting down, please try again later.', {
    connection: 'close',
    'retry-after': '5',
  }),
)

/**
 * Upstream `WithRetryAfter`: once `notAcceptingNewRequest` fired, every request that is not exempt
 * (`isExemptFromShutdownRejection`) gets 429 `The apiserver is shutting down, please try again later.`
 * with `Retry-After: 5` and `Connection: close`, without calling the inner handler. Before that, and
 * for exempt requests, `next(req)` unchanged. No latch: identity.
 * @example
 * const notAcceptingNewRequest = newLatch('NotAcceptingNewRequest')
 * const handler = withRetryAfter(notAcceptingNewRequest)(inner)
 */
export const withRetryAfter = (notAcceptingNewRequest: Latch | undefined): Filter => {
  if (notAcceptingNewRequest === undefined) return identity
  return (next) => (req) => (notAcceptingNewRequest.isFired() && !isExemptFromShutdownRejection(req) ? shuttingDown : next(req))
}

/** The `retry-after` step; runs inside `http-logging` so shutdown rejections are logged. */
export const retryAfterStep = (notAcceptingNewRequest: Latch | undefined): Step =>
  step('retry-after', withRetryAfter(notAcceptingNewRequest), { inside: ['http-logging'] })
