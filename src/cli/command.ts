/** What a CLI invocation prints and the exit code it ends with. */
export interface CliResult {
  readonly code: number
  readonly stdout: string
  readonly stderr: string
}

/** What the command line asks for: text to print, or a server to run with the rest of the arguments. */
export type Command =
  | { readonly _tag: 'Print'; readonly result: CliResult }
  | { readonly _tag: 'Serve'; readonly argv: ReadonlyArray<string> }

/** The `kubechain` usage text. */
export const usage = `kubechain: the Kubernetes API server's serving stack for Node.js

Usage:
  kubechain serve [flags]   serve the secure handler chain over an example API (HTTPS, HTTP/2 and HTTP/1.1)
  kubechain serve --help    the serve flags, by section
  kubechain --help          print this text
`

/** Interprets the command line (without `node` and the script path). Pure: printing and serving are the caller's job. */
export const command = (argv: ReadonlyArray<string>): Command => {
  const [verb] = argv
  if (verb === undefined || verb === '--help' || verb === '-h' || verb === 'help') return print(0, usage, '')
  if (verb === 'serve') return { _tag: 'Serve', argv: argv.slice(1) }
  return print(2, '', `kubechain: unknown command "${verb}"\n\n${usage}`)
}

const print = (code: number, stdout: string, stderr: string): Command => ({ _tag: 'Print', result: { code, stdout, stderr } })
