// The environment variables every bench script reads, checked once.
import { cpus, loadavg } from 'node:os'

/** A non-negative number from the environment, `fallback` when unset or empty; throws on anything else. */
export const envNumber = (name: string, fallback: number): number => {
  const raw = process.env[name]
  const n = raw === undefined || raw === '' ? fallback : Number(raw)
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name}: expected a non-negative number, got ${raw}`)
  return n
}

/** `BENCH_ROWS=insecure,secure`: the lower-case words a row's label or group must contain (empty: every row). */
export const rowWords = (): ReadonlyArray<string> =>
  (process.env['BENCH_ROWS'] ?? '')
    .split(',')
    .map((w) => w.trim().toLowerCase())
    .filter((w) => w !== '')

/** One line naming the machine: CPU model, cores, Node version, load average now. */
export const machineLine = (): string =>
  `Node ${process.version}, ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(', ')}`
