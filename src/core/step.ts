import type { Key } from './attributes.js'
import type { Filter, Handler } from './handler.js'

/**
 * A named filter with ordering metadata. `needs`/`provides` name request attributes; `inside`/`outside`
 * name other steps this one must run inside (after, on the way in) or outside (before), when present.
 */
export interface Step {
  readonly name: string
  readonly filter: Filter
  readonly needs: ReadonlyArray<string>
  readonly provides: ReadonlyArray<string>
  readonly inside: ReadonlyArray<string>
  readonly outside: ReadonlyArray<string>
}

/** Ordering declarations of a step; attribute keys or their names. */
export interface StepOrder {
  readonly needs?: ReadonlyArray<string | Key<unknown>>
  readonly provides?: ReadonlyArray<string | Key<unknown>>
  readonly inside?: ReadonlyArray<string>
  readonly outside?: ReadonlyArray<string>
}

/** A chain of steps in RUN order: outermost (first on the way in, last on the way out) first. */
export type Chain = ReadonlyArray<Step>

const nameOf = (k: string | Key<unknown>): string => (typeof k === 'string' ? k : k.name)

/**
 * Makes a step.
 * @example
 * const cacheControl = step('cache-control', withCacheControl, { outside: ['authentication'] })
 */
export const step = (name: string, filter: Filter, order: StepOrder = {}): Step => ({
  name,
  filter,
  needs: (order.needs ?? []).map(nameOf),
  provides: (order.provides ?? []).map(nameOf),
  inside: order.inside ?? [],
  outside: order.outside ?? [],
})

/**
 * Folds a chain over an inner handler: `build([a, b])(h) = a.filter(b.filter(h))`, so `a` runs first.
 * `build([])` is the identity. Build once, serve many.
 */
export const build =
  (chain: Chain) =>
  (inner: Handler): Handler =>
    chain.reduceRight((next, s) => s.filter(next), inner)
