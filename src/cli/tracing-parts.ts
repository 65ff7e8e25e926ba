import { readFile } from 'node:fs/promises'
import * as E from 'fp-ts/lib/Either.js'
import * as RA from 'fp-ts/lib/ReadonlyArray.js'
import * as TE from 'fp-ts/lib/TaskEither.js'
import { pipe } from 'fp-ts/lib/function.js'
import { type Problem, fileProblem } from '../config/problems.js'
import { type TracingConfiguration, parseTracingConfiguration } from '../config/tracing-configuration.js'

/**
 * The tracing configuration `--tracing-config-file` names (upstream `ReadTracingConfiguration` then
 * `ValidateTracingConfiguration`); `undefined` without the flag (no SDK: the API's no-op tracing). A file
 * that cannot be read, parsed or validated gives one problem a line, each naming the flag and the file.
 * @example
 * const tracing = await loadTracing('/etc/kubechain/tracing.yaml')() // right({ endpoint, samplingRatePerMillion })
 */
export const loadTracing = (file: string): TE.TaskEither<ReadonlyArray<Problem>, TracingConfiguration | undefined> => {
  if (file === '') return TE.right(undefined)
  const problem = (message: string): Problem => fileProblem('--tracing-config-file', file, message)
  return pipe(
    TE.tryCatch(
      () => readFile(file, 'utf8'),
      (e) => [problem(`unable to read tracing configuration: ${e instanceof Error ? e.message : String(e)}`)],
    ),
    TE.chainEitherK((text) => pipe(parseTracingConfiguration(text), E.mapLeft(RA.map(problem)))),
  )
}
