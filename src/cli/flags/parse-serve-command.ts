import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import { applyValues } from '../../config/options/apply-values.js'
import { type CompletedOptions, type ServeEnv, completeServeOptions } from '../../config/options/complete-options.js'
import type { ServeOptions } from '../../config/options/serve-options.js'
import { validateServeOptions } from '../../config/options/validate-options.js'
import type { Problem } from '../../config/problems.js'
import type { FlagTable } from './flag-spec.js'
import { scanFlags } from './parse-flags.js'
import { serveFlagTable } from './serve-flag-table.js'

/** What `kubechain serve <argv>` asks for: the help text, or serving with these options. */
export type ServeCommand = { readonly help: true } | { readonly help: false; readonly options: CompletedOptions }

/**
 * Parses the flags of `kubechain serve`, applies them over upstream's defaults, validates every option
 * and completes them (advertise address, external address, certificate paths). Left: every problem at
 * once, each with its flag as path; print them with `formatProblems` (sorted by flag) and exit 2.
 * @example
 * const cmd = parseServeCommand(['--secure-port=8443'], { interfaces: os.networkInterfaces })
 * if (E.isLeft(cmd)) process.stderr.write(formatProblems(cmd.left) + '\n')
 */
export const parseServeCommand = (argv: ReadonlyArray<string>, env: ServeEnv, table: FlagTable = serveFlagTable): E.Either<ReadonlyArray<Problem>, ServeCommand> => {
  const scanned = scanFlags(argv, table)
  if (scanned.help) return E.right({ help: true })
  return pipe(
    applyValues(scanned.values),
    E.chain(valid(scanned.problems)),
    E.map((options): ServeCommand => ({ help: false, options: completeServeOptions(options, env) })),
  )
}

/** Flag problems and the problems of the options the good flags set, together. */
const valid =
  (flagProblems: ReadonlyArray<Problem>) =>
  (options: ServeOptions): E.Either<ReadonlyArray<Problem>, ServeOptions> => {
    const problems = [...flagProblems, ...validateServeOptions(options)]
    return problems.length > 0 ? E.left(problems) : E.right(options)
  }
