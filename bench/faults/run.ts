// `npm run faults`: each attack of issue 19 against a real `kubechain serve` child on 127.0.0.1, one row at a
// time within its own budget, then the table on stdout and in bench/faults/results/latest.md.
// FAULTS_ROWS=1,3 runs only the rows whose attack starts with one of those numbers.
import { mkdirSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { resultsTable } from './results-table.js'
import { type RowResult, runRow } from './row.js'
import { rows } from './rows/index.js'

const started = new Date()
const only = (process.env['FAULTS_ROWS'] ?? '').split(',').filter((s) => s !== '')
const chosen = rows.filter((r) => only.length === 0 || only.some((o) => r.attack.startsWith(`${o} `)))
const results: RowResult[] = []
for (const row of chosen) {
  process.stderr.write(`faults: ${row.attack}: start (budget ${row.budgetMs / 1000} s)\n`)
  const r = await runRow(row)
  process.stderr.write(`faults: ${row.attack}: ${r.held ? 'held' : 'FAILED'}: ${r.bound}\n`)
  results.push(r)
}
const table = resultsTable(results, started, Math.round((Date.now() - started.getTime()) / 1000))
process.stdout.write(table)
const dir = fileURLToPath(new URL('./results/', import.meta.url))
mkdirSync(dir, { recursive: true })
writeFileSync(`${dir}latest.md`, table)
