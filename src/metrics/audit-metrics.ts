import { Counter, type Registry } from 'prom-client'
import { localCounterVec } from './local-series.js'

/**
 * Records upstream's audit series (`pkg/audit/metrics.go`, subsystem `apiserver_audit`). The audit
 * filters count events, levels and rejected requests; each backend resolves its plugin's error counter
 * once, when it is made.
 */
export interface AuditMetrics {
  /** One event handed to the backend (a stage the policy omits is not handed on): `apiserver_audit_event_total`. */
  readonly event: () => void
  /** The policy's level for one request, None included: `apiserver_audit_level_total{level}`. */
  readonly level: (level: string) => void
  /** A request failed because the backend refused its RequestReceived event: `apiserver_audit_requests_rejected_total`. */
  readonly requestRejected: () => void
  /** The counter of events lost by `plugin` (`log`, `buffered`, `truncate`, `webhook`): `apiserver_audit_error_total{plugin}`. */
  readonly pluginErrors: (plugin: string) => (events: number) => void
}

/** Upstream's help texts, with component-base's `[ALPHA]` stability prefix. */
export const auditMetricHelp = {
  event: '[ALPHA] Counter of audit events generated and sent to the audit backend.',
  error: '[ALPHA] Counter of audit events that failed to be audited properly. Plugin identifies the plugin affected by the error.',
  level: '[ALPHA] Counter of policy levels for audit events (1 per request).',
  requestsRejected: '[ALPHA] Counter of apiserver requests rejected due to an error in audit logging backend.',
} as const

/**
 * Registers upstream's four audit series in `registry` (a name already there throws). The two plain
 * counters show 0 from the start, the labelled ones from their first count, as upstream. The per-request
 * series (events, levels) count in plain cells resolved here, once (`local-series.ts`).
 * @example
 * import { Registry } from 'prom-client'
 * const metrics = auditMetrics(new Registry())
 * const backend = withAuditMode('batch', logBackend(logBackendDefaults, defaultDeps, metrics), logBatchDefaults, defaultDeps, metrics)
 */
export const auditMetrics = (registry: Registry): AuditMetrics => {
  const registers = [registry]
  const events = localCounterVec(registry, 'apiserver_audit_event_total', auditMetricHelp.event).child('')
  const errors = new Counter({ name: 'apiserver_audit_error_total', help: auditMetricHelp.error, labelNames: ['plugin'], registers })
  const levels = localCounterVec(registry, 'apiserver_audit_level_total', auditMetricHelp.level, 'level')
  const rejected = new Counter({ name: 'apiserver_audit_requests_rejected_total', help: auditMetricHelp.requestsRejected, registers })
  const levelChildren = new Map(auditLevels.map((l) => [l, levels.child(l)]))
  return {
    event: () => events.inc(),
    level: (level) => (levelChildren.get(level) ?? levels.child(level)).inc(),
    requestRejected: () => rejected.inc(),
    pluginErrors: (plugin) => {
      const child = errors.labels(plugin)
      return (n) => {
        if (n > 0) child.inc(n)
      }
    },
  }
}

/** Counts nothing: what the audit filters record into when they are given no metrics. */
export const noAuditMetrics: AuditMetrics = {
  event: () => undefined,
  level: () => undefined,
  requestRejected: () => undefined,
  pluginErrors: () => () => undefined,
}

const auditLevels = ['None', 'Metadata', 'Request', 'RequestResponse']
