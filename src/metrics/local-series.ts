import { Counter, Histogram, type Registry } from 'prom-client'

/** One series of a counter: `inc` adds to a plain number. */
export interface CounterChild {
  readonly inc: (by?: number) => void
}

/** One series of a histogram: `observe` adds to a plain bucket array. */
export interface HistogramChild {
  readonly observe: (value: number) => void
}

/** A counter vector with one label; `child` makes (or finds) a label value's series. */
export interface LocalCounterVec {
  readonly child: (labelValue: string) => CounterChild
}

/** A histogram vector with one label; `child` makes (or finds) a label value's series. */
export interface LocalHistogramVec {
  readonly child: (labelValue: string) => HistogramChild
}

/**
 * A prom-client Counter whose series are counted in plain numbers: recording is an addition, with no
 * label hashing or checks per call (prom-client does both on every `inc`). A scrape hands the counts
 * added since the last one to the Counter through its `collect` hook. A series appears at its first
 * count, as a Go counter vector's child; with no label name, the one series shows 0 from the start.
 * Resolve children once, when the recorder is made, and keep them.
 * @example
 * const results = localCounterVec(registry, 'authentication_attempts', 'Counter of authenticated attempts.', 'result')
 * const success = results.child('success') // once
 * success.inc() // per request
 */
export const localCounterVec = (registry: Registry, name: string, help: string, labelName?: string): LocalCounterVec => {
  const cells = new Map<string, { n: number; flushed: number }>()
  const labelNames = labelName === undefined ? [] : [labelName]
  new Counter({
    name,
    help,
    labelNames,
    registers: [registry],
    collect() {
      for (const [value, c] of cells) {
        if (c.n === c.flushed) continue
        if (labelName === undefined) this.inc(c.n - c.flushed)
        else this.inc({ [labelName]: value }, c.n - c.flushed)
        c.flushed = c.n
      }
    },
  })
  return {
    child: (value) => {
      let c = cells.get(value)
      if (c === undefined) cells.set(value, (c = { n: 0, flushed: 0 }))
      const cell = c
      return { inc: (by = 1) => void (cell.n += by) }
    },
  }
}

/**
 * A prom-client Histogram whose series are kept in plain bucket arrays: an observation finds its bucket
 * and adds, with no label hashing or checks per call. A scrape reads the arrays (the Histogram's `get`
 * is this one's); `reset` empties them. Buckets as prom-client's: `le` upper bounds, `+Inf` last.
 * @example
 * const durations = localHistogramVec(registry, 'authentication_duration_seconds', 'Authentication duration in seconds broken out by result.', 'result', exponentialBuckets(0.001, 2, 15))
 * durations.child('success').observe(0.0004)
 */
export const localHistogramVec = (
  registry: Registry,
  name: string,
  help: string,
  labelName: string,
  buckets: ReadonlyArray<number>,
): LocalHistogramVec => {
  const histogram = new LocalHistogram({ name, help, labelNames: [labelName], buckets: [...buckets], registers: [registry] }, labelName)
  return { child: (value) => histogram.child(value) }
}

/** The cells of one histogram series: per-bucket counts (not cumulative; the last is `+Inf`), sum, count. */
interface Cells {
  readonly counts: Float64Array
  sum: number
  count: number
}

type Value = { value: number; labels: Record<string, string | number>; metricName: string }

/** prom-client's Histogram with its series read from `Cells` instead of its own label-hashed map. */
class LocalHistogram extends Histogram<string> {
  private readonly series = new Map<string, Cells>()
  private readonly bounds: ReadonlyArray<number>
  private readonly metricName: string
  private readonly metricHelp: string

  constructor(
    cfg: ConstructorParameters<typeof Histogram<string>>[0] & { buckets: number[] },
    private readonly labelName: string,
  ) {
    super(cfg)
    this.bounds = [...cfg.buckets].sort((a, b) => a - b)
    this.metricName = cfg.name
    this.metricHelp = cfg.help
  }

  child(value: string): HistogramChild {
    let cells = this.series.get(value)
    if (cells === undefined) this.series.set(value, (cells = { counts: new Float64Array(this.bounds.length + 1), sum: 0, count: 0 }))
    const c = cells
    const bounds = this.bounds
    return {
      observe: (v) => {
        let i = 0
        while (i < bounds.length && v > bounds[i]!) i++
        c.counts[i]!++
        c.sum += v
        c.count++
      },
    }
  }

  override async get(): Promise<Awaited<ReturnType<Histogram<string>['get']>>> {
    const values: Value[] = []
    for (const [label, c] of this.series) if (c.count > 0) this.push(values, label, c)
    return { name: this.metricName, help: this.metricHelp, type: 'histogram', values, aggregator: 'sum' } as unknown as Awaited<
      ReturnType<Histogram<string>['get']>
    >
  }

  /** The registry prefers this to `get` for the text format; both read the cells. */
  getForPromString(): ReturnType<LocalHistogram['get']> {
    return this.get()
  }

  override reset(): void {
    // prom-client's constructor resets before this class's fields exist
    const series = this.series as Map<string, Cells> | undefined
    if (series === undefined) return
    for (const c of series.values()) {
      c.counts.fill(0)
      c.sum = 0
      c.count = 0
    }
  }

  private push(values: Value[], label: string, c: Cells): void {
    let cumulative = 0
    const bucket = `${this.metricName}_bucket`
    this.bounds.forEach((le, i) => {
      cumulative += c.counts[i]!
      values.push({ value: cumulative, labels: { le, [this.labelName]: label }, metricName: bucket })
    })
    values.push({ value: c.count, labels: { le: '+Inf', [this.labelName]: label }, metricName: bucket })
    values.push({ value: c.sum, labels: { [this.labelName]: label }, metricName: `${this.metricName}_sum` })
    values.push({ value: c.count, labels: { [this.labelName]: label }, metricName: `${this.metricName}_count` })
  }
}
