import { goJson } from './go-json.js'
import { anyJson, errorText, type LineMeta } from './klog-text.js'
import type { LogEntry } from './logger.js'
import { entryVerbosity } from './verbosity.js'

/**
 * One line of upstream's JSON log format (`k8s.io/component-base/logs/json`, zap through zapr):
 * `{"ts":<epoch milliseconds, a float>,"caller":"dir/file.ts:12","msg":"...","v":0,...fields}`; an
 * `error` entry has no `v` and ends with `"err":"<message>"` when it carries an error, as zapr's
 * `Error` (other levels carry `err` too when given one). Warnings are `v` 0 lines, as klog hands them to its logger as `Info`. Values are JSON with
 * Go's escapes; errors and dates become strings. Always exactly one line, ending in `\n`.
 * @example
 * klogJsonLine({ level: 'info', msg: 'HTTP', v: 3, fields: { resp: 200 } }, { now: 1.5, pid: 7, caller: 'filters/x.ts:9' })
 * // '{"ts":1.5,"caller":"filters/x.ts:9","msg":"HTTP","v":3,"resp":200}\n'
 */
export const klogJsonLine = (entry: LogEntry, meta: LineMeta): string => {
  let line = `{"ts":${meta.now},"caller":${goJson(meta.caller)},"msg":${goJson(entry.msg)}`
  if (entry.level !== 'error') line += `,"v":${entryVerbosity(entry)}`
  const fields = entry.fields
  if (fields !== undefined) for (const key in fields) line += `,${goJson(key)}:${jsonValue(fields[key])}`
  if (entry.error !== undefined && entry.error !== null) line += `,"err":${goJson(errorText(entry.error))}`
  return `${line}}\n`
}

const jsonValue = (v: unknown): string => {
  if (v instanceof Error) return goJson(v.message)
  if (v instanceof Date) return goJson(Number.isNaN(v.getTime()) ? 'Invalid Date' : v.toISOString())
  return anyJson(v)
}
