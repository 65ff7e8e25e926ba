import * as t from 'io-ts'
import type { Deps } from '../core/deps.js'
import type { AuditMetrics } from '../metrics/audit-metrics.js'
import type { AuditBackend } from './backend.js'
import { type BatchConfig, bufferedBackend } from './buffered-backend.js'

/** How a backend is driven (`--audit-log-mode`, `--audit-webhook-mode`). */
export const AuditMode = t.keyof({ batch: null, blocking: null, 'blocking-strict': null })
export type AuditMode = t.TypeOf<typeof AuditMode>

/**
 * Wraps a backend for its mode (upstream `options/audit.go`): `blocking` calls it synchronously and always
 * reports success; `blocking-strict` reports its failures, so the audit filter fails a request whose
 * RequestReceived event could not be stored; `batch` buffers through `bufferedBackend(batch, ...)`.
 * @example
 * const backend = withAuditMode('batch', logBackend(logBackendDefaults, defaultDeps), logBatchDefaults, defaultDeps)
 */
export const withAuditMode = (
  mode: AuditMode,
  delegate: AuditBackend,
  batch: BatchConfig,
  deps: Pick<Deps, 'clock' | 'log'>,
  metrics?: AuditMetrics,
): AuditBackend => {
  switch (mode) {
    case 'batch':
      return bufferedBackend(batch, delegate, deps, metrics)
    case 'blocking-strict':
      return delegate
    case 'blocking':
      return {
        name: delegate.name,
        processEvents: (events) => {
          delegate.processEvents(events)
          return true
        },
        shutdown: delegate.shutdown,
        ...(delegate.droppedEvents === undefined ? {} : { droppedEvents: delegate.droppedEvents }),
      }
  }
}
