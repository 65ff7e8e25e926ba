// Spec support for the security series: values and histograms of a scrape (parsed by spec/support/scrape.ts).
import type { Registry } from 'prom-client'
import type { ParsedFamily, ParsedMetric } from '../support/scrape.js'

export { scrape } from '../support/scrape.js'
/** One parsed sample. */
export type Sample = ParsedMetric
/** One metric family as the parser gives it. */
export type Family = ParsedFamily

/**
 * A histogram's series with exactly `labels` (besides `le`), read from the registry's JSON: the parser
 * folds every label set of a labelled histogram into one sample, so it cannot tell them apart.
 * `buckets` maps each `le` (as prom-client prints it) to its cumulative count.
 */
export const histogramOf = async (
  registry: Registry,
  name: string,
  labels: Record<string, string>,
): Promise<{ readonly buckets: Readonly<Record<string, number>>; readonly count: number; readonly sum: number } | undefined> => {
  const metric = (await registry.getMetricsAsJSON()).find((m) => m.name === name)
  const mine = (metric?.values ?? []).filter((v) => {
    const { le: _, ...rest } = v.labels as Record<string, string | number>
    return sameLabels(rest as Record<string, string>, labels)
  })
  if (mine.length === 0) return undefined
  const buckets: Record<string, number> = {}
  let count = 0
  let sum = 0
  for (const v of mine) {
    const metricName = (v as { metricName?: string }).metricName
    if (metricName === `${name}_bucket`) buckets[String(v.labels['le'])] = v.value
    else if (metricName === `${name}_count`) count = v.value
    else if (metricName === `${name}_sum`) sum = v.value
  }
  return { buckets, count, sum }
}

/** The family called `name`; throws when the scrape has none. */
export const family = (families: ReadonlyArray<Family>, name: string): Family => {
  const f = families.find((x) => x.name === name)
  if (f === undefined) throw new Error(`no family ${name} in the scrape`)
  return f
}

/** The sample of `name` whose labels are exactly `labels`, or undefined. */
export const sampleOf = (families: ReadonlyArray<Family>, name: string, labels: Record<string, string> = {}): Sample | undefined =>
  family(families, name).metrics.find((m) => sameLabels(m.labels ?? {}, labels))

/** The value of a counter's sample as a number; 0 when the series does not exist (yet). */
export const valueOf = (families: ReadonlyArray<Family>, name: string, labels: Record<string, string> = {}): number => {
  const s = families.some((x) => x.name === name) ? sampleOf(families, name, labels) : undefined
  return s === undefined ? 0 : Number(s.value)
}

/** Every series of `name` as `labels → value` lines, sorted: to assert that exactly these moved. */
export const seriesOf = (families: ReadonlyArray<Family>, name: string): ReadonlyArray<string> =>
  (families.find((x) => x.name === name)?.metrics ?? []).map((m) => `${JSON.stringify(m.labels ?? {})} ${m.value}`).sort()

const sameLabels = (a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): boolean => {
  const ka = Object.keys(a)
  return ka.length === Object.keys(b).length && ka.every((k) => a[k] === b[k])
}
