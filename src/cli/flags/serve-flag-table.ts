import { auditFlags } from './flag-table-audit.js'
import { authenticationFlags, authorizationFlags } from './flag-table-auth.js'
import { clientFlags } from './flag-table-client.js'
import { featureFlags } from './flag-table-features.js'
import { genericFlags, logsFlags } from './flag-table-generic.js'
import { servingFlags } from './flag-table-serving.js'
import { tracesFlags } from './flag-table-traces.js'
import type { FlagTable } from './flag-spec.js'

/**
 * Every flag of `kubechain serve`, section by section as help prints them: the server's options, then
 * the command's own client flags.
 * @example
 * parseFlags(['--secure-port=8443'], serveFlagTable)
 */
export const serveFlagTable: FlagTable = [
  ...genericFlags,
  ...servingFlags,
  ...authenticationFlags,
  ...authorizationFlags,
  ...auditFlags,
  ...featureFlags,
  ...logsFlags,
  ...tracesFlags,
  ...clientFlags,
]
