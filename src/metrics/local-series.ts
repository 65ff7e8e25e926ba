import type { Registry } from 'prom-client'
import { type HistogramCell, type ValueCell, counterFamily, histogramFamily, observeHistogram } from './families.js'

/** One series of a counter: `inc` adds to its cell. */
export interface CounterChild {
  readonly inc: (by?: number) => void
}

/** One series of a histogram: `observe` adds to its cell. */
export interface HistogramChild {
  readonly observe: (value: number) => void
}

/** A counter vector with at most one label; `child` finds or makes a label value's series. */
export interface LocalCounterVec {
  readonly child: (labelValue: string) => CounterChild
}

/** A histogram vector with one label; `child` finds or makes a label value's series. */
export interface LocalHistogramVec {
  readonly child: (labelValue: string) => HistogramChild
}

/**
 * A counter family (`families.ts`) with one label or none, ALPHA as every series recorded through it;
 * `help` is upstream's text with its `[ALPHA] ` prefix, which the family adds itself.
 */
export const localCounterVec = (registry: Registry, name: string, help: string, labelName?: string): LocalCounterVec => {
  const family = counterFamily(registry, {
    name,
    help: unprefixed(help),
    stability: 'ALPHA',
    labelNames: labelName === undefined ? [] : [labelName],
  })
  if (labelName === undefined) family.child([])
  return {
    child: (value) => {
      const values = labelName === undefined ? [] : [value]
      let cell: ValueCell | undefined
      // made at the first count, so a series shows from then on, as a Go vector's child made where it records
      return { inc: (by = 1) => void ((cell ??= family.child(values)).value += by) }
    },
  }
}

/** A histogram family (`families.ts`) with one label, ALPHA; `help` as `localCounterVec`'s. */
export const localHistogramVec = (
  registry: Registry,
  name: string,
  help: string,
  labelName: string,
  buckets: ReadonlyArray<number>,
): LocalHistogramVec => {
  const family = histogramFamily(registry, { name, help: unprefixed(help), stability: 'ALPHA', labelNames: [labelName] }, buckets)
  return {
    child: (value) => {
      let cell: HistogramCell | undefined
      return { observe: (v) => observeHistogram((cell ??= family.child([value])), v) }
    },
  }
}

const unprefixed = (help: string): string => help.replace(/^\[ALPHA\] /, '')
