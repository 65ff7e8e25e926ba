import { goQuote } from '../internal/go/go-quote.js'
import { goJson } from './go-json.js'
import type { LogEntry, LogLevel } from './logger.js'

/** What a log line says besides its entry: when (epoch milliseconds, fractions kept), which process, where. */
export interface LineMeta {
  readonly now: number
  readonly pid: number
  /** `dir/file.ts:line` of the call, or a fixed component name. */
  readonly caller: string
}

const severity: Readonly<Record<LogLevel, string>> = { error: 'E', warn: 'W', info: 'I', debug: 'I' }

/**
 * One line of klog's text format (its header, then `printS`): `Lmmdd hh:mm:ss.uuuuuu ppppppp
 * file:line] "msg" err="..." key="value" n=3`, local time as klog writes it, the pid right-aligned in
 * seven columns, the message always quoted, then `err` (the error's message), then the fields in order.
 * Strings (and errors, dates) are quoted as Go's `%q`; numbers, booleans, null, arrays and objects are
 * written as JSON, as klog's fallback does. Always exactly one line, ending in `\n`.
 * Port note: klog writes a string value holding a newline over several lines (`key=<` ... `>`); here it
 * is quoted on the one line, so every entry is one line a reader can split on `\n`.
 * @example
 * klogTextLine({ level: 'info', msg: 'Serving securely', fields: { port: 6443 } }, { now: 0, pid: 7, caller: 'serve/x.ts:1' })
 */
export const klogTextLine = (entry: LogEntry, meta: LineMeta): string => {
  let line = `${severity[entry.level]}${klogTime(meta.now)} ${String(meta.pid).padStart(7)} ${meta.caller}] ${goQuote(entry.msg)}`
  if (entry.error !== undefined && entry.error !== null) line += ` err=${goQuote(errorText(entry.error))}`
  const fields = entry.fields
  if (fields !== undefined) for (const key in fields) line += ` ${textKey(key)}=${textValue(fields[key])}`
  return `${line}\n`
}

/** klog's `mmdd hh:mm:ss.uuuuuu` in local time; the microseconds come from the fraction of `now`. */
const klogTime = (now: number): string => {
  const micros = Math.round(now * 1000)
  const seconds = Math.floor(micros / 1e6)
  const d = new Date(seconds * 1000)
  return `${two(d.getMonth() + 1)}${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}.${String(micros - seconds * 1e6).padStart(6, '0')}`
}

const two = (n: number): string => (n < 10 ? `0${n}` : String(n))

/** A key as klog writes it, quoted only when it would break the `key=value` shape or the line. */
const textKey = (key: string): string => (/^[\x21\x23-\x3c\x3e-\x5b\x5d-\x7e]+$/.test(key) ? key : goQuote(key))

/** The text of an error value: its message (Go's `err.Error()`). */
export const errorText = (e: unknown): string => (e instanceof Error ? e.message : typeof e === 'string' ? e : String(anyJson(e)))

const textValue = (v: unknown): string => {
  if (typeof v === 'string') return goQuote(v)
  if (v instanceof Error) return goQuote(v.message)
  if (v instanceof Date) return goQuote(Number.isNaN(v.getTime()) ? 'Invalid Date' : v.toISOString())
  return anyJson(v)
}

/**
 * A value as JSON (Go's encoder escapes), as klog's `formatAsJSON`: `null` for undefined and nil-like
 * values; what JSON cannot hold is klog's quoted `<internal error: ...>`.
 */
export const anyJson = (v: unknown): string => {
  if (v === undefined || typeof v === 'function' || typeof v === 'symbol') return 'null'
  if (typeof v === 'number' && !Number.isFinite(v)) return `"<internal error: json: unsupported value: ${goFloat(v)}>"`
  if (typeof v === 'bigint') return String(v)
  try {
    return goJson(v) ?? 'null'
  } catch (e) {
    return goQuote(`<internal error: ${e instanceof Error ? e.message : String(e)}>`)
  }
}

const goFloat = (n: number): string => (Number.isNaN(n) ? 'NaN' : n > 0 ? '+Inf' : '-Inf')
