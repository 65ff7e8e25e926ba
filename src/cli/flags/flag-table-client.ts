import type { FlagTable } from './flag-spec.js'

/** The command's own settings, apart from the server's options: flags with a `cli.` path set them. */
export interface CliSettings {
  /** Where to write a kubeconfig for the server, `''` for nowhere. */
  readonly writeKubeconfig: string
}

/** What `CliSettings` holds when no flag sets it. */
export const cliSettingsDefaults: CliSettings = { writeKubeconfig: '' }

/**
 * The "Client flags": `--write-kubeconfig`, named as k3s names its flag for the same job. Port note:
 * kube-apiserver has no such flag; it writes no client configuration.
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
      'its serving certificate and the generated admin token, which is then printed nowhere else. With --token-auth-file the user in it ' +
      'has no credentials. Use it as: kubectl --kubeconfig <file> get configmaps',
  },
]
