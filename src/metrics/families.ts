import type { Metric, Registry } from 'prom-client'

/** A counter or gauge child: the request path adds to `value`, a scrape reads it. */
export interface ValueCell {
  value: number
}

/** A histogram child: per-bucket counts (not cumulative; the last slot is `+Inf`), sum and count. */
export interface HistogramCell {
  readonly counts: Float64Array
  readonly bounds: ReadonlyArray<number>
  sum: number
  count: number
}

/** Upstream's stability levels, shown in the help text as component-base shows them (`[STABLE] ...`). */
export type Stability = 'ALPHA' | 'BETA' | 'STABLE'

/** What a family is: its full name, help text, stability and label names (in upstream's order). */
export interface FamilyOptions {
  readonly name: string
  readonly help: string
  readonly stability: Stability
  readonly labelNames: ReadonlyArray<string>
  /** Runs at the start of each scrape of this family, to set values sampled then (a watermark). */
  readonly beforeScrape?: () => void
}

/**
 * A labelled series family whose children are plain cells. `child(values)` finds or makes the child of a
 * label set (values in `labelNames` order); callers keep the child, so recording is one addition.
 */
export interface Family<C> {
  readonly name: string
  readonly child: (values: ReadonlyArray<string>) => C
  /**
   * Empties the family as a Go vector's `Reset`: a scrape shows no child until it is recorded again. The
   * cells are zeroed in place, so a caller that kept a child keeps counting into the family.
   */
  readonly reset: () => void
}

/**
 * The label sets a family holds at most. A new set past it is counted in the one set whose every label is
 * `other`, so no client can grow a scrape without bound (upstream's vectors have no cap: paths of
 * terminated non-resource requests and resources of dropped ones come from the request).
 */
export const maxChildren = 5000

/** The label value of the set that takes the label sets past `maxChildren`. */
export const overflowValue = 'other'

/** The longest label value kept; a longer one (a path or resource taken from a request) is `other`. */
export const maxLabelValueLength = 256

const tooLong = (v: string): boolean => v.length > maxLabelValueLength

/** Counts one observation of `value` in `cell`: the first bucket whose bound is at least `value`. */
export const observeHistogram = (cell: HistogramCell, value: number): void => {
  const bounds = cell.bounds
  let i = 0
  while (i < bounds.length && value > (bounds[i] as number)) i++
  cell.counts[i] = (cell.counts[i] as number) + 1
  cell.sum += value
  cell.count += 1
}

/** A counter family registered in `registry`. */
export const counterFamily = (registry: Registry, opts: FamilyOptions): Family<ValueCell> =>
  family(registry, opts, 'counter', valueCell, valueSamples)

/** A gauge family registered in `registry`. */
export const gaugeFamily = (registry: Registry, opts: FamilyOptions): Family<ValueCell> =>
  family(registry, opts, 'gauge', valueCell, valueSamples, true)

/** A histogram family with upper bounds `buckets` (ascending), registered in `registry`. */
export const histogramFamily = (registry: Registry, opts: FamilyOptions, buckets: ReadonlyArray<number>): Family<HistogramCell> =>
  family(registry, opts, 'histogram', histogramCell(buckets), histogramSamples(opts.name, buckets.map(goFloat)))

/** Go's `strconv.FormatFloat(v, 'g', -1, 64)`, as client_golang writes `le`: `0.005`, `100000`, `1e+06`. */
export const goFloat = (v: number): string => {
  if (v === Number.POSITIVE_INFINITY) return '+Inf'
  if (v === 0 || !Number.isFinite(v)) return String(v)
  const [mantissa = '', exponent = '0'] = v.toExponential().split('e')
  const exp = Number(exponent)
  const digits = mantissa.replace(/[-.]/g, '').length
  // Go's shortest 'g' uses an exponent below 1e-4 and from 1e+06 on (or past the digits it has).
  const eprec = digits < 6 && digits >= exp + 1 ? digits : 6
  if (exp >= -4 && exp < eprec) return String(v)
  return `${mantissa}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`
}

interface Sample {
  readonly labels: Readonly<Record<string, string>>
  readonly value: number
  readonly metricName?: string
}

interface Child<C> {
  readonly labels: Readonly<Record<string, string>>
  readonly cell: C
  /** Set by `reset`: hidden from scrapes while the cell is still untouched. */
  hidden: boolean
}

/** How a family's cells are emptied by `reset` and seen recorded again. */
interface CellKind<C> {
  readonly make: () => C
  readonly zero: (cell: C) => void
  readonly touched: (cell: C) => boolean
}

