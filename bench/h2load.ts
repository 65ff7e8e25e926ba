// The HTTP/2 load generator: nghttp2's h2load (Debian package nghttp2-client), run for a duration, its
// per-request log read for latency percentiles (h2load itself prints only min/max/mean).
import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** One h2load run against one URL. */
export interface H2loadRun {
  readonly url: string
  readonly headers: Readonly<Record<string, string>>
  readonly clients: number
  /** Concurrent streams per connection (1: like autocannon's pipelining 1). */
  readonly streams: number
  readonly seconds: number
}

/** What one h2load run gave; latencies in ms. */
export interface H2loadResult {
  readonly rps: number
  readonly p50: number
  readonly p99: number
  readonly errors: number
  readonly non2xx: number
}

/** True when `h2load` runs here. */
export const hasH2load = (): Promise<boolean> => new Promise((resolve) => execFile('h2load', ['--version'], (err) => resolve(err === null)))

/** How long past its duration an h2load run may take before it is killed (a stalled warm-up on a busy machine). */
const stallSeconds = 30

/** Runs h2load once (one thread, pinned like its parent) and parses its summary and request log; a run that stalls is killed and fails. */
export const h2load = async (r: H2loadRun): Promise<H2loadResult> => {
  const dir = mkdtempSync(join(tmpdir(), 'kubechain-bench-h2load-'))
  const log = join(dir, 'requests.tsv')
  const headers = Object.entries(r.headers).flatMap(([k, v]) => ['-H', `${k}: ${v}`])
  const args = [
    '-t',
    '1',
    '-c',
    String(r.clients),
    '-m',
    String(r.streams),
    '-D',
    String(r.seconds),
    `--log-file=${log}`,
    ...headers,
    r.url,
  ]
  try {
    const out = await new Promise<string>((resolve, reject) =>
      execFile(
        'h2load',
        args,
        { maxBuffer: 1 << 20, timeout: (r.seconds + stallSeconds) * 1000, killSignal: 'SIGKILL' },
        (err, stdout, stderr) =>
          err === null ? resolve(stdout) : reject(new Error(`h2load failed: ${err.message.split('\n', 1)[0]}\n${stderr}\n${stdout}`)),
      ),
    )
    return { ...summary(out), ...percentiles(readFileSync(log, 'utf8')) }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

const num = (out: string, re: RegExp): number => {
  const m = re.exec(out)
  if (m === null) throw new Error(`h2load output: expected ${re}, got:\n${out}`)
  return Number(m[1])
}

/** req/s, errors (failed + errored + timeout) and non-2xx (3xx + 4xx + 5xx) from h2load's summary lines. */
const summary = (out: string): Omit<H2loadResult, 'p50' | 'p99'> => {
  const errors = num(out, / (\d+) failed/) + num(out, / (\d+) errored/) + num(out, / (\d+) timeout/)
  const non2xx = num(out, /(\d+) 3xx/) + num(out, /(\d+) 4xx/) + num(out, /(\d+) 5xx/)
  return { rps: num(out, /finished in [\d.]+m?s, ([\d.]+) req\/s/), errors, non2xx }
}

/** p50/p99 in ms of the third column (µs until the end of the response) of successful requests. */
const percentiles = (tsv: string): Pick<H2loadResult, 'p50' | 'p99'> => {
  const us: number[] = []
  for (const line of tsv.split('\n')) {
    const cols = line.split('\t')
    if (cols.length >= 3 && cols[1] !== '-1') us.push(Number(cols[2]))
  }
  us.sort((a, b) => a - b)
  const at = (q: number): number => (us.length === 0 ? NaN : (us[Math.min(us.length - 1, Math.floor(q * us.length))] as number) / 1000)
  return { p50: at(0.5), p99: at(0.99) }
}
