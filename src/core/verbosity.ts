import type { LogEntry, Logger } from './logger.js'

/**
 * klog's verbosity (`-v`) as a value the logger reads on every entry and `/debug/flags/v` sets at run
 * time. One per process in practice; made by the caller, never a module global.
 */
export interface Verbosity {
  readonly get: () => number
  readonly set: (v: number) => void
}

/**
 * A verbosity cell starting at `initial`.
 * @example
 * const verbosity = newVerbosity(2) // -v=2
 */
export const newVerbosity = (initial: number): Verbosity => {
  let current = initial
  return {
    get: () => current,
    set: (v) => {
      current = v
    },
  }
}

/** The V level of `debug` entries that name none: upstream's "debug level verbosity", V(4). */
export const debugVerbosity = 4

/**
 * The klog V level an entry is logged at: its `v`, else 0 (klog's `InfoS`, `ErrorS`, `Warning`), except
 * `debug` entries, which default to V(4).
 * @example
 * entryVerbosity({ level: 'debug', msg: 'x' }) // 4
 */
export const entryVerbosity = (e: LogEntry): number => e.v ?? (e.level === 'debug' ? debugVerbosity : 0)

/**
 * Whether an entry is written at `verbosity`: as klog's `V(n).Enabled()`, `n <= verbosity`; entries at
 * V(0) or below are always written (klog's unconditional `Info`, `Warning`, `Error`).
 * @example
 * isLogged({ level: 'info', msg: 'HTTP', v: 3 }, 2) // false
 */
export const isLogged = (e: LogEntry, verbosity: number): boolean => {
  const v = entryVerbosity(e)
  return v <= 0 || v <= verbosity
}

/**
 * `log` behind a verbosity: entries above `verbosity` (read per entry) are dropped before `log` sees
 * them, e.g. a recording logger in specs honours `-v` like the klog logger does.
 * @example
 * const log = withVerbosity(recordingLogger().log, newVerbosity(0))
 */
export const withVerbosity = (log: Logger, verbosity: Verbosity): Logger =>
  Object.assign(
    (entry: LogEntry): void => {
      if (isLogged(entry, verbosity.get())) log(entry)
    },
    { enabled: vEnabled(verbosity) },
  )

/**
 * klog's `V(v).Enabled()` against a verbosity cell, read on every call: V(0) and below always.
 * @example
 * vEnabled(newVerbosity(2))(3) // false
 */
export const vEnabled =
  (verbosity: Verbosity) =>
  (v: number): boolean =>
    v <= 0 || v <= verbosity.get()
