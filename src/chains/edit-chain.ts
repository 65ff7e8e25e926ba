import * as E from 'fp-ts/lib/Either.js'
import type { Chain, Step } from '../core/step.js'

/** Why a chain edit failed. */
export type ChainError =
  | { readonly _tag: 'StepNotFound'; readonly name: string }
  | { readonly _tag: 'DuplicateStep'; readonly name: string }

/** A chain edit, data-last for `pipe` and `E.chain`; the edited chain keeps its type (a `ServerChain` stays one). */
export type ChainEdit = <A extends Chain>(chain: A) => E.Either<ChainError, A>

/** Renders a chain error as one line. */
export const chainErrorMessage = (e: ChainError): string =>
  e._tag === 'StepNotFound' ? `no step named "${e.name}" in the chain` : `the chain already has a step named "${e.name}"`

const indexOf = (chain: Chain, name: string): E.Either<ChainError, number> => {
  const i = chain.findIndex((s) => s.name === name)
  return i < 0 ? E.left({ _tag: 'StepNotFound', name }) : E.right(i)
}

const checkNew = (chain: Chain, steps: ReadonlyArray<Step>): E.Either<ChainError, Chain> => {
  const seen = new Set(chain.map((s) => s.name))
  for (const s of steps) {
    if (seen.has(s.name)) return E.left({ _tag: 'DuplicateStep', name: s.name })
    seen.add(s.name)
  }
  return E.right(chain)
}

const splice = <A extends Chain>(chain: A, at: number, remove: number, steps: ReadonlyArray<Step>): A =>
  [...chain.slice(0, at), ...steps, ...chain.slice(at + remove)] as Chain as A

/**
 * Inserts steps just outside (before, in run order) the step named `anchor`.
 * @example
 * pipe(chain, insertBefore('authorization', step('cache-control', withCacheControl))) // right: the chain with cache-control first
 */
export const insertBefore =
  (anchor: string, ...steps: ReadonlyArray<Step>): ChainEdit =>
  (chain) => {
    const i = indexOf(chain, anchor)
    if (E.isLeft(i)) return i
    return E.map(() => splice(chain, i.right, 0, steps))(checkNew(chain, steps))
  }

/** Inserts steps just inside (after, in run order) the step named `anchor`. */
export const insertAfter =
  (anchor: string, ...steps: ReadonlyArray<Step>): ChainEdit =>
  (chain) => {
    const i = indexOf(chain, anchor)
    if (E.isLeft(i)) return i
    return E.map(() => splice(chain, i.right + 1, 0, steps))(checkNew(chain, steps))
  }

/** Replaces the step named `name` by `step` (which may have another name, not yet in the chain). */
export const replace =
  (name: string, step: Step): ChainEdit =>
  (chain) => {
    const i = indexOf(chain, name)
    if (E.isLeft(i)) return i
    const rest = splice(chain, i.right, 1, [])
    return E.map(() => splice(chain, i.right, 1, [step]))(checkNew(rest, [step]))
  }

/** Removes the step named `name`. */
export const without =
  (name: string): ChainEdit =>
  (chain) =>
    E.map((i: number) => splice(chain, i, 1, []))(indexOf(chain, name))
