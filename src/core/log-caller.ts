/** The last directory and file of a stack frame's location, and its line: zap's short caller. */
const frameLocation = /([^/\\\s(]+[/\\][^/\\\s(:]+):(\d+):\d+\)?\s*$/

/**
 * `dir/file.ts:line` of the code that called `logFn` (zap's short caller, klog's `file.go:line`), read
 * from a one-frame V8 stack trace taken only when a line is written; `???:1` when there is none, as
 * klog writes when the runtime cannot say.
 * @example
 * const log: Logger = (e) => process.stderr.write(klogTextLine(e, { now: Date.now(), pid: process.pid, caller: callerOf(log) }))
 */
// biome-ignore lint/complexity/noBannedTypes: any function can be the frame the trace starts above
export const callerOf = (logFn: Function): string => {
  const holder: { stack?: string } = {}
  const limit = Error.stackTraceLimit
  Error.stackTraceLimit = 1
  Error.captureStackTrace(holder, logFn)
  Error.stackTraceLimit = limit
  const frame = holder.stack?.split('\n', 2)[1]
  const m = frame === undefined ? null : frameLocation.exec(frame)
  return m === null ? '???:1' : `${m[1]!.replace('\\', '/')}:${m[2]}`
}
