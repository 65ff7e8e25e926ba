// Samples a server's RSS and open fds while a row runs: baseline, peak, and the value at named marks.
import { fdCount, rssKiB } from './proc-stats.js'

/** One reading of a process. */
export interface Reading {
  readonly rssKiB: number | undefined
  readonly fds: number | undefined
}

/** A running sampler of one process. */
export interface Monitor {
  readonly baseline: Reading
  /** Takes a reading now, keeps it under `name`, and returns it. */
  mark(name: string): Reading
  /** The reading kept under `name`, if any. */
  at(name: string): Reading | undefined
  /** The highest RSS and fd count seen so far (sampled, and at every mark). */
  peak(): Reading
  stop(): void
}

/** Samples `pid` every `everyMs` until stopped; the first reading is the baseline. */
export const monitor = (pid: number, everyMs = 100): Monitor => {
  const read = (): Reading => ({ rssKiB: rssKiB(pid), fds: fdCount(pid) })
  const baseline = read()
  const marks = new Map<string, Reading>()
  let peakRss = baseline.rssKiB ?? 0
  let peakFds = baseline.fds ?? 0
  const sample = (): Reading => {
    const r = read()
    peakRss = Math.max(peakRss, r.rssKiB ?? 0)
    peakFds = Math.max(peakFds, r.fds ?? 0)
    return r
  }
  const timer = setInterval(sample, everyMs)
  timer.unref()
  return {
    baseline,
    mark: (name) => {
      const r = sample()
      marks.set(name, r)
      return r
    },
    at: (name) => marks.get(name),
    peak: () => ({ rssKiB: peakRss, fds: peakFds }),
    stop: () => clearInterval(timer),
  }
}

/** `base→peak/after` in MiB, as the table prints memory. */
export const memoryCell = (m: Monitor, after: string): string =>
  `${mib(m.baseline.rssKiB)}→${mib(m.peak().rssKiB)}/${mib(m.at(after)?.rssKiB)} MiB`

/** `base/peak/after` fd counts, as the table prints them. */
export const fdCell = (m: Monitor, after: string): string => `${m.baseline.fds ?? '?'}/${m.peak().fds ?? '?'}/${m.at(after)?.fds ?? '?'}`

const mib = (kib: number | undefined): string => (kib === undefined ? '?' : String(Math.round(kib / 1024)))
