import type { LogsOptions } from '../config/options/serve-options.js'
import { type Deps, defaultDeps } from '../core/deps.js'
import { LoggingFormat, klogLogger } from '../core/klog-logger.js'
import { type Verbosity, newVerbosity, withVerbosity } from '../core/verbosity.js'
import { type LogSink, fdLogSink } from '../lifecycle/log-sink.js'

/** The logging of one `kubechain serve` run: the deps whose `log` it made, its verbosity and its sink. */
export interface ServeLogging {
  readonly deps: Deps
  /** Read by the logger on every entry; `/debug/flags/v` sets it. */
  readonly verbosity: Verbosity
  readonly sink: LogSink
}

/** Where a run's logs go when not to stderr: specs capture lines, or take the entries themselves. */
export interface ServeLogTargets {
  /** Entries go to `deps.log` (behind `-v`), unformatted. */
  readonly deps?: Deps
  /** Formatted lines go here instead of stderr, stamped by `deps.clock` (or the real clock). */
  readonly logLine?: (line: string) => void
}

const inMemory = (write: (line: string) => void): LogSink => ({ write, flushSync: () => undefined, flush: () => Promise.resolve() })

/**
 * Builds the logger of `--logging-format` at `-v`: by default klog lines on stderr through sonic-boom
 * (flushed on exit), stamped by the wall clock (milliseconds: the header's last three digits are 0); with `logLine`, the same lines in memory; with
 * only `deps`, its logger behind the verbosity.
 * @example
 * const logging = serveLogging({ verbosity: 2, format: 'json' }, {})
 * logging.deps.log({ level: 'info', msg: 'Serving securely on [::]:6443' })
 */
export const serveLogging = (logs: LogsOptions, to: ServeLogTargets): ServeLogging => {
  const verbosity = newVerbosity(logs.verbosity)
  const base = to.deps ?? defaultDeps
  if (to.deps !== undefined && to.logLine === undefined) {
    return { deps: { ...base, log: withVerbosity(base.log, verbosity) }, verbosity, sink: inMemory(() => undefined) }
  }
  const sink = to.logLine === undefined ? fdLogSink(2) : inMemory(to.logLine)
  const now = base.clock.now
  const format = LoggingFormat.is(logs.format) ? logs.format : 'text' // validateLogs refused others already
  const log = klogLogger({ format, verbosity, write: sink.write, now, pid: process.pid })
  return { deps: { ...base, log }, verbosity, sink }
}
