import * as O from 'fp-ts/lib/Option.js'

/**
 * A rate limiter by reservation (golang.org/x/time/rate's `Limiter.Wait` without the sleeping): each
 * `reserve` takes one token and says how long to wait for it, in milliseconds from `nowMs`; `none` when
 * that would be longer than `maxWaitMs` (then nothing is taken, as `Wait` fails at once on a context
 * whose deadline comes first).
 */
export interface RateLimiter {
  readonly reserve: (nowMs: number, maxWaitMs: number) => O.Option<number>
}

/**
 * A token bucket refilled at `ratePerSecond`, holding at most `burst` tokens, full at the start.
 * Reservations queue: tokens may go negative, so the n-th reservation at one instant waits
 * `(n - burst) / rate`. Waits are rounded up to whole milliseconds.
 * @example
 * const limiter = newTokenBucket(200, 1)
 * limiter.reserve(0, 1000) // some(0)
 * limiter.reserve(0, 1000) // some(5)
 */
export const newTokenBucket = (ratePerSecond: number, burst: number): RateLimiter => {
  let tokens = burst
  let last: number | undefined
  const reserve = (nowMs: number, maxWaitMs: number): O.Option<number> => {
    if (burst < 1) return O.none
    if (ratePerSecond === Infinity) return O.some(0)
    const refill = last === undefined ? burst : (Math.max(0, nowMs - last) * ratePerSecond) / 1000
    const left = Math.min(burst, tokens + refill) - 1
    const waitMs = left >= 0 ? 0 : ratePerSecond > 0 ? Math.ceil((-left * 1000) / ratePerSecond - 1e-9) : Infinity
    if (waitMs > maxWaitMs) return O.none
    tokens = left
    last = last === undefined ? nowMs : Math.max(last, nowMs)
    return O.some(waitMs)
  }
  return { reserve }
}
