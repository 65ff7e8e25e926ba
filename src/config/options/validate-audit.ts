import { AuditMode } from '../../audit/backend-mode.js'
import type { Problem } from '../problems.js'
import { flagProblem } from './flag-problem.js'
import type { AuditOptions } from './serve-options.js'

/**
 * Upstream's `AuditLogOptions.Validate`: only when `--audit-log-path` is set, a known mode, no negative
 * rotation value and, in batch mode, a positive buffer and batch size and, with the throttle on, a
 * positive QPS and burst, with upstream's messages.
 * Port note: upstream stops at the first bad batch value; each one is reported here, as every problem is.
 * @example
 * validateAudit({ ...serveOptionsDefaults.audit, logPath: '-', logMode: 'async' })
 * // [{ path: '--audit-log-mode', message: 'invalid audit log mode async, allowed modes are "batch,blocking,blocking-strict"' }]
 */
export const validateAudit = (o: AuditOptions): ReadonlyArray<Problem> => {
  if (o.logPath === '') return []
  return [
    ...(AuditMode.is(o.logMode)
      ? []
      : [
          flagProblem(
            'audit-log-mode',
            `invalid audit log mode ${o.logMode}, allowed modes are "${Object.keys(AuditMode.keys).join(',')}"`,
          ),
        ]),
    ...negative('audit-log-maxage', o.logMaxAge),
    ...negative('audit-log-maxbackup', o.logMaxBackups),
    ...negative('audit-log-maxsize', o.logMaxSize),
    ...(o.logMode === 'batch' ? batchProblems(o) : []),
  ]
}

/** Upstream's `validateBackendBatchOptions` for the log backend in batch mode. */
const batchProblems = (o: AuditOptions): ReadonlyArray<Problem> => [
  ...positive('audit-log-batch-buffer-size', 'buffer size', o.logBatchBufferSize),
  ...positive('audit-log-batch-max-size', 'max batch size', o.logBatchMaxSize),
  ...(o.logBatchThrottleEnable
    ? [
        ...positive('audit-log-batch-throttle-qps', 'throttle QPS', o.logBatchThrottleQPS),
        ...positive('audit-log-batch-throttle-burst', 'throttle burst', o.logBatchThrottleBurst),
      ]
    : []),
]

const positive = (flag: string, what: string, n: number): ReadonlyArray<Problem> =>
  n > 0 ? [] : [flagProblem(flag, `invalid audit batch log ${what} ${n}, must be a positive number`)]

const negative = (flag: string, n: number): ReadonlyArray<Problem> =>
  n < 0 ? [flagProblem(flag, `--${flag} ${n} can't be a negative number`)] : []
