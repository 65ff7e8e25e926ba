// What the in-process micro benches share: run every row once per round, keep each row's fastest round,
// and print a Markdown table of µs per request against the first row.

/** Runs `n` requests of one row and resolves with how many were not answered 200. */
export type RunRequests = (n: number) => Promise<number>

/** A row's label and how to run its requests. */
export interface RoundRow {
  readonly label: string
  readonly run: RunRequests
}

/** A row's fastest round, in ns per request, and its non-200 count over every round. */
export interface RoundResult {
  readonly label: string
  readonly bestNs: number
  readonly failures: number
}

/** One warm-up run per row, then `rounds` rounds measuring every row once, in order. */
export const interleavedRounds = async (
  rows: ReadonlyArray<RoundRow>,
  requestsPerRound: number,
  rounds: number,
): Promise<ReadonlyArray<RoundResult>> => {
  for (const r of rows) await r.run(requestsPerRound)
  const best = rows.map(() => Number.POSITIVE_INFINITY)
  const failures = rows.map(() => 0)
  for (let round = 0; round < rounds; round++) {
    for (const [i, r] of rows.entries()) {
      const t0 = process.hrtime.bigint()
      failures[i] = (failures[i] ?? 0) + (await r.run(requestsPerRound))
      best[i] = Math.min(best[i] ?? Number.POSITIVE_INFINITY, Number(process.hrtime.bigint() - t0) / requestsPerRound)
    }
  }
  return rows.map((r, i) => ({ label: r.label, bestNs: best[i] ?? 0, failures: failures[i] ?? 0 }))
}

/** The results as a Markdown table: µs per request with `digits` decimals, and the difference to the first row. */
export const roundsTable = (
  results: ReadonlyArray<RoundResult>,
  columns: { readonly us: string; readonly over: string },
  digits: number,
): string => {
  const base = (results[0]?.bestNs ?? 0) / 1000
  const lines = [`| row | ${columns.us} | ${columns.over} | non-200 |`, '|---|---:|---:|---:|']
  for (const [i, r] of results.entries()) {
    const us = r.bestNs / 1000
    lines.push(`| ${r.label} | ${us.toFixed(digits)} | ${i === 0 ? '—' : `+${(us - base).toFixed(digits)}`} | ${r.failures} |`)
  }
  return lines.join('\n')
}
