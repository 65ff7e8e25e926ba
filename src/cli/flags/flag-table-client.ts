import type { FlagTable } from './flag-spec.js'
import { adminTokenFileName } from '../admin-token-plan.js'

/** The command's own settings, apart from the server's options: flags with a `cli.` path set them. */
export interface CliSettings {
  /** Where to write a kubeconfig for the server, `''` for nowhere. */
  readonly writeKubeconfig: string
  /** Where to write the generated admin token, `''` for the default place (see `adminTokenPlan`). */
  readonly adminTokenFile: string
}

/** What `CliSettings` holds when no flag sets it. */
export const cliSettingsDefaults: CliSettings = { writeKubeconfig: '', adminTokenFile: '' }

/**
 * The "Client flags": `--write-kubeconfig`, named as k3s names its flag for the same job, and
 * `--admin-token-file`. Port note: kube-apiserver has neither; it writes no client configuration and
 * generates no admin token.
 */
export const clientFlags: FlagTable = [
  {
    name: 'write-kubeconfig',
    section: 'Client',
    type: 'string',
    default: cliSettingsDefaults.writeKubeconfig,
    path: 'cli.writeKubeconfig',
    help:
      'If set, write a kubeconfig for this server to this file (mode 0600, missing directories made), once it listens: its URL, the CA of ' +
      'its serving certificate and the generated admin token, which is then printed nowhere (and written elsewhere only to --admin-token-file). ' +
      'With --token-auth-file the user in it ' +
      'has no credentials. Use it as: kubectl --kubeconfig <file> get configmaps',
  },
  {
    name: 'admin-token-file',
    section: 'Client',
    type: 'string',
    default: cliSettingsDefaults.adminTokenFile,
    path: 'cli.adminTokenFile',
    help:
      'If set, write the admin token generated when no --token-auth-file is given to this file (mode 0600, missing directories made), ' +
      'and print it nowhere. If not set, the token goes only into --write-kubeconfig when that is set; else it is printed once when ' +
      `standard output is a terminal, and otherwise (a pipe or a file, such as container logs) written to <cert-dir>/${adminTokenFileName}.`,
  },
]
