/**
 * Formats epoch milliseconds as upstream's `metav1.MicroTime` JSON: RFC 3339, UTC, six fraction digits
 * (`2026-11-23T10:00:00.123456Z`). Fractional milliseconds give the last three digits.
 * @example
 * formatMicroTime(Date.UTC(2026, 10, 23, 10) + 123.456) // '2026-11-23T10:00:00.123456Z'
 */
export const formatMicroTime = (ms: number): string => {
  const whole = Math.floor(ms)
  const micros = Math.min(999, Math.round((ms - whole) * 1000))
  const iso = new Date(whole).toISOString() // 2026-11-23T10:00:00.123Z
  return `${iso.slice(0, 23) + pad3(micros)}Z`
}

/**
 * A `formatMicroTime` that remembers the last second it formatted and the last time it wrote, for callers
 * that format "now" many times a second: `Date#toISOString` runs once per new second, and the same time
 * again (a millisecond clock read twice within its millisecond) gives the very string it gave before, which
 * an encoder can recognise without reading it. Same output.
 * @example
 * const format = microTimeFormatter()
 * format(Date.UTC(2026, 10, 23, 10) + 123.456) // '2026-11-23T10:00:00.123456Z'
 */
export const microTimeFormatter = (): ((ms: number) => string) => {
  let second = NaN
  let prefix = '' // `2026-11-23T10:00:00.` of `second`
  let lastMs = NaN
  let last = ''
  return (ms) => {
    if (ms === lastMs) return last
    const whole = Math.floor(ms)
    if (!(whole >= 0 && whole < lastFourDigitYearMs)) return formatMicroTime(ms)
    const s = Math.floor(whole / 1000)
    if (s !== second) {
      second = s
      prefix = new Date(s * 1000).toISOString().slice(0, 20)
    }
    lastMs = ms
    last = `${prefix + pad3(whole - s * 1000) + pad3(Math.min(999, Math.round((ms - whole) * 1000)))}Z`
    return last
  }
}

/** 10000-01-01T00:00:00Z: from there on `toISOString` writes six-digit years, which the cache does not handle. */
const lastFourDigitYearMs = 253_402_300_800_000

const pad3 = (n: number): string => (n < 10 ? `00${n}` : n < 100 ? `0${n}` : String(n))
