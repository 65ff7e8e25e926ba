const INT64_DIGITS = /^[+-]?[0-9]+$/
const MAX_INT64 = '9223372036854775807'
const MIN_INT64_ABS = '9223372036854775808'

/**
 * Whether Go's `strconv.ParseInt(s, 10, 64)` accepts `s`: an optional sign, decimal digits only (no
 * underscores, no spaces), within the int64 range.
 * @example
 * isInt64('-42') // true
 * isInt64('9223372036854775808') // false: out of range
 */
export const isInt64 = (s: string): boolean => {
  if (!INT64_DIGITS.test(s)) return false
  const negative = s.charCodeAt(0) === 0x2d
  const digits = s.replace(/^[+-]?0*/, '')
  const limit = negative ? MIN_INT64_ABS : MAX_INT64
  return digits.length < limit.length || (digits.length === limit.length && digits <= limit)
}
