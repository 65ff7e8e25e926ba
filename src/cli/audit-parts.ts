import * as TE from 'fp-ts/lib/TaskEither.js'
import { pipe } from 'fp-ts/lib/function.js'
import { type AuditMode, withAuditMode } from '../audit/backend-mode.js'
import type { AuditBackend } from '../audit/backend.js'
import { type BatchConfig, logBatchDefaults } from '../audit/buffered-backend.js'
import { formatPolicyError, loadPolicy } from '../audit/load-policy.js'
import { logBackend } from '../audit/log-backend.js'
import { type PolicyEvaluator, policyEvaluator } from '../audit/policy-evaluator.js'
import type { AuditOptions } from '../config/options/serve-options.js'
import type { Deps } from '../core/deps.js'

/** An audit backend with its policy; `undefined` when the server audits nothing. */
export type AuditParts = { readonly backend: AuditBackend; readonly policy: PolicyEvaluator } | undefined

/**
 * The audit options with the log backend's batch settings (`--audit-log-batch-buffer-size`, `-max-size`,
 * `-max-wait` (ms), `-throttle-enable`, `-throttle-qps`, `-throttle-burst`) when the flags give them;
 * each one missing is upstream's log default (`logBatchDefaults`: batches of 1, no throttle), never the
 * webhook's (batches of 400 every 30 s at 10 per second, which loses events at a few thousand per second).
 */
export type AuditLogOptions = AuditOptions &
  Partial<{
    readonly logBatchBufferSize: number
    readonly logBatchMaxSize: number
    readonly logBatchMaxWait: number
    readonly logBatchThrottleEnable: boolean
    readonly logBatchThrottleQPS: number
    readonly logBatchThrottleBurst: number
  }>

/** The log backend's batch settings from the options, upstream's log defaults where they give none. */
export const logBatchConfig = (o: AuditLogOptions): BatchConfig => ({
  bufferSize: o.logBatchBufferSize ?? logBatchDefaults.bufferSize,
  maxBatchSize: o.logBatchMaxSize ?? logBatchDefaults.maxBatchSize,
  maxBatchWaitMs: o.logBatchMaxWait ?? logBatchDefaults.maxBatchWaitMs,
  throttleEnable: o.logBatchThrottleEnable ?? logBatchDefaults.throttleEnable,
  throttleQPS: o.logBatchThrottleQPS ?? logBatchDefaults.throttleQPS,
  throttleBurst: o.logBatchThrottleBurst ?? logBatchDefaults.throttleBurst,
})

/** The audit backend and policy the flags ask for; `undefined` without `--audit-log-path` or `--audit-policy-file` (upstream: no audit). */
export const loadAudit = (o: AuditLogOptions, deps: Deps): TE.TaskEither<string, AuditParts> => {
  if (o.logPath === '' || o.policyFile === '') return TE.right(undefined)
  return pipe(
    loadPolicy(o.policyFile),
    TE.mapLeft(formatPolicyError),
    TE.map((policy) => {
      const log = logBackend({ path: o.logPath, maxSizeMB: o.logMaxSize, maxBackups: o.logMaxBackups, maxAgeDays: o.logMaxAge }, deps)
      return { backend: withAuditMode(o.logMode as AuditMode, log, logBatchConfig(o), deps), policy: policyEvaluator(policy) }
    }),
  )
}
