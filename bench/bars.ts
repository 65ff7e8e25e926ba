// The bars a run is judged by: one row's req/s over another row's (or its baseline's), pass by pass.
// Both rows of a bar are measured in the same pass of the same group, each against the baselines right
// beside it, so a pass's quotient of their ratios compares them on the same machine at about the same time.
import type { RowResult } from './passes.js'
import { ratioSummary } from './table.js'

/** A bar: `row` must reach `target` times `over` (a row label, or `undefined` for the group's baseline). */
export interface Bar {
  readonly name: string
  readonly row: string
  readonly over: string | undefined
  readonly target: number
  /** A higher mark that would be remarkable, shown beside the target. */
  readonly moonshot?: number
}

/** Issue 24's bars on loopback. */
export const bars: ReadonlyArray<Bar> = [
  {
    name: 'secure chain over the equal-work Fastify row (HTTP/1.1)',
    row: 'kubechain, secure chain',
    over: 'Fastify 5, equal work (request id, in-flight, bearer-auth, CASL)',
    target: 1.0,
    moonshot: 1.2,
  },
  {
    name: 'secure chain over HTTP/2, over bare http2 (compat API)',
    row: 'kubechain serveSecurely, secure chain over HTTP/2',
    over: undefined,
    target: 1.0,
  },
  {
    name: 'hello over HTTP/2, over bare http2 (compat API)',
    row: 'kubechain serveSecurely, hello over HTTP/2',
    over: undefined,
    target: 1.2,
  },
  {
    name: 'audit Metadata to the log backend, over the same chain with audit None',
    row: 'kubechain, secure chain, audit Metadata',
    over: 'kubechain, secure chain',
    target: 0.8,
  },
]

/** Per pass, `row`'s ratio over `over`'s; passes where either is missing are left out. */
export const barQuotients = (bar: Bar, rows: ReadonlyArray<RowResult>): ReadonlyArray<number> | undefined => {
  const row = rows.find((r) => r.label === bar.row && !r.baseline)
  if (row === undefined) return undefined
  if (bar.over === undefined) return row.ratios
  const over = rows.find((r) => r.label === bar.over && r.group === row.group)
  if (over === undefined) return undefined
  return row.ratios.flatMap((x, p) => {
    const y = over.ratios[p]
    return y === undefined ? [] : [x / y]
  })
}

/** Markdown: each bar with rows in this run, its median quotient, spread over passes, and whether it is met. */
export const barsTable = (rows: ReadonlyArray<RowResult>): string => {
  const lines = bars.flatMap((bar) => {
    const q = barQuotients(bar, rows)
    const r = q === undefined ? undefined : ratioSummary(q)
    if (r === undefined) return []
    const met = r.median >= bar.target ? 'met' : '**missed**'
    const moon = bar.moonshot === undefined ? '' : ` (moonshot ${bar.moonshot}: ${r.median >= bar.moonshot ? 'met' : 'not met'})`
    return [`| ${bar.name} | ${r.median.toFixed(3)} | ${r.min.toFixed(2)}–${r.max.toFixed(2)} | ≥ ${bar.target} ${met}${moon} |`]
  })
  if (lines.length === 0) return ''
  return ['### Bars', '', '| bar | median of per-pass quotients | min–max | target |', '|---|---:|---:|---|', ...lines].join('\n')
}
