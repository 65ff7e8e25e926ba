import { AuditMode } from '../../audit/backend-mode.js'
import type { Problem } from '../problems.js'
import { flagProblem } from './flag-problem.js'
import type { AuditOptions } from './serve-options.js'

/**
 * Upstream's `AuditLogOptions.Validate`: only when `--audit-log-path` is set, a known mode and no
 * negative rotation value, with upstream's messages.
 * @example
 * validateAudit({ ...serveOptionsDefaults.audit, logPath: '-', logMode: 'async' })
 * // [{ path: '--audit-log-mode', message: 'invalid audit log mode async, allowed modes are "batch,blocking,blocking-strict"' }]
 */
export const validateAudit = (o: AuditOptions): ReadonlyArray<Problem> => {
  if (o.logPath === '') return []
  return [
    ...(AuditMode.is(o.logMode) ? [] : [flagProblem('audit-log-mode', `invalid audit log mode ${o.logMode}, allowed modes are "${Object.keys(AuditMode.keys).join(',')}"`)]),
    ...negative('audit-log-maxage', o.logMaxAge),
    ...negative('audit-log-maxbackup', o.logMaxBackups),
    ...negative('audit-log-maxsize', o.logMaxSize),
  ]
}

const negative = (flag: string, n: number): ReadonlyArray<Problem> => (n < 0 ? [flagProblem(flag, `--${flag} ${n} can't be a negative number`)] : [])
