import type { VersionRequest } from '../version-flag.js'
import { scanFlags } from './parse-flags.js'
import { serveFlagTable } from './serve-flag-table.js'

/**
 * What `kubechain serve <argv>` asks of `--version`, as upstream decides it: after the flags parse (a flag that
 * does not parse is reported instead) and before the options are validated; `--help` wins over it.
 * @example
 * serveVersionRequest(['--secure-port=0', '--version']) // 'true': the version is printed, the bad port is not checked
 */
export const serveVersionRequest = (argv: ReadonlyArray<string>): VersionRequest => {
  const scanned = scanFlags(argv, serveFlagTable)
  return scanned.help || scanned.problems.length > 0 ? 'false' : scanned.version
}
