import type { IncomingHttpHeaders } from 'node:http'

/**
 * Go net/http's `maxPostHandlerReadBytes` (256 KiB): when at least this much of a request body is left
 * unread, Go answers with `Connection: close` instead of draining the body to reuse the connection.
 */
export const maxPostHandlerReadBytes = 256 << 10

/** What `closesForUnreadBody` reads of a node HTTP/1 request. */
export interface ArrivingBody {
  readonly complete: boolean
  readonly headers: IncomingHttpHeaders
}

/**
 * True when an HTTP/1 response written now must close its connection because the request body is still
 * arriving and too much of it is left to drain (Go: `maxPostHandlerReadBytes` or more unread, or a chunked
 * body of unknown length). The rest of such a body is never read: the connection ends after the response.
 * A smaller declared rest is drained, as Go drains it, so the connection is kept.
 */
export const closesForUnreadBody = (req: ArrivingBody): boolean => {
  if (req.complete) return false
  if (req.headers['transfer-encoding'] !== undefined) return true
  const declared = req.headers['content-length']
  return declared !== undefined && Number(declared) >= maxPostHandlerReadBytes
}
