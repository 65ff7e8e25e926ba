/** No request waits in a queue longer than this, whatever its deadline (upstream's hard limit). */
export const maxRequestWaitLimitMs = 60_000

/**
 * When a request received at `receivedAtMs` stops waiting in its queue (upstream `getRequestWaitContext`):
 * a quarter of the time its deadline allows, or `defaultWaitLimitMs` (upstream: the request timeout / 4,
 * 15 s) when it has no deadline; at most a minute after it was received. A request whose client has
 * already gone is the filter's to reject before it asks a queue set.
 */
export const requestWaitDeadline = (receivedAtMs: number, deadlineMs: number | undefined, defaultWaitLimitMs: number): number => {
  const limit = deadlineMs === undefined ? defaultWaitLimitMs : (deadlineMs - receivedAtMs) / 4
  return receivedAtMs + Math.min(limit, maxRequestWaitLimitMs)
}