const valueCell: CellKind<ValueCell> = {
  make: () => ({ value: 0 }),
  zero: (cell) => void (cell.value = 0),
  touched: (cell) => cell.value !== 0,
}

const histogramCell = (buckets: ReadonlyArray<number>): CellKind<HistogramCell> => ({
  make: () => ({ counts: new Float64Array(buckets.length + 1), bounds: buckets, sum: 0, count: 0 }),
  zero: (cell) => {
    cell.counts.fill(0)
    cell.sum = 0
    cell.count = 0
  },
  touched: (cell) => cell.count !== 0,
})

type Samples<C> = (children: ReadonlyArray<Child<C>>) => ReadonlyArray<Sample>

const family = <C>(
  registry: Registry,
  opts: FamilyOptions,
  type: 'counter' | 'gauge' | 'histogram',
  kind: CellKind<C>,
  samples: Samples<C>,
  detachOnReset = false,
): Family<C> => {
  const children = new Map<string, Child<C>>()
  const help = `[${opts.stability}] ${opts.help}`
  const overflowKey = opts.labelNames.map(() => overflowValue).join('\u0000')
  const overflow = (): C => {
    let c = children.get(overflowKey)
    if (c === undefined) {
      c = {
        labels: labelsOf(
          opts.labelNames,
          opts.labelNames.map(() => overflowValue),
        ),
        cell: kind.make(),
        hidden: false,
      }
      children.set(overflowKey, c)
    }
    return c.cell
  }
  const collector = {
    name: opts.name,
    help,
    type,
    aggregator: 'sum',
    get: async () => {
      opts.beforeScrape?.()
      return { name: opts.name, help, type, aggregator: 'sum', values: samples(shown(children, kind)) }
    },
    reset: () => {
      // a gauge's cells are detached, as a Go vector's Reset drops its children: a request still holding
      // one (a long-running request's cell) moves a cell no scrape shows; the next `child` makes a fresh one
      if (detachOnReset) return void children.clear()
      for (const child of children.values()) {
        kind.zero(child.cell)
        child.hidden = true
      }
    },
  }
  registry.registerMetric(collector as unknown as Metric)
  return {
    name: opts.name,
    child: (given) => {
      const values = given.some(tooLong) ? given.map((v) => (tooLong(v) ? overflowValue : v)) : given
      const key = values.join('\u0000')
      const known = children.get(key)
      if (known !== undefined) return known.cell
      if (children.size >= maxChildren && values.some((v) => v !== overflowValue)) return overflow()
      const made: Child<C> = { labels: labelsOf(opts.labelNames, values), cell: kind.make(), hidden: false }
      children.set(key, made)
      return made.cell
    },
    reset: () => collector.reset(),
  }
}

/**
 * The children a scrape shows, in label-value order as client_golang sorts a family's metrics: all but
 * those reset and not recorded since (a child recorded again is shown from then on).
 */
const shown = <C>(children: ReadonlyMap<string, Child<C>>, kind: CellKind<C>): ReadonlyArray<Child<C>> => {
  for (const child of children.values()) if (child.hidden && kind.touched(child.cell)) child.hidden = false
  return [...children.entries()]
    .filter(([, c]) => !c.hidden)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, c]) => c)
}

/** Labels with their names sorted, as client_golang writes them. */
const labelsOf = (names: ReadonlyArray<string>, values: ReadonlyArray<string>): Readonly<Record<string, string>> => {
  const out: Record<string, string> = {}
  const order = names.map((n, i) => [n, values[i] ?? ''] as const).sort(([a], [b]) => (a < b ? -1 : 1))
  for (const [n, v] of order) out[n] = v
  return out
}

const valueSamples: Samples<ValueCell> = (children) => children.map((c) => ({ labels: c.labels, value: c.cell.value }))

const histogramSamples =
  (name: string, les: ReadonlyArray<string>): Samples<HistogramCell> =>
  (children) =>
    children.flatMap((c) => {
      const out: Sample[] = []
      let cumulative = 0
      les.forEach((le, i) => {
        cumulative += c.cell.counts[i] as number
        out.push({ labels: { ...c.labels, le }, value: cumulative, metricName: `${name}_bucket` })
      })
      out.push({ labels: { ...c.labels, le: '+Inf' }, value: c.cell.count, metricName: `${name}_bucket` })
      out.push({ labels: c.labels, value: c.cell.sum, metricName: `${name}_sum` })
      out.push({ labels: c.labels, value: c.cell.count, metricName: `${name}_count` })
      return out
    })
