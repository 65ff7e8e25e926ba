import * as t from 'io-ts'
import { klogJsonLine } from './klog-json.js'
import { type LineMeta, klogTextLine } from './klog-text.js'
import { callerOf } from './log-caller.js'
import type { LogEntry, Logger } from './logger.js'
import { type Verbosity, isLogged, vEnabled } from './verbosity.js'

/** `--logging-format`: upstream's `text` (klog's header) or `json` (component-base's zap format). */
export const LoggingFormat = t.keyof({ text: null, json: null })
export type LoggingFormat = t.TypeOf<typeof LoggingFormat>

/** What a klog logger writes, where, and how it learns the time, the process and the caller. */
export interface KlogLoggerOptions {
  readonly format: LoggingFormat
  readonly verbosity: Verbosity
  /** Takes one whole line, `\n` included. */
  readonly write: (line: string) => void
  /** Epoch milliseconds; fractions become the microseconds of the text header. */
  readonly now: () => number
  readonly pid: number
  /** A fixed `file:line` for every line (cheaper); by default each line names its caller from the stack. */
  readonly caller?: string
}

const formatters: Readonly<Record<LoggingFormat, (entry: LogEntry, meta: LineMeta) => string>> = {
  text: klogTextLine,
  json: klogJsonLine,
}

/**
 * A logger writing klog's text or upstream's JSON lines. It first compares the entry's V level with the
 * current verbosity (read on every entry, so `/debug/flags/v` takes effect at once) and drops what is
 * above it before anything is formatted or the stack is read.
 * @example
 * const log = klogLogger({ format: 'text', verbosity: newVerbosity(2), write: (l) => process.stderr.write(l), now: Date.now, pid: process.pid })
 */
export const klogLogger = (o: KlogLoggerOptions): Logger => {
  const format = formatters[o.format]
  const { verbosity, write, now, pid, caller } = o
  const log = (entry: LogEntry): void => {
    if (!isLogged(entry, verbosity.get())) return
    write(format(entry, { now: now(), pid, caller: caller ?? callerOf(log) }))
  }
  return Object.assign(log, { enabled: vEnabled(verbosity) })
}
