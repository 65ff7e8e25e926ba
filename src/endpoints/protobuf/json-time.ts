/** Seconds from the Unix epoch to Go's zero `time.Time` (January 1, year 1, UTC), which JSON writes as `null`. */
const goZeroSeconds = -62135596800
/** The seconds a JavaScript `Date` can hold on either side of the epoch. */
const maxDateSeconds = 8.64e12

/**
 * A `metav1.Time` as its JSON holds it: RFC 3339 in UTC to the second (`2024-01-02T03:04:05Z`).
 * Upstream's protobuf decoding drops the nanoseconds, so only `seconds` is read. `undefined` for Go's
 * zero time (JSON `null`) or a time outside what a `Date` holds.
 * @example
 * formatTime(1704164645) // '2024-01-02T03:04:05Z'
 */
export const formatTime = (seconds: number): string | undefined =>
  seconds === goZeroSeconds || Math.abs(seconds) > maxDateSeconds ? undefined : `${dateTime(seconds)}Z`

/**
 * A `metav1.MicroTime` as its JSON holds it: RFC 3339 in UTC with six fractional digits
 * (`2024-01-02T03:04:05.123456Z`); the nanoseconds are cut to microseconds toward zero, as upstream's
 * protobuf decoding does. `undefined` for Go's zero time or a time outside what a `Date` holds.
 */
export const formatMicroTime = (seconds: number, nanos: number): string | undefined => {
  const truncated = Math.trunc(nanos / 1000) * 1000
  const carry = Math.floor(truncated / 1e9)
  const sec = seconds + carry
  const nsec = truncated - carry * 1e9
  if ((sec === goZeroSeconds && nsec === 0) || Math.abs(sec) > maxDateSeconds) return undefined
  return `${dateTime(sec)}.${String(nsec / 1000).padStart(6, '0')}Z`
}

/** `2006-01-02T15:04:05` in UTC; years outside 0..9999 as Go prints them (`-0001`, `10000`). */
const dateTime = (seconds: number): string => {
  const d = new Date(seconds * 1000)
  const year = d.getUTCFullYear()
  const y = year < 0 ? `-${pad(-year, 4)}` : pad(year, 4)
  return `${y}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}T${pad(d.getUTCHours(), 2)}:${pad(d.getUTCMinutes(), 2)}:${pad(d.getUTCSeconds(), 2)}`
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0')
