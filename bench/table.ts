// Turns every pass's samples into one Markdown table: medians, spread, and ratios to bare node:http.
import type { RowResult } from './passes.js'

/** The median of a non-empty list (the mean of the middle two for even lengths). */
export const median = (xs: ReadonlyArray<number>): number => {
  const s = [...xs].sort((a, b) => a - b)
  const mid = s.length >> 1
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2
}

const fmtInt = (n: number): string => Math.round(n).toLocaleString('en-US')
const fmtMs = (n: number): string => (Number.isInteger(n) ? String(n) : n.toFixed(n < 10 ? 2 : 1))
const fmtCpu = (xs: ReadonlyArray<number | undefined>): string => {
  const known = xs.filter((x): x is number => x !== undefined)
  return known.length === 0 ? '–' : `${Math.round(median(known) * 100)}%`
}
const fmtRatios = (xs: ReadonlyArray<number>): string => {
  const known = xs.filter((x) => Number.isFinite(x))
  if (known.length === 0) return '–'
  const m = median(known).toFixed(3)
  return known.length === 1 ? m : `${m} (${Math.min(...known).toFixed(2)}–${Math.max(...known).toFixed(2)})`
}
const sum = (xs: ReadonlyArray<number>): number => xs.reduce((a, b) => a + b, 0)

const line = (row: RowResult): string => {
  const rps = row.samples.map((s) => s.rps)
  const cells = [
    row.label,
    fmtInt(median(rps)),
    `${fmtInt(Math.min(...rps))}–${fmtInt(Math.max(...rps))}`,
    fmtMs(median(row.samples.map((s) => s.p50))),
    fmtMs(median(row.samples.map((s) => s.p99))),
    `${sum(row.samples.map((s) => s.errors))} / ${sum(row.samples.map((s) => s.non2xx))}`,
    fmtCpu(row.samples.map((s) => s.serverCpu)),
    fmtCpu(row.samples.map((s) => s.otherCpu)),
    fmtRatios(row.ratios),
    fmtRatios(row.cpuRatios),
  ]
  return `| ${cells.join(' | ')} |`
}

/** The Markdown table; the first row is the bare node:http baseline. */
export const toTable = (rows: ReadonlyArray<RowResult>): string =>
  [
    '| row | req/s (median) | req/s min–max | p50 ms | p99 ms | errors / non-2xx | server CPU | other CPU | ratio to node:http, median (min–max) | ratio per server CPU-second |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map(line),
  ].join('\n')
