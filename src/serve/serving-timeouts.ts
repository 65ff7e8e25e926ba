/**
 * The connection timeouts of a secure port, in milliseconds. Upstream sets Go's `ReadHeaderTimeout` (32 s)
 * and `IdleTimeout` (90 s) on kube-apiserver's server; the HTTP/2 liveness probe has no Go counterpart: it
 * makes up for sessions node ends with GOAWAY (a compression error, its rapid-reset guard) and then
 * never closes, which otherwise keep their socket, and a file descriptor, for good.
 */
export interface ServingTimeouts {
  /** TLS handshake, and request headers on HTTP/1.1 (Go `ReadHeaderTimeout`). */
  readonly readHeaderMs: number
  /** An HTTP/1.1 connection between requests, an HTTP/2 session without streams (Go `IdleTimeout`). */
  readonly idleMs: number
  /** An HTTP/2 session without streams that was quiet this long is sent a PING. */
  readonly probeAfterMs: number
  /** A PING not acknowledged within this time ends the session (its socket is destroyed). */
  readonly pingAckMs: number
  /** A session with streams that stay quiet is probed at most this often. */
  readonly busyProbeEveryMs: number
}

/** Upstream's 32 s and 90 s; a session without streams is probed after 1 s quiet and must answer within 1 s. */
export const servingTimeoutDefaults: ServingTimeouts = {
  readHeaderMs: 32_000,
  idleMs: 90_000,
  probeAfterMs: 1_000,
  pingAckMs: 1_000,
  busyProbeEveryMs: 30_000,
}
