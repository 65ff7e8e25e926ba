import { type Deps, type Filter, type Step, put, step } from '../core/index.js'
import { receivedTimestampKey } from '../request/index.js'

/**
 * Stores `deps.clock.now()` under `receivedTimestampKey` (upstream `WithRequestReceivedTimestamp`): the
 * start time of the request deadline, the HTTP log latency and the audit event.
 * @example
 * const handler = withRequestReceivedTimestamp(defaultDeps)(inner)
 */
export const withRequestReceivedTimestamp =
  (deps: Pick<Deps, 'clock'>): Filter =>
  (next) =>
  (req) =>
    next(put(req, receivedTimestampKey, deps.clock.now()))

/**
 * The `request-received-timestamp` step: provides `ReceivedTimestamp`, and runs outside `request-deadline`
 * and `priority-and-fairness`, which compute deadlines from it.
 */
export const requestReceivedTimestampStep = (deps: Pick<Deps, 'clock'>): Step =>
  step('request-received-timestamp', withRequestReceivedTimestamp(deps), {
    provides: [receivedTimestampKey],
    outside: ['request-deadline', 'priority-and-fairness'],
  })
