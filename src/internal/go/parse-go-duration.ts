import * as E from 'fp-ts/lib/Either.js'

/**
 * Parses a duration like Go's `time.ParseDuration` (`10s`, `1m30s`, `1.5h`, `-300us`, `0`) into
 * nanoseconds, with Go's error texts (`time: invalid duration "foo"`, `time: missing unit in duration
 * "10"`, `time: unknown unit "x" in duration "10x"`). Total: never throws.
 * Port note: Go works on bytes and uint64; this works on UTF-16 text (the grammar is ASCII) and on
 * bigints wrapped to 64 bits, so overflow checks, the float rounding of fractions and the quoting of
 * non-ASCII text (`\xc3\xa9`, from the UTF-8 bytes) give the same results.
 * @example
 * parseGoDuration('1m30s') // right(90_000_000_000n)
 * parseGoDuration('10')    // left('time: missing unit in duration "10"')
 */
export const parseGoDuration = (s: string): E.Either<string, bigint> => {
  const neg = s.startsWith('-')
  const body = neg || s.startsWith('+') ? s.slice(1) : s
  if (body === '0') return E.right(0n)
  if (body === '') return E.left(invalid(s))
  let d = 0n
  for (let i = 0; i < body.length; ) {
    const part = parsePart(body, i, s)
    if (E.isLeft(part)) return part
    d = BigInt.asUintN(64, d + part.right.value)
    if (d > twoTo63) return E.left(invalid(s))
    i = part.right.end
  }
  if (neg) return E.right(BigInt.asIntN(64, -d))
  return d > twoTo63 - 1n ? E.left(invalid(s)) : E.right(d)
}

/** Nanoseconds to (possibly fractional) milliseconds. */
export const nanosToMillis = (ns: bigint): number => Number(ns) / 1e6

const twoTo63 = 1n << 63n

const units: ReadonlyMap<string, bigint> = new Map([
  ['ns', 1n],
  ['us', 1_000n],
  ['\u00b5s', 1_000n], // micro sign
  ['\u03bcs', 1_000n], // Greek mu
  ['ms', 1_000_000n],
  ['s', 1_000_000_000n],
  ['m', 60_000_000_000n],
  ['h', 3_600_000_000_000n],
])

interface Part {
  readonly value: bigint
  readonly end: number
}

/** One `[0-9]*(\.[0-9]*)?unit` item starting at `i`. */
const parsePart = (s: string, i: number, orig: string): E.Either<string, Part> => {
  const num = parseNumber(s, i)
  if (num === undefined) return E.left(invalid(orig))
  let end = num.end
  while (end < s.length && s[end] !== '.' && !isDigit(s, end)) end++
  if (end === num.end) return E.left(`time: missing unit in duration ${goQuote(orig)}`)
  const name = s.slice(num.end, end)
  const unit = units.get(name)
  if (unit === undefined) return E.left(`time: unknown unit ${goQuote(name)} in duration ${goQuote(orig)}`)
  const value = scaled(num, unit)
  return value === undefined ? E.left(invalid(orig)) : E.right({ value, end })
}

interface DecimalNumber {
  readonly int: bigint
  readonly frac: bigint
  readonly scale: number // value = int + frac / scale
  readonly end: number
}

/** `[0-9]*(\.[0-9]*)?` at `i` with at least one digit; `undefined` when malformed or too large. */
const parseNumber = (s: string, i: number): DecimalNumber | undefined => {
  if (!(s[i] === '.' || isDigit(s, i))) return undefined
  const int = leadingInt(s, i)
  if (int === undefined) return undefined
  const frac = s[int.end] === '.' ? leadingFraction(s, int.end + 1) : { x: 0n, scale: 1, end: int.end }
  const hasDigits = int.end > i || frac.end > int.end + 1 // not ".s" or "-.s"
  return hasDigits ? { int: int.x, frac: frac.x, scale: frac.scale, end: frac.end } : undefined
}

/** The number times `unit` in nanoseconds, the fraction through float64 as Go does; `undefined` on overflow. */
const scaled = (num: DecimalNumber, unit: bigint): bigint | undefined => {
  if (num.int > twoTo63 / unit) return undefined
  const fraction = num.frac > 0n ? BigInt(Math.trunc(Number(num.frac) * (Number(unit) / num.scale))) : 0n
  const v = num.int * unit + fraction
  return v > twoTo63 ? undefined : v
}

const isDigit = (s: string, i: number): boolean => {
  const c = s.charCodeAt(i)
  return c >= 48 && c <= 57
}

/** Go's `leadingInt`: digits as a uint64; `undefined` on overflow. */
const leadingInt = (s: string, i: number): { readonly x: bigint; readonly end: number } | undefined => {
  let x = 0n
  for (; isDigit(s, i); i++) {
    if (x > twoTo63 / 10n) return undefined
    x = x * 10n + BigInt(s.charCodeAt(i) - 48)
    if (x > twoTo63) return undefined
  }
  return { x, end: i }
}

/** Go's `leadingFraction`: digits after the point; stops gaining precision on overflow. */
const leadingFraction = (s: string, i: number): { readonly x: bigint; readonly scale: number; readonly end: number } => {
  let x = 0n
  let scale = 1
  let overflow = false
  for (; isDigit(s, i); i++) {
    if (overflow || x > (twoTo63 - 1n) / 10n) {
      overflow = true
      continue
    }
    const y = x * 10n + BigInt(s.charCodeAt(i) - 48)
    if (y > twoTo63) {
      overflow = true
      continue
    }
    x = y
    scale *= 10
  }
  return { x, scale, end: i }
}

const invalid = (orig: string): string => `time: invalid duration ${goQuote(orig)}`

/** The `time` package's own `quote`: `"` and `\` escaped, controls and non-ASCII as `\x` UTF-8 bytes. */
const goQuote = (s: string): string => {
  let out = '"'
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0
    if (c < 0x20 || c >= 0x80) out += hexBytes(ch)
    else out += ch === '"' || ch === '\\' ? `\\${ch}` : ch
  }
  return `${out}"`
}

const hexBytes = (ch: string): string => {
  let out = ''
  for (const b of Buffer.from(ch, 'utf8')) out += `\\x${b.toString(16).padStart(2, '0')}`
  return out
}
