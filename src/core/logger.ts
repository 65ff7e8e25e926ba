/** Severity of a log entry. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error'

/** One structured log entry: a lowercase message and key/value fields (upstream's klog `InfoS`/`ErrorS`). */
export interface LogEntry {
  readonly level: LogLevel
  readonly msg: string
  readonly fields?: Readonly<Record<string, unknown>>
  readonly error?: unknown
}

/** Where pure code sends log entries; injected through `Deps`. */
export type Logger = (entry: LogEntry) => void

/** Writes one JSON object per line to stderr: `{"level","msg",...fields,"error"}`. */
export const stderrLogger: Logger = (entry) => {
  const error = entry.error instanceof Error ? (entry.error.stack ?? entry.error.message) : entry.error
  const line = { level: entry.level, msg: entry.msg, ...entry.fields, ...(error === undefined ? {} : { error: String(error) }) }
  process.stderr.write(`${JSON.stringify(line)}\n`)
}

/** Drops every entry. */
export const silentLogger: Logger = () => undefined

/** A logger that keeps its entries, for tests and debugging. */
export const recordingLogger = (): { readonly log: Logger; readonly entries: LogEntry[] } => {
  const entries: LogEntry[] = []
  return { log: (e) => void entries.push(e), entries }
}
