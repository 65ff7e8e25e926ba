import type { Problem } from '../problems.js'
import type { ServeOptions } from './serve-options.js'
import { validateAudit } from './validate-audit.js'
import { validateAuthentication, validateAuthorization } from './validate-auth.js'
import { validateLogs } from './validate-logs.js'
import { validateSecureServing } from './validate-secure-serving.js'
import { validateServerRun } from './validate-server-run.js'

/**
 * Every rule of every option group at once (upstream's `Validate` of each options struct); empty when
 * the options are valid. Each problem's path is the flag it concerns.
 * @example
 * formatProblems(validateServeOptions({ ...serveOptionsDefaults, logs: { verbosity: 2, format: 'json' } })) // ''
 */
export const validateServeOptions = (o: ServeOptions): ReadonlyArray<Problem> => [
  ...validateSecureServing(o.secureServing),
  ...validateServerRun(o.serverRun),
  ...validateAuthentication(o.authentication),
  ...validateAuthorization(o.authorization),
  ...validateAudit(o.audit),
  ...validateLogs(o.logs),
]
