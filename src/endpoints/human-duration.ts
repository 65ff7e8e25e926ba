const second = 1000
const minute = 60 * second
const hour = 60 * minute

/**
 * A duration in milliseconds as upstream's `duration.HumanDuration` writes it, with 2-3 significant
 * figures: `<invalid>` from 2 s in the past, `0s` just under, `119s`, `3m10s`, `70m`, `3h1m`, `47h`,
 * `2d1h`, `367d`, `2y1d`, `8y`. Parts truncate toward zero, as Go's integer conversions do.
 * @example
 * humanDuration(190_000) // '3m10s'
 */
export const humanDuration = (ms: number): string => {
  const seconds = Math.trunc(ms / second)
  if (seconds < -1) return '<invalid>'
  if (seconds < 0) return '0s'
  if (seconds < 60 * 2) return `${seconds}s`
  const minutes = Math.trunc(ms / minute)
  if (minutes < 10) return withPart(`${minutes}m`, seconds % 60, 's')
  if (minutes < 60 * 3) return `${minutes}m`
  const hours = Math.trunc(ms / hour)
  if (hours < 8) return withPart(`${hours}h`, minutes % 60, 'm')
  if (hours < 48) return `${hours}h`
  const days = Math.trunc(hours / 24)
  if (hours < 24 * 8) return withPart(`${days}d`, hours % 24, 'h')
  if (hours < 24 * 365 * 2) return `${days}d`
  const years = Math.trunc(days / 365)
  if (hours < 24 * 365 * 8) return withPart(`${years}y`, days % 365, 'd')
  return `${years}y`
}

const withPart = (head: string, n: number, unit: string): string => (n === 0 ? head : `${head}${n}${unit}`)

/**
 * An object's age as upstream's printers write it (`translateTimestampSince`): `<unknown>` without a
 * creation time (or one that does not parse), else `humanDuration(now - created)`.
 */
export const ageSince = (creationTimestamp: unknown, now: number): string => {
  const created = typeof creationTimestamp === 'string' && creationTimestamp !== '' ? Date.parse(creationTimestamp) : Number.NaN
  return Number.isNaN(created) ? '<unknown>' : humanDuration(now - created)
}
