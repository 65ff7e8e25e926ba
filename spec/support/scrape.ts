// Spec support: a registry scraped as Prometheus text and parsed by a Prometheus text parser (never by string search).
import { createRequire } from 'node:module'
import type { Registry } from 'prom-client'

/** One parsed sample, as prom2json shapes it: counters and gauges carry `value`, histograms `buckets`, `count`, `sum`. */
export interface ParsedMetric {
  readonly labels?: Readonly<Record<string, string>>
  readonly value?: string
  readonly buckets?: Readonly<Record<string, string>>
  readonly count?: string
  readonly sum?: string
}

/** One parsed family. */
export interface ParsedFamily {
  readonly name: string
  readonly help: string
  readonly type: string
  readonly metrics: ReadonlyArray<ParsedMetric>
}

const parse = createRequire(import.meta.url)('parse-prometheus-text-format') as (text: string) => ReadonlyArray<ParsedFamily>

/** Parses Prometheus text. */
export const parseText = (text: string): ReadonlyArray<ParsedFamily> => parse(text)

/** Scrapes `registry` and parses the text: families with their help and type. */
export const scrape = async (registry: Registry): Promise<ReadonlyArray<ParsedFamily>> => parse(await registry.metrics())

/**
 * Parses Prometheus text sample by sample: the parser folds a histogram's children into one unlabelled
 * sample, so histograms are read as untyped, which gives `<name>_bucket`, `<name>_sum` and `<name>_count`
 * families whose samples keep their labels.
 */
export const parseSamples = (text: string): ReadonlyArray<ParsedFamily> =>
  parse(text.replace(/^# TYPE (\S+) histogram$/gm, '# TYPE $1 untyped'))

/** Scrapes `registry` and parses it sample by sample (`parseSamples`). */
export const scrapeSamples = async (registry: Registry): Promise<ReadonlyArray<ParsedFamily>> => parseSamples(await registry.metrics())

/** `name{a="1",b="2"}` with labels sorted, the key a series is compared by. */
export const seriesKey = (name: string, labels: Readonly<Record<string, string>> = {}): string =>
  `${name}{${Object.keys(labels)
    .sort()
    .map((k) => `${k}=${JSON.stringify(labels[k])}`)
    .join(',')}}`

/**
 * Every series of the families named with `prefix` in a sample-by-sample parse, by key: a counter's or
 * gauge's value, a histogram's count (keyed by the histogram's name); `except` names families left out.
 */
export const seriesValues = (
  families: ReadonlyArray<ParsedFamily>,
  prefix: string,
  except: ReadonlyArray<string> = [],
): ReadonlyMap<string, number> => {
  const out = new Map<string, number>()
  for (const f of families) {
    const name = f.name.replace(/_count$/, '')
    if (!f.name.startsWith(prefix) || f.name.endsWith('_bucket') || f.name.endsWith('_sum') || except.includes(name)) continue
    for (const m of f.metrics) out.set(seriesKey(name, m.labels), Number(m.value))
  }
  return out
}

/** The series that changed between two scrapes, as `key delta` lines, sorted. */
export const moved = (before: ReadonlyMap<string, number>, after: ReadonlyMap<string, number>): ReadonlyArray<string> =>
  [...after.entries()]
    .map(([k, v]) => [k, v - (before.get(k) ?? 0)] as const)
    .filter(([, d]) => d !== 0)
    .map(([k, d]) => `${k} ${d > 0 ? '+' : ''}${d}`)
    .sort()

/** Scrapes `registry` around `act` and gives the series of the families named with `prefix` (but not `except`) that moved. */
export const movedBy = async (
  registry: Registry,
  prefix: string,
  act: () => Promise<void>,
  except: ReadonlyArray<string> = [],
): Promise<ReadonlyArray<string>> => {
  const before = seriesValues(await scrapeSamples(registry), prefix, except)
  await act()
  return moved(before, seriesValues(await scrapeSamples(registry), prefix, except))
}
