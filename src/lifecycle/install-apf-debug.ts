import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import { type Handler, text } from '../core/index.js'
import { muxErrorMessage } from '../director/mux-error.js'
import { type MuxEdit, unlistedHandle } from '../director/path-mux.js'
import type { ApfState } from '../flowcontrol/apf-state.js'
import { bootstrapFlowcontrolConfig } from '../flowcontrol/flowcontrol-config.js'
import { dumpPriorityLevels, dumpQueues, dumpRequests } from '../flowcontrol/debug-dumps.js'
import type { GenericServer } from './generic-server.js'
import { type LifecycleError, lifecycleError } from './lifecycle-error.js'

/** Where upstream's `configController.Install` puts the three dumps. */
export const apfDebugPrefix = '/debug/api_priority_and_fairness'

/** The state shown before the running system exists: no levels, so every dump is its header line. */
const noLevels: ApfState = { config: bootstrapFlowcontrolConfig, levels: new Map() }

// Go's handler sets no content type; net/http sniffs the text as `text/plain; charset=utf-8`.
const dumpHandler =
  (state: () => ApfState | undefined, dump: (s: ApfState, rawQuery: string) => string): Handler =>
  (req) =>
    text(200, dump(state() ?? noLevels, req.rawQuery))

/** Upstream reads `includeRequestDetails` as any non-empty first value (`=0` too). */
const includeDetails = (rawQuery: string): boolean => (new URLSearchParams(rawQuery).get('includeRequestDetails') ?? '') !== ''

/** The three dump routes over the state `state()` gives at request time, as one mux edit. */
export const apfDebugRoutes =
  (state: () => ApfState | undefined): MuxEdit =>
  (mux) =>
    pipe(
      unlistedHandle(`${apfDebugPrefix}/dump_priority_levels`, dumpHandler(state, dumpPriorityLevels))(mux),
      E.chain(unlistedHandle(`${apfDebugPrefix}/dump_queues`, dumpHandler(state, dumpQueues))),
      E.chain(
        unlistedHandle(
          `${apfDebugPrefix}/dump_requests`,
          dumpHandler(state, (s, q) => dumpRequests(s, includeDetails(q))),
        ),
      ),
    )

/**
 * Installs API Priority and Fairness's debug dumps on the server's mux, unlisted (upstream
 * `configController.Install`, which `installAPI` calls whenever APF is on):
 * `/debug/api_priority_and_fairness/dump_priority_levels`, `/dump_queues` and `/dump_requests` (with
 * `?includeRequestDetails=1` for user and RequestInfo columns), each answering any method with `200`
 * and a tab-aligned `text/plain` table. `state` is read per request; while it gives undefined the dumps
 * are their header lines alone. Only `system:masters` reach them under the bootstrap RBAC policy.
 * @example
 * import type { ApfState } from 'kubechain/flowcontrol'
 * let running: ApfState | undefined // set once the priority-and-fairness filter has built its state
 * pipe(newGenericServer({ name: 'api' }), E.chain(installApfDebug(() => running)), E.chain(prepareRun))
 */
export const installApfDebug =
  (state: () => ApfState | undefined) =>
  (server: GenericServer): E.Either<LifecycleError, GenericServer> =>
    pipe(
      server.handler.mux.modify(apfDebugRoutes(state)),
      E.bimap(
        (e) => lifecycleError('MuxRefused', muxErrorMessage(e)),
        () => server,
      ),
    )
