import * as E from 'fp-ts/lib/Either.js'
import { type VersionRequest, parseVersionFlag } from './version-flag.js'

/** What a CLI invocation prints and the exit code it ends with. */
export interface CliResult {
  readonly code: number
  readonly stdout: string
  readonly stderr: string
}

/** What the command line asks for: text to print, the version, or a server to run with the rest of the arguments. */
export type Command =
  | { readonly _tag: 'Print'; readonly result: CliResult }
  | { readonly _tag: 'Version'; readonly request: Exclude<VersionRequest, 'false'> }
  | { readonly _tag: 'Serve'; readonly argv: ReadonlyArray<string> }

/** The `kubechain` usage text. */
export const usage = `kubechain: the Kubernetes API server's serving stack for Node.js

Usage:
  kubechain serve [flags]   serve the secure handler chain over an example API (HTTPS, HTTP/2 and HTTP/1.1)
  kubechain serve --help    the serve flags, by section
  kubechain --help          print this text
  kubechain --version       print kubechain's version; --version=raw prints the /version record as JSON
`

/** Interprets the command line (without `node` and the script path). Pure: printing and serving are the caller's job. */
export const command = (argv: ReadonlyArray<string>): Command => {
  const [verb] = argv
  if (verb === undefined || verb === '--help' || verb === '-h' || verb === 'help') return print(0, usage, '')
  if (verb === 'serve') return { _tag: 'Serve', argv: argv.slice(1) }
  if (verb === '--version' || verb.startsWith('--version=')) return version(verb.slice('--version='.length) || 'true')
  return print(2, '', `kubechain: unknown command "${verb}"\n\n${usage}`)
}

/** `--version[=value]`; `--version=false` prints the usage, as no command at all does. */
const version = (text: string): Command => {
  const request = parseVersionFlag(text)
  if (E.isLeft(request)) return print(2, '', `kubechain: --version: ${request.left}\n`)
  return request.right === 'false' ? print(0, usage, '') : { _tag: 'Version', request: request.right }
}

const print = (code: number, stdout: string, stderr: string): Command => ({ _tag: 'Print', result: { code, stdout, stderr } })
