import * as TE from 'fp-ts/lib/TaskEither.js'
import { pipe } from 'fp-ts/lib/function.js'
import { type AuditMode, withAuditMode } from '../audit/backend-mode.js'
import type { AuditBackend } from '../audit/backend.js'
import type { BatchConfig } from '../audit/buffered-backend.js'
import { formatPolicyError, loadPolicy } from '../audit/load-policy.js'
import { logBackend } from '../audit/log-backend.js'
import { type PolicyEvaluator, policyEvaluator } from '../audit/policy-evaluator.js'
import type { AuditOptions } from '../config/options/serve-options.js'
import type { Deps } from '../core/deps.js'
import type { AuditMetrics } from '../metrics/audit-metrics.js'

/** An audit backend with its policy; `undefined` when the server audits nothing. */
export type AuditParts = { readonly backend: AuditBackend; readonly policy: PolicyEvaluator } | undefined

/** The log backend's batch settings from the `--audit-log-batch-*` flags (the wait in milliseconds). */
export const logBatchConfig = (o: AuditOptions): BatchConfig => ({
  bufferSize: o.logBatchBufferSize,
  maxBatchSize: o.logBatchMaxSize,
  maxBatchWaitMs: o.logBatchMaxWait,
  throttleEnable: o.logBatchThrottleEnable,
  throttleQPS: o.logBatchThrottleQPS,
  throttleBurst: o.logBatchThrottleBurst,
})

/** The audit backend and policy the flags ask for; `undefined` without `--audit-log-path` or `--audit-policy-file` (upstream: no audit). */
export const loadAudit = (o: AuditOptions, deps: Deps, metrics?: AuditMetrics): TE.TaskEither<string, AuditParts> => {
  if (o.logPath === '' || o.policyFile === '') return TE.right(undefined)
  return pipe(
    loadPolicy(o.policyFile),
    TE.mapLeft(formatPolicyError),
    TE.map((policy) => {
      const log = logBackend(
        { path: o.logPath, maxSizeMB: o.logMaxSize, maxBackups: o.logMaxBackups, maxAgeDays: o.logMaxAge },
        deps,
        metrics,
      )
      return { backend: withAuditMode(o.logMode as AuditMode, log, logBatchConfig(o), deps, metrics), policy: policyEvaluator(policy) }
    }),
  )
}
