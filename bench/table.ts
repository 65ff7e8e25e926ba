// Turns every pass's samples into Markdown: one table per baseline group, medians, spread and ratios.
import type { RowResult } from './passes.js'

/** The median of a non-empty list (the mean of the middle two for even lengths). */
export const median = (xs: ReadonlyArray<number>): number => {
  const s = [...xs].sort((a, b) => a - b)
  const mid = s.length >> 1
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2
}

/** The finite ratios of a row: median, min and max, or `undefined` when there are none. */
export const ratioSummary = (xs: ReadonlyArray<number>): { median: number; min: number; max: number } | undefined => {
  const known = xs.filter((x) => Number.isFinite(x))
  return known.length === 0 ? undefined : { median: median(known), min: Math.min(...known), max: Math.max(...known) }
}

const fmtInt = (n: number): string => Math.round(n).toLocaleString('en-US')
const fmtMs = (n: number): string => (Number.isNaN(n) ? '–' : Number.isInteger(n) ? String(n) : n.toFixed(n < 10 ? 2 : 1))
const known = (xs: ReadonlyArray<number | undefined>): number[] => xs.filter((x): x is number => x !== undefined && Number.isFinite(x))
const fmtCpu = (xs: ReadonlyArray<number | undefined>): string => {
  const k = known(xs)
  return k.length === 0 ? '–' : `${Math.round(median(k) * 100)}%`
}
const fmtRss = (xs: ReadonlyArray<number | undefined>): string => {
  const k = known(xs)
  return k.length === 0 ? '–' : `${(median(k) / 1024).toFixed(0)} MiB`
}
const fmtRatios = (xs: ReadonlyArray<number>): string => {
  const r = ratioSummary(xs)
  if (r === undefined) return '–'
  const m = r.median.toFixed(3)
  return xs.length === 1 ? m : `${m} (${r.min.toFixed(2)}–${r.max.toFixed(2)})`
}
const fmtTarget = (row: RowResult): string => {
  const r = ratioSummary(row.ratios)
  if (row.target === undefined || r === undefined) return ''
  return `≥ ${row.target} ${r.median >= row.target ? 'met' : '**missed**'}`
}
const sum = (xs: ReadonlyArray<number>): number => xs.reduce((a, b) => a + b, 0)

const line = (row: RowResult): string => {
  const rps = row.samples.map((s) => s.rps)
  const label = row.notes.length === 0 ? row.label : `${row.label} (${row.notes.join('; ')})`
  const cells = [
    row.baseline ? `**${label}**` : label,
    fmtInt(median(rps)),
    `${fmtInt(Math.min(...rps))}–${fmtInt(Math.max(...rps))}`,
    fmtMs(median(row.samples.map((s) => s.p50))),
    fmtMs(median(row.samples.map((s) => s.p99))),
    `${sum(row.samples.map((s) => s.errors))} / ${sum(row.samples.map((s) => s.non2xx))}`,
    fmtRss(row.samples.map((s) => s.rssKiB)),
    fmtCpu(row.samples.map((s) => s.serverCpu)),
    fmtCpu(row.samples.map((s) => s.otherCpu)),
    row.baseline ? '1 (baseline)' : fmtRatios(row.ratios),
    row.baseline ? '1' : fmtRatios(row.cpuRatios),
    fmtTarget(row),
  ]
  return `| ${cells.join(' | ')} |`
}

const head = [
  '| row | req/s (median) | req/s min–max | p50 ms | p99 ms | errors / non-2xx | server RSS (peak) | server CPU | other CPU | ratio to baseline, median (min–max) | ratio per server CPU-second | target |',
  '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|',
]

/** The rows' groups in order of first appearance. */
export const groupsOf = (rows: ReadonlyArray<RowResult>): ReadonlyArray<ReadonlyArray<RowResult>> => {
  const names = [...new Set(rows.map((r) => r.group))]
  return names.map((n) => rows.filter((r) => r.group === n))
}

/** Markdown: per group, a heading naming the group and its baseline, then its table (baseline first, in bold). */
export const toTable = (rows: ReadonlyArray<RowResult>): string =>
  groupsOf(rows)
    .map((g) => [`### ${g[0]?.group ?? ''}`, '', ...head, ...g.map(line)].join('\n'))
    .join('\n\n')
