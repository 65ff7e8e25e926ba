import type { Clock } from '../core/clock.js'

/** The longest Retry-After, in seconds, a level suggests (upstream `maxRetryAfter`). */
export const maxRetryAfterSeconds = 32

/** Tracks each level's rejected requests to choose the Retry-After of its 429s (upstream `DroppedRequestsTracker`). */
export interface DroppedRequestsTracker {
  /** Notes one request of `level` rejected now. */
  readonly recordDroppedRequest: (level: string) => void
  /** The Retry-After, in whole seconds, for `level`'s next rejection: 1 for a level with no drops. */
  readonly retryAfter: (level: string) => number
}

interface SecondCount {
  readonly unix: number
  readonly requests: number
}

interface LevelDrops {
  history: SecondCount[]
  currentUnix: number
  currentCount: number
  retryAfter: number
  lastIncreaseUnix: number
}

/**
 * Makes a tracker over `clock`. Retry-After starts at 1 s. When a level's first drop of a new second is
 * recorded, the drops of the previous `retryAfter` seconds decide: at least 3 × retryAfter doubles it (up to
 * 32, and at most once per retryAfter seconds), fewer than retryAfter lowers it by one, as TCP backs off.
 * @example
 * const drops = newDroppedRequestsTracker(systemClock)
 * drops.recordDroppedRequest('workload-low')
 * const header = String(drops.retryAfter('workload-low'))
 */
export const newDroppedRequestsTracker = (clock: Clock): DroppedRequestsTracker => {
  const levels = new Map<string, LevelDrops>()
  const recordDroppedRequest = (level: string): void => {
    const unix = Math.floor(clock.now() / 1000)
    let s = levels.get(level)
    if (s === undefined) {
      s = { history: [], currentUnix: 0, currentCount: 0, retryAfter: 1, lastIncreaseUnix: 0 }
      levels.set(level, s)
    }
    if (s.currentUnix === unix) {
      s.currentCount++
      return
    }
    pushSecond(s, { unix: s.currentUnix, requests: s.currentCount })
    s.currentUnix = unix
    s.currentCount = 1
    adjust(s, unix)
  }
  return { recordDroppedRequest, retryAfter: (level) => levels.get(level)?.retryAfter ?? 1 }
}

// Keeps the seconds that can still count: no older than the longest Retry-After.
const pushSecond = (s: LevelDrops, second: SecondCount): void => {
  s.history.push(second)
  const keepFrom = s.history.findIndex((h) => second.unix - h.unix <= maxRetryAfterSeconds)
  if (keepFrom > 0) s.history = s.history.slice(keepFrom)
}

// Counts the drops in [unix − retryAfter, unix) and moves retryAfter.
const adjust = (s: LevelDrops, unix: number): void => {
  let dropped = 0
  for (let i = s.history.length - 1; i >= 0; i--) {
    const h = s.history[i]!
    if (unix - h.unix > s.retryAfter) break
    dropped += h.requests // the history holds only seconds before this one
  }
  if (unix - s.lastIncreaseUnix >= s.retryAfter && dropped >= 3 * s.retryAfter) {
    s.retryAfter = Math.min(2 * s.retryAfter, maxRetryAfterSeconds)
    s.lastIncreaseUnix = unix
  } else if (dropped < s.retryAfter && s.retryAfter > 1) {
    s.retryAfter--
  }
}
