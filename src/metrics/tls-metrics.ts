import { Counter, type Registry } from 'prom-client'

/** Records upstream's `apiserver_tls_handshake_errors_total` (`pkg/server/secure_serving.go`). */
export interface TlsMetrics {
  /** One connection dropped by a failed TLS handshake. */
  readonly handshakeError: () => void
}

/** Upstream's help text, with component-base's `[ALPHA]` stability prefix. */
export const tlsHandshakeErrorsHelp = "[ALPHA] Number of requests dropped with 'TLS handshake error from' error"

/**
 * Registers `apiserver_tls_handshake_errors_total` in `registry` (a name already there throws); it shows 0
 * from the start, as upstream's plain counter.
 * @example
 * import { Registry } from 'prom-client'
 * const serving = serveSecurely(servingInfo, inner, 60_000, stop, { tlsMetrics: tlsMetrics(new Registry()) })
 */
export const tlsMetrics = (registry: Registry): TlsMetrics => {
  const errors = new Counter({ name: 'apiserver_tls_handshake_errors_total', help: tlsHandshakeErrorsHelp, registers: [registry] })
  return { handshakeError: () => errors.inc() }
}
