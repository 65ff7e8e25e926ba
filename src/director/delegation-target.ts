import type { Handler } from '../core/index.js'

/**
 * What a server offers the server in front of it (upstream `DelegationTarget`, the routing part):
 * its director, without its filter chain, and the paths it lists.
 */
export interface DelegationTarget {
  /** The server's director (upstream `UnprotectedHandler`), or `undefined` for the empty delegate. */
  readonly unprotectedHandler: Handler | undefined
  /** Every path this server and its own delegates list, sorted, each once. */
  readonly listedPaths: () => ReadonlyArray<string>
}

const noPaths = (): ReadonlyArray<string> => []

/** The end of a delegation chain (upstream `NewEmptyDelegate`): no handler, no paths. */
export const emptyDelegate: DelegationTarget = { unprotectedHandler: undefined, listedPaths: noPaths }

/**
 * An end of a delegation chain that answers with `handler` (upstream
 * `NewEmptyDelegateWithCustomHandler`); kube uses it for its 404/503 not-found handler.
 * @example
 * import { constant, text } from 'kubechain/core'
 * import { emptyDelegateWithCustomHandler } from 'kubechain/director'
 *
 * const last = emptyDelegateWithCustomHandler(constant(text(404, 'nothing here')))
 */
export const emptyDelegateWithCustomHandler = (handler: Handler): DelegationTarget => ({
  unprotectedHandler: handler,
  listedPaths: noPaths,
})
