// The ratios as a picture: a hand-written SVG bar chart, one bar per row (median ratio to its group's
// baseline), min–max whiskers, a line at 1.0, and each row's target marked on its bar.
import type { RowResult } from './passes.js'
import { groupsOf, ratioSummary } from './table.js'

const W = 960
const LABEL_W = 360
const X0 = LABEL_W + 10
const X1 = W - 60
const ROW_H = 22
const GROUP_H = 30
const TOP = 56
const BOTTOM = 40

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
const f = (n: number): string => n.toFixed(1)

/** The chart's x scale: 0 to the largest max ratio (at least 1.4), rounded up to 0.2. */
const scaleOf = (rows: ReadonlyArray<RowResult>): { readonly x: (r: number) => number; readonly max: number } => {
  const top = Math.max(1.4, ...rows.map((r) => ratioSummary(r.ratios)?.max ?? 0))
  const max = Math.ceil(top * 5) / 5
  return { x: (r) => X0 + (Math.max(0, Math.min(r, max)) / max) * (X1 - X0), max }
}

const colour = (row: RowResult, median: number): string =>
  row.target === undefined ? '#6b8fc7' : median >= row.target ? '#4f9d69' : '#d0604f'

const bar = (row: RowResult, y: number, x: (r: number) => number): string => {
  const r = ratioSummary(row.ratios)
  const parts = [`<text x="${LABEL_W}" y="${f(y + 15)}" text-anchor="end">${esc(row.label)}</text>`]
  if (r === undefined) return parts.join('')
  const mid = y + ROW_H / 2
  parts.push(
    `<rect x="${f(X0)}" y="${f(y + 4)}" width="${f(x(r.median) - X0)}" height="${ROW_H - 8}" fill="${colour(row, r.median)}"/>`,
    `<path d="M${f(x(r.min))} ${f(mid)}H${f(x(r.max))}M${f(x(r.min))} ${f(mid - 5)}V${f(mid + 5)}M${f(x(r.max))} ${f(mid - 5)}V${f(mid + 5)}" stroke="#222" fill="none"/>`,
    `<text x="${f(Math.max(x(r.max), x(r.median)) + 6)}" y="${f(y + 15)}" class="v">${r.median.toFixed(2)}</text>`,
  )
  if (row.target !== undefined) {
    parts.push(`<path d="M${f(x(row.target))} ${f(y + 1)}V${f(y + ROW_H - 1)}" stroke="#b00" stroke-width="3"/>`)
  }
  return parts.join('')
}

const axis = (height: number, x: (r: number) => number, max: number): string => {
  const ticks: string[] = []
  const step = max > 3 ? 0.5 : 0.2
  for (let r = 0; r <= max + 1e-9; r = Math.round((r + step) * 10) / 10) {
    const one = r === 1
    ticks.push(
      `<path d="M${f(x(r))} ${TOP - 6}V${f(height - BOTTOM)}" stroke="${one ? '#000' : '#ddd'}" stroke-width="${one ? 1.5 : 1}"/>`,
      `<text x="${f(x(r))}" y="${f(height - BOTTOM + 16)}" text-anchor="middle">${r.toFixed(1)}</text>`,
    )
  }
  return ticks.join('')
}

/**
 * The SVG text of the chart: rows grouped by baseline (a heading per group), bars at the median ratio,
 * whiskers from the lowest to the highest pass, a black line at 1.0, red marks at targets (green bar: met, red: missed).
 */
export const toSvg = (rows: ReadonlyArray<RowResult>, title: string): string => {
  const groups = groupsOf(rows)
  const bars = groups.reduce((n, g) => n + g.filter((r) => !r.baseline).length, 0)
  const height = TOP + groups.length * GROUP_H + bars * ROW_H + BOTTOM
  const { x, max } = scaleOf(rows)
  const body: string[] = []
  let y = TOP
  for (const g of groups) {
    const base = g.find((r) => r.baseline)
    body.push(`<text x="10" y="${f(y + 20)}" class="g">${esc(g[0]?.group ?? '')}${base ? ` — ratio to ${esc(base.label)}` : ''}</text>`)
    y += GROUP_H
    for (const row of g.filter((r) => !r.baseline)) body.push(bar(row, y, x)), (y += ROW_H)
  }
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${height}" viewBox="0 0 ${W} ${height}" font-family="sans-serif" font-size="12">`,
    '<style>.g{font-weight:bold;font-size:13px}.v{font-size:11px;fill:#333}.t{font-size:14px;font-weight:bold}</style>',
    `<rect width="${W}" height="${height}" fill="#fff"/>`,
    `<text x="10" y="20" class="t">${esc(title)}</text>`,
    `<text x="10" y="38" class="v">bar: median ratio over passes; whisker: lowest–highest pass; black line: 1.0; red mark: target (green bar met it, red bar missed it)</text>`,
    axis(height, x, max),
    ...body,
    '</svg>',
    '',
  ].join('\n')
}
