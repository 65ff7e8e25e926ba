// `npm run bench`: an HTTP load test of the node adapter and chains against bare node:http, then every micro bench.
import { spawn } from 'node:child_process'
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs'
import { cpus, loadavg } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { waitForQuiet } from './machine-load.js'
import type { LoadSettings, Sample } from './measure.js'
import { type Row, runPasses } from './passes.js'
import { pinSelf } from './server-process.js'
import { benchToken, securePath } from './servers/secure-parts.js'
import { toTable } from './table.js'

const here = dirname(fileURLToPath(import.meta.url))
const server = (name: string): string => join(here, 'servers', name)

/** What the secure rows ask for: a namespaced list with the bench token (RBAC allows it). */
const secureRequest = { path: securePath, headers: { authorization: `Bearer ${benchToken}` } }

/** The rows; the first is the baseline every other row is measured between. */
const rows: ReadonlyArray<Row> = [
  { label: 'bare node:http', file: server('bare.ts') },
  { label: 'kubechain, 0 steps', file: server('steps-0.ts') },
  { label: 'kubechain, 12 pass-through steps', file: server('pass-12.ts') },
  { label: 'kubechain, 24 pass-through steps', file: server('pass-24.ts') },
  { label: 'kubechain, 12 after-work steps', file: server('after-12.ts') },
  { label: 'kubechain, 12 header-setting steps', file: server('headers-12.ts') },
  { label: 'kubechain, insecure chain', file: server('insecure-chain.ts') },
  { label: 'kubechain, secure chain', file: server('secure-chain.ts'), request: secureRequest },
  { label: 'kubechain, secure chain, audit Metadata', file: server('secure-chain-audit.ts'), request: secureRequest },
]

const envNumber = (name: string, fallback: number): number => {
  const raw = process.env[name]
  const n = raw === undefined || raw === '' ? fallback : Number(raw)
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name}: expected a non-negative number, got ${raw}`)
  return n
}

const passes = Math.max(1, Math.floor(envNumber('BENCH_PASSES', 5)))
const quietWait = envNumber('BENCH_QUIET_WAIT', 30)
/** Before each measurement, wait (up to BENCH_QUIET_WAIT s) until other programs use less than this many cores. */
const quietCores = 0.25
const cores = cpus().length
const pinned = process.env['BENCH_PIN'] !== '0' && cores >= 2 && pinSelf(0)
const settings: LoadSettings = {
  connections: Math.max(1, Math.floor(envNumber('BENCH_CONNECTIONS', 50))),
  pipelining: 1,
  warmupSeconds: envNumber('BENCH_WARMUP', 1),
  durationSeconds: Math.max(1, envNumber('BENCH_DURATION', 3)),
}
const retries = Math.floor(envNumber('BENCH_RETRIES', 2))
/** A measurement during which other programs used more than this many cores is measured again. */
const disturbedCores = 0.1
const loadBefore = loadavg()
let waited = 0
let retried = 0

const header = (): string =>
  [
    `# kubechain HTTP bench — ${new Date().toISOString()}`,
    '',
    `Node ${process.version}, ${cpus()[0]?.model ?? 'unknown CPU'}, ${cores} cores. autocannon ${settings.connections} connections, ` +
      `pipelining ${settings.pipelining}, ${passes} passes; each measurement is ${settings.warmupSeconds} s warm-up + ` +
      `${settings.durationSeconds} s measured; ${pinned ? 'server pinned to CPU 1, load generator to CPU 0' : 'no CPU pinning'}.`,
    `Load average before the run: ${loadBefore.map((l) => l.toFixed(2)).join(', ')}; waited ${Math.round(waited)} s in all for a quiet machine; ` +
      `${retried} measurements disturbed by other programs (> ${disturbedCores * 100}% of a core) were measured again (at most ${retries} times each).`,
    'Each kubechain row is measured between two bare node:http measurements; its ratio is its req/s over their mean',
    '(median over passes, then min–max). "Server CPU" is the server\'s CPU use while measured (100% = one core); below',
    '~95% the load generator was the limit. "Other CPU" is what other programs used meanwhile; above ~10% the',
    'measurement shared the machine. "Ratio per server CPU-second" is the same ratio on req/s divided by server CPU.',
  ].join('\n')

const beforeEach = async (): Promise<void> => {
  if (quietWait > 0) waited += await waitForQuiet(quietCores, quietWait)
}

const progress = (row: Row, pass: number, s: Sample, retry: boolean): void => {
  const other = s.otherCpu === undefined ? '' : `  other CPU ${Math.round(s.otherCpu * 100)}%`
  if (retry) retried++
  const again = retry ? '  (disturbed, measuring again)' : ''
  console.error(`pass ${pass + 1}/${passes}  ${row.label.padEnd(34)} ${Math.round(s.rps)} req/s  p99 ${s.p99} ms${other}${again}`)
}

const disturbed = (s: Sample): boolean => s.otherCpu !== undefined && s.otherCpu > disturbedCores

/** Runs `node --import tsx <file>` for every bench/micro/*.ts, one after another, output inherited. */
const runMicro = async (): Promise<void> => {
  const dir = join(here, 'micro')
  let files: string[]
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts')).sort()
  } catch {
    return
  }
  for (const f of files) {
    console.log(`\n## micro: ${f}\n`)
    const code = await new Promise<number | null>((resolve) => {
      spawn(process.execPath, ['--import', 'tsx', join(dir, f)], { stdio: 'inherit' }).once('exit', resolve)
    })
    if (code !== 0) {
      console.error(`micro bench ${f} exited with ${code}`)
      process.exitCode = 1
    }
  }
}

/** BENCH_ROWS=insecure,secure keeps the baseline and the rows whose label contains one of the words. */
const only = (process.env['BENCH_ROWS'] ?? '').split(',').filter((w) => w !== '')
const chosen = only.length === 0 ? rows : rows.filter((r, i) => i === 0 || only.some((w) => r.label.includes(w)))
const results = await runPasses(chosen, settings, {
  passes,
  serverCpu: pinned ? 1 : undefined,
  before: beforeEach,
  after: progress,
  disturbed,
  retries,
})
const table = toTable(results)
const report = `${header()}\n\n${table}\n`
console.log(`\n${report}`)
mkdirSync(join(here, 'results'), { recursive: true })
writeFileSync(join(here, 'results', 'latest.md'), report)
if (process.env['BENCH_MICRO'] !== '0') await runMicro()
