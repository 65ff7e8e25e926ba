// The passes of the HTTP suite: each kubechain row is measured between two bare node:http measurements.
import { type LoadSettings, type Sample, measure } from './measure.js'
import { type ServerProcess, startServer } from './server-process.js'

/** A row: its label and the server program that serves it. The first row is the bare node:http baseline. */
export interface Row {
  readonly label: string
  readonly file: string
  /** What the load generator asks for; `GET /` without headers when left out. */
  readonly request?: RowRequest
}

/** The request a row is loaded with. */
export interface RowRequest {
  readonly path: string
  readonly headers: Readonly<Record<string, string>>
}

/** A row's samples and, per sample, its ratio to the baseline measured just before and just after it. */
export interface RowResult {
  readonly label: string
  readonly samples: ReadonlyArray<Sample>
  readonly ratios: ReadonlyArray<number>
  readonly cpuRatios: ReadonlyArray<number>
}

/** How passes run, besides the load settings. */
export interface PassOptions {
  readonly passes: number
  /** The core servers are pinned to, or `undefined`. */
  readonly serverCpu: number | undefined
  /** Called before each measurement (to wait for a quiet machine). */
  readonly before: () => Promise<void>
  /** Called after each measurement; `retry` is true when it is thrown away and measured again. */
  readonly after: (row: Row, pass: number, s: Sample, retry: boolean) => void
  /** True when other programs disturbed a measurement; it is then measured again, at most `retries` times. */
  readonly disturbed: (s: Sample) => boolean
  readonly retries: number
}

interface Acc {
  samples: Sample[]
  ratios: number[]
  cpuRatios: number[]
}

/**
 * Runs `passes` passes. A pass starts every row's server (idle ones cost nothing), then measures
 * baseline, row, baseline, row, ..., baseline, so each row is compared with the mean of the baselines on
 * either side of it: the machine's speed drifts over tens of seconds, and this keeps ratios local in time.
 * Pass p starts with row p, so no row always comes first.
 */
export const runPasses = async (rows: ReadonlyArray<Row>, s: LoadSettings, o: PassOptions): Promise<ReadonlyArray<RowResult>> => {
  const acc: Acc[] = rows.map(() => ({ samples: [], ratios: [], cpuRatios: [] }))
  const sample = async (servers: ReadonlyArray<ServerProcess>, i: number, pass: number): Promise<Sample> => {
    for (let attempt = 0; ; attempt++) {
      await o.before()
      const x = await measure(servers[i]!, s, rows[i]!.request)
      const retry = attempt < o.retries && o.disturbed(x)
      o.after(rows[i]!, pass, x, retry)
      if (retry) continue
      acc[i]!.samples.push(x)
      return x
    }
  }
  for (let p = 0; p < o.passes; p++) {
    const servers = await Promise.all(rows.map((r) => startServer(r.file, o.serverCpu)))
    try {
      let prev = await sample(servers, 0, p)
      for (const i of rotated(rows.length - 1, p).map((k) => k + 1)) {
        const x = await sample(servers, i, p)
        const next = await sample(servers, 0, p)
        acc[i]!.ratios.push(x.rps / mean(prev.rps, next.rps))
        acc[i]!.cpuRatios.push(perCpu(x) / mean(perCpu(prev), perCpu(next)))
        prev = next
      }
    } finally {
      await Promise.all(servers.map((srv) => srv.stop()))
    }
  }
  return rows.map((r, i) => ({ label: r.label, ...acc[i]!, ...(i === 0 ? { ratios: [1], cpuRatios: [1] } : {}) }))
}

/** 0..n-1 starting at p mod n. */
const rotated = (n: number, p: number): number[] => Array.from({ length: n }, (_, k) => (k + p) % n)

const mean = (a: number, b: number): number => (a + b) / 2

/** Requests per second of server CPU (NaN when unknown). */
const perCpu = (x: Sample): number => (x.serverCpu === undefined || x.serverCpu <= 0 ? NaN : x.rps / x.serverCpu)
