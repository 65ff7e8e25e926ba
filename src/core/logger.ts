import { klogLogger } from './klog-logger.js'
import { newVerbosity } from './verbosity.js'

/** Severity of a log entry: klog's `E`, `W` and `I`; `debug` is `I` at a verbosity above 0. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error'

/**
 * One structured log entry (upstream's klog `InfoS`/`ErrorS`): a message and key/value fields, an
 * optional error (klog's `err` key) and the klog verbosity `v` it is logged at (`klog.V(v)`; `info`
 * defaults to 0, `debug` to 4). Entries above the logger's verbosity are dropped before any formatting.
 */
export interface LogEntry {
  readonly level: LogLevel
  readonly msg: string
  readonly fields?: Readonly<Record<string, unknown>>
  readonly error?: unknown
  readonly v?: number
}

/**
 * Where pure code sends log entries; injected through `Deps`. A logger that filters by verbosity says
 * so with `enabled(v)` (klog's `V(v).Enabled()`, read now), so work done only for a line can be skipped.
 */
export type Logger = ((entry: LogEntry) => void) & { readonly enabled?: (v: number) => boolean }

/**
 * klog's text format on stderr at verbosity 0 (`I1207 01:02:03.456789   12345 serve/x.ts:12] "msg"
 * key="value"`; debug entries dropped), written synchronously. `kubechain serve` builds its own from
 * `--logging-format` and `-v` (`klogLogger`).
 */
export const stderrLogger: Logger = klogLogger({
  format: 'text',
  verbosity: newVerbosity(0),
  write: (line) => void process.stderr.write(line),
  now: () => Date.now(),
  pid: process.pid,
})

/** Drops every entry. */
export const silentLogger: Logger = () => undefined

/** A logger that keeps its entries, for tests and debugging. */
export const recordingLogger = (): { readonly log: Logger; readonly entries: LogEntry[] } => {
  const entries: LogEntry[] = []
  return { log: (e) => void entries.push(e), entries }
}
