/** How Go prints the values the debug dumps show: seat-seconds, instants, durations. */

const ssScale = 100_000_000

/**
 * Seat-seconds as upstream's `SeatSeconds.String()`: whole part, a dot, eight decimals, `ss`
 * (`1.50000000ss`). Upstream's type is unsigned: a negative amount prints as zero.
 */
export const seatSeconds = (ss: number): string => {
  const scaled = Math.max(0, Math.round(ss * ssScale))
  const whole = Math.floor(scaled / ssScale)
  return `${whole}.${String(scaled - whole * ssScale).padStart(8, '0')}ss`
}

// `int.frac` with `digits` decimals and trailing zeros removed (Go's `fmtFrac`).
const decimal = (n: number, digits: number): string => {
  const unit = 10 ** digits
  const frac = String(n % unit)
    .padStart(digits, '0')
    .replace(/0+$/, '')
  return frac === '' ? String(Math.floor(n / unit)) : `${Math.floor(n / unit)}.${frac}`
}

/**
 * A duration given in milliseconds as Go's `time.Duration.String()`: `0s`, `250ns`, `1.5µs`, `100ms`,
 * `2.5s`, `2m0s`, `1h0m0s`.
 */
export const goDuration = (ms: number): string => {
  const ns = Math.round(Math.abs(ms) * 1e6)
  const sign = ms < 0 && ns > 0 ? '-' : ''
  if (ns === 0) return '0s'
  if (ns < 1e3) return `${sign}${ns}ns`
  if (ns < 1e6) return `${sign}${decimal(ns, 3)}µs`
  if (ns < 1e9) return `${sign}${decimal(ns, 6)}ms`
  const minutes = Math.floor(ns / 60e9)
  const secs = `${decimal(ns % 60e9, 9)}s`
  if (minutes === 0) return sign + secs
  const hours = Math.floor(minutes / 60)
  return `${sign}${hours > 0 ? `${hours}h` : ''}${minutes % 60}m${secs}`
}

/** Go's zero `time.Time` in RFC 3339: what upstream prints for a request not yet started. */
export const goZeroTime = '0001-01-01T00:00:00Z'

/**
 * An instant (ms since the epoch, fractions allowed) as Go's `t.UTC().Format(time.RFC3339Nano)`: trailing
 * zeros of the fraction dropped, no dot for a whole second, `Z`.
 */
export const rfc3339Nano = (ms: number): string => {
  const whole = Math.floor(ms)
  const subNs = Math.min(999_999, Math.round((ms - whole) * 1e6))
  const iso = new Date(whole).toISOString() // yyyy-mm-ddThh:mm:ss.mmmZ
  const frac = `${iso.slice(20, 23)}${String(subNs).padStart(6, '0')}`.replace(/0+$/, '')
  return `${iso.slice(0, 19)}${frac === '' ? '' : `.${frac}`}Z`
}
