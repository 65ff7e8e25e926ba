/** What a CLI invocation prints and the exit code it ends with. */
export interface CliResult {
  readonly code: number
  readonly stdout: string
  readonly stderr: string
}

/** The `kubechain` usage text. */
export const usage = `kubechain: the Kubernetes API server's serving stack for Node.js

Usage:
  kubechain serve [flags]   serve the secure handler chain (not ready yet: see below)
  kubechain --help          print this text

The library (filters, chains, director, node adapters) is usable today; the serve command
arrives with the lifecycle and configuration work.
`

/** Interprets the command line (without `node` and the script path). Pure: printing is the caller's job. */
export const command = (argv: ReadonlyArray<string>): CliResult => {
  const [verb] = argv
  if (verb === undefined || verb === '--help' || verb === '-h' || verb === 'help') return { code: 0, stdout: usage, stderr: '' }
  if (verb === 'serve') {
    return {
      code: 1,
      stdout: '',
      stderr: 'kubechain serve: not ready yet: secure serving, lifecycle and configuration are still being built; the library API is available\n',
    }
  }
  return { code: 2, stdout: '', stderr: `kubechain: unknown command "${verb}"\n\n${usage}` }
}
