// `npm run faults`: each attack of issue 19 against a real `kubechain serve` child on 127.0.0.1, each row
// within its own budget (rows that mostly wait run beside the others), then the table on stdout and in
// bench/faults/results/latest.md. FAULTS_ROWS=1,2a runs only the rows whose attack starts with those ids.
import { mkdirSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { resultsTable } from './results-table.js'
import { type Row, type RowResult, runRow } from './row.js'
import { rows } from './rows/index.js'

const started = new Date()
const only = (process.env['FAULTS_ROWS'] ?? '').split(',').filter((s) => s !== '')
const chosen = rows.filter((r) => only.length === 0 || only.some((o) => r.attack.startsWith(`${o} `)))

const runLogged = async (row: Row): Promise<RowResult> => {
  process.stderr.write(`faults: ${row.attack}: start (budget ${row.budgetMs / 1000} s)\n`)
  const r = await runRow(row)
  process.stderr.write(`faults: ${row.attack}: ${r.held ? 'held' : 'FAILED'} in ${r.seconds} s: ${r.bound}\n`)
  return r
}

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
