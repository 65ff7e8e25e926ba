import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import { applyValues } from '../../config/options/apply-values.js'
import { type CompletedOptions, type ServeEnv, completeServeOptions } from '../../config/options/complete-options.js'
import type { ServeOptions } from '../../config/options/serve-options.js'
import { validateServeOptions } from '../../config/options/validate-options.js'
import type { Problem } from '../../config/problems.js'
import type { FlagTable, FlagValue } from './flag-spec.js'
import { type CliSettings, cliSettingsDefaults } from './flag-table-client.js'
import { scanFlags } from './parse-flags.js'
import { serveFlagTable } from './serve-flag-table.js'

/** What `kubechain serve <argv>` asks for: the help text, or serving with these options and command settings. */
export type ServeCommand = { readonly help: true } | { readonly help: false; readonly options: CompletedOptions; readonly cli: CliSettings }

/**
 * Parses the flags of `kubechain serve`, applies them over upstream's defaults, validates every option
 * and completes them (advertise address, external address, certificate paths); the `cli.` flags
 * (`--write-kubeconfig`, `--admin-token-file`) become `cli`. Left: every problem at once, each with its flag as path; print
 * them with `formatProblems` (sorted by flag) and exit 2.
 * @example
 * const cmd = parseServeCommand(['--secure-port=8443'], { interfaces: os.networkInterfaces })
 * if (E.isLeft(cmd)) process.stderr.write(formatProblems(cmd.left) + '\n')
 */
export const parseServeCommand = (
  argv: ReadonlyArray<string>,
  env: ServeEnv,
  table: FlagTable = serveFlagTable,
): E.Either<ReadonlyArray<Problem>, ServeCommand> => {
  const scanned = scanFlags(argv, table)
  if (scanned.help) return E.right({ help: true })
  const { cli, server } = splitValues(scanned.values)
  return pipe(
    applyValues(server),
    E.chain(valid([...scanned.problems, ...cliProblems(cli)])),
    E.map(
      (options): ServeCommand => ({ help: false, options: completeServeOptions(options, env), cli: { ...cliSettingsDefaults, ...cli } }),
    ),
  )
}

/** Values of `cli.` paths set the command's settings; the rest set server options. */
const splitValues = (
  values: Readonly<Record<string, FlagValue>>,
): { cli: Partial<Record<keyof CliSettings, string>>; server: Record<string, FlagValue> } => {
  const cli: Record<string, string> = {}
  const server: Record<string, FlagValue> = {}
  for (const [path, value] of Object.entries(values)) {
    if (path.startsWith('cli.') && typeof value === 'string') cli[path.slice(4)] = value
    else server[path] = value
  }
  return { cli, server }
}

/** `--write-kubeconfig` and `--admin-token-file`, when given, must name a file: an empty value is a problem (not given at all is fine). */
const cliProblems = (cli: Partial<Record<keyof CliSettings, string>>): ReadonlyArray<Problem> => [
  ...(cli.writeKubeconfig === '' ? [{ path: '--write-kubeconfig', message: 'expected a file path, got ""' }] : []),
  ...(cli.adminTokenFile === '' ? [{ path: '--admin-token-file', message: 'expected a file path, got ""' }] : []),
]

/** Flag problems and the problems of the options the good flags set, together. */
const valid =
  (flagProblems: ReadonlyArray<Problem>) =>
  (options: ServeOptions): E.Either<ReadonlyArray<Problem>, ServeOptions> => {
    const problems = [...flagProblems, ...validateServeOptions(options)]
    return problems.length > 0 ? E.left(problems) : E.right(options)
  }
