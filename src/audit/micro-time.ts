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
  return iso.slice(0, 23) + pad3(micros) + 'Z'
}

const pad3 = (n: number): string => (n < 10 ? '00' + n : n < 100 ? '0' + n : String(n))
