// `npm run faults`: each attack of issue 19 against a real `kubechain serve` child on 127.0.0.1, each row
// within its own budget and the whole suite within FAULTS_BUDGET_S (180 s); rows that mostly wait run beside
// the others. Then the table on stdout and in bench/faults/results/latest.md. FAULTS_ROWS=1,2a runs only
// the rows whose attack starts with those ids. Ctrl-C stops the suite; every server child is killed.
import { mkdirSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { resultsTable } from './results-table.js'
import { type Row, type RowResult, runRow } from './row.js'
import { rows } from './rows/index.js'

const started = new Date()
const suiteEnd = started.getTime() + Number(process.env['FAULTS_BUDGET_S'] ?? 180) * 1000
const only = (process.env['FAULTS_ROWS'] ?? '').split(',').filter((s) => s !== '')
const chosen = rows.filter((r) => only.length === 0 || only.some((o) => r.attack.startsWith(`${o} `)))
const stop = new AbortController()
process.once('SIGINT', () => stop.abort())
process.once('SIGTERM', () => stop.abort())

/** Runs a row within what is left of the suite's budget (the table's own lines need a moment at the end). */
const runLogged = async (row: Row): Promise<RowResult> => {
  const left = suiteEnd - Date.now() - 2_000
  if (left < 5_000 || stop.signal.aborted) return skipped(row, stop.signal.aborted ? 'suite stopped' : 'suite budget spent')
  const budget = Math.min(row.budgetMs, left)
  process.stderr.write(`faults: ${row.attack}: start (budget ${budget / 1000} s)\n`)
  const r = await runRow(row, budget, stop.signal)
  process.stderr.write(`faults: ${row.attack}: ${r.held ? 'held' : 'FAILED'} in ${r.seconds} s: ${r.bound}\n`)
  return r
}

const skipped = (row: Row, why: string): RowResult => ({
  attack: row.attack,
  seconds: 0,
  held: false,
  bound: `not run: ${why}`,
  memory: '-',
  fds: '-',
  flags: '-',
})

const beside = chosen.filter((r) => r.beside === true).map((r) => [r, runLogged(r)] as const)
const results = new Map<Row, RowResult>()
for (const row of chosen.filter((r) => r.beside !== true)) results.set(row, await runLogged(row))
for (const [row, r] of beside) results.set(row, await r)

const ordered = chosen.flatMap((r) => results.get(r) ?? [])
const table = resultsTable(ordered, started, Math.round((Date.now() - started.getTime()) / 1000))
process.stdout.write(table)
const dir = fileURLToPath(new URL('./results/', import.meta.url))
mkdirSync(dir, { recursive: true })
writeFileSync(`${dir}latest.md`, table)
