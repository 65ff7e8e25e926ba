import type { AuditEvent } from './event.js'

/**
 * Where audit events go (upstream `audit.Backend`). `processEvents` never throws and returns false only
 * when the events could not be stored and the caller should fail the request (`blocking-strict`);
 * `shutdown` flushes everything buffered and closes files. The lifecycle calls it after the in-flight
 * requests drained (reference 6.7); events given after shutdown began are reported and dropped.
 */
export interface AuditBackend {
  /** A short name for logs (`log`, `buffered<log>`). */
  readonly name: string
  readonly processEvents: (events: ReadonlyArray<AuditEvent>) => boolean
  readonly shutdown: () => Promise<void>
  /**
   * Events this backend accepted and then lost (a full buffer, after shutdown), for a metric such as
   * upstream's `apiserver_audit_error_total`; absent where a backend never drops on its own.
   */
  readonly droppedEvents?: () => number
}
