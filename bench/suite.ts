// What `npm run bench` and `npm run bench:scale` share: load settings from the environment, CPU pinning,
// waiting for a quiet machine, measuring disturbed samples again, progress lines, and the report header.
import { cpus, loadavg } from 'node:os'
import { envNumber } from './bench-env.js'
import { compileBench } from './compiled.js'
import { waitForQuiet } from './machine-load.js'
import type { LoadSettings, Sample } from './measure.js'
import { type Group, type Row, type RowResult, runPasses } from './passes.js'
import { pinSelf } from './server-process.js'

/** Before each measurement, wait (up to BENCH_QUIET_WAIT s) until other programs use less than this many cores. */
const quietCores = 0.25
/** A measurement during which other programs used more than this many cores is measured again. */
const disturbedCores = 0.1

/** A suite's results and the Markdown lines that say how they were measured. */
export interface SuiteRun {
  readonly started: Date
  readonly results: ReadonlyArray<RowResult>
  readonly header: ReadonlyArray<string>
}

/** Runs `groups` with the settings of BENCH_PASSES, BENCH_DURATION, BENCH_WARMUP, BENCH_CONNECTIONS, BENCH_PIN, BENCH_QUIET_WAIT, BENCH_RETRIES. */
export const runSuite = async (groups: ReadonlyArray<Group>, defaultPasses: number): Promise<SuiteRun> => {
  const passes = Math.max(1, Math.floor(envNumber('BENCH_PASSES', defaultPasses)))
  const quietWait = envNumber('BENCH_QUIET_WAIT', 30)
  const retries = Math.floor(envNumber('BENCH_RETRIES', 2))
  const pinned = process.env['BENCH_PIN'] !== '0' && cpus().length >= 2 && pinSelf(0)
  const s: LoadSettings = {
    connections: Math.max(1, Math.floor(envNumber('BENCH_CONNECTIONS', 50))),
    pipelining: 1,
    warmupSeconds: envNumber('BENCH_WARMUP', 1),
    durationSeconds: Math.max(1, envNumber('BENCH_DURATION', 3)),
  }
  compileBench() // every server runs the tsc output, as users do
  const started = new Date()
  const loadBefore = loadavg()
  let waited = 0
  let retried = 0
  const before = async (): Promise<void> => {
    if (quietWait > 0) waited += await waitForQuiet(quietCores, quietWait)
  }
  const after = (row: Row, pass: number, x: Sample, retry: boolean): void => {
    if (retry) retried++
    const other = x.otherCpu === undefined ? '' : `  other CPU ${Math.round(x.otherCpu * 100)}%`
    console.error(
      `pass ${pass + 1}/${passes}  ${row.label.padEnd(50)} ${Math.round(x.rps)} req/s  p99 ${x.p99} ms${other}${retry ? '  (disturbed, measuring again)' : ''}`,
    )
  }
  const failed = (row: Row, pass: number, e: unknown): void => {
    retried++
    const why = (e instanceof Error ? e.message : String(e)).split('\n', 1)[0]
    console.error(`pass ${pass + 1}/${passes}  ${row.label.padEnd(50)} failed: ${why}  (measuring again)`)
  }
  const disturbed = (x: Sample): boolean => x.otherCpu !== undefined && x.otherCpu > disturbedCores
  const results = await runPasses(groups, s, { passes, serverCpu: pinned ? 1 : undefined, before, after, disturbed, failed, retries })
  const header = [
    `Node ${process.version}, ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores. ${s.connections} connections, pipelining ${s.pipelining} ` +
      `(HTTP/2: h2load, 1 stream per connection; the rest: autocannon), ${passes} passes; each measurement is ${s.warmupSeconds} s warm-up + ` +
      `${s.durationSeconds} s measured; ${pinned ? 'server pinned to CPU 1, load generator to CPU 0' : 'no CPU pinning'}.`,
    `Load average before the run: ${loadBefore.map((l) => l.toFixed(2)).join(', ')}; waited ${Math.round(waited)} s in all for a quiet machine; ` +
      `${retried} measurements disturbed by other programs or the hypervisor's steal (> ${disturbedCores * 100}% of a core), or failed, were measured again (at most ${retries} times each).`,
  ]
  return { started, results, header }
}
