import { readFile } from 'node:fs/promises'
import * as E from 'fp-ts/lib/Either.js'
import * as TE from 'fp-ts/lib/TaskEither.js'
import { pipe } from 'fp-ts/lib/function.js'
import type { CompletedOptions } from '../config/options/complete-options.js'
import { flagProblem } from '../config/options/flag-problem.js'
import { type Problem, fileProblem } from '../config/problems.js'
import { type FlowcontrolConfig, bootstrapFlowcontrolConfig } from '../flowcontrol/flowcontrol-config.js'
import { flowcontrolConfigFlag, parseFlowcontrolConfig } from '../flowcontrol/parse-flowcontrol-config.js'
import type { Deps } from '../core/deps.js'
import { type ApfRuntime, newApfRuntime } from '../flowcontrol/apf-runtime.js'
import { serverConcurrencyLimit } from '../flowcontrol/concurrency-limits.js'
import { servedFlowcontrolObjects } from '../flowcontrol/served-flowcontrol-objects.js'
import type { PostStartHook } from '../lifecycle/hooks.js'

/**
 * The API Priority and Fairness configuration the flags ask for: `undefined` with
 * `--enable-priority-and-fairness=false` (max-in-flight limits requests), upstream's bootstrap objects
 * without `--flowcontrol-config-file`, else those with the file's objects. A file that cannot be read or
 * holds bad objects gives one problem a line, each naming the flag and the file; so does a server limit
 * (`--max-requests-inflight` plus `--max-mutating-requests-inflight`) that is not positive, which APF
 * cannot share out.
 */
export const loadFlowcontrol = (o: CompletedOptions): TE.TaskEither<ReadonlyArray<Problem>, FlowcontrolConfig | undefined> => {
  if (!o.features.enablePriorityAndFairness) return TE.right(undefined)
  if (o.serverRun.maxRequestsInFlight + o.serverRun.maxMutatingRequestsInFlight <= 0) {
    return TE.left([flagProblem('max-requests-inflight', nonPositiveLimit)])
  }
  const file = o.features.flowcontrolConfigFile
  if (file === '') return TE.right(bootstrapFlowcontrolConfig)
  return pipe(
    TE.tryCatch(
      () => readFile(file, 'utf8'),
      (e) => [fileProblem(flowcontrolConfigFlag, file, `unable to read the configuration: ${e instanceof Error ? e.message : String(e)}`)],
    ),
    TE.chainEitherK((text) => parseFlowcontrolConfig(text, file)),
  )
}

/** Why a server limit of 0 or less is refused with priority and fairness on. */
export const nonPositiveLimit =
  '--max-requests-inflight plus --max-mutating-requests-inflight must be positive when --enable-priority-and-fairness is true'

/** What `kubechain serve` runs API Priority and Fairness with: the served objects and the running system. */
export interface PriorityAndFairnessParts {
  /** The stamped objects the API serves and the classifier uses (their uids go in response headers). */
  readonly served: FlowcontrolConfig
  readonly apf: ApfRuntime
}

/**
 * Stamps `config`'s objects and starts nothing yet: the running system over the server's limit
 * (`--max-requests-inflight` plus `--max-mutating-requests-inflight`). Its rebalancing starts with
 * `priorityAndFairnessHook`.
 */
export const priorityAndFairnessParts = (
  config: FlowcontrolConfig,
  o: CompletedOptions,
  deps: Pick<Deps, 'clock' | 'newId' | 'log'>,
): E.Either<string, PriorityAndFairnessParts> => {
  const served = servedFlowcontrolObjects(config, { now: deps.clock.now, newId: deps.newId })
  const serverCL = serverConcurrencyLimit(o.serverRun.maxRequestsInFlight, o.serverRun.maxMutatingRequestsInFlight)
  return E.map((apf: ApfRuntime) => ({ served, apf }))(newApfRuntime(served, serverCL, { clock: deps.clock, log: deps.log }))
}

/** Upstream's post-start hook that runs the APF controller; here it rebalances the levels until the server stops. */
export const priorityAndFairnessHookName = 'priority-and-fairness-config-consumer'

/** The post-start hook: starts `apf`'s rebalancing and stops it when the server begins to stop. */
export const priorityAndFairnessHook =
  (apf: ApfRuntime): PostStartHook =>
  ({ signal }) =>
    TE.fromIO(() => {
      const stop = apf.start()
      signal.addEventListener('abort', stop, { once: true })
    })
