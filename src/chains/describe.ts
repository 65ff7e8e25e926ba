import type { Chain } from '../core/step.js'

/** A JSON-able view of one step. */
export interface StepDescription {
  readonly name: string
  readonly needs: ReadonlyArray<string>
  readonly provides: ReadonlyArray<string>
  readonly inside: ReadonlyArray<string>
  readonly outside: ReadonlyArray<string>
}

/**
 * Lists a chain's steps in run order with their ordering metadata, for docs and debugging.
 * @example
 * console.log(JSON.stringify(describe(chain), null, 2))
 */
export const describe = (chain: Chain): ReadonlyArray<StepDescription> =>
  chain.map(({ name, needs, provides, inside, outside }) => ({ name, needs, provides, inside, outside }))
