import * as O from 'fp-ts/lib/Option.js'
import type { Cancel, Clock } from '../core/clock.js'
import { type RequestWaitGroup, addRefused, added } from './safe-wait-group.js'
import { type RateLimiter, newTokenBucket } from './token-bucket.js'

/** What `wait` paces and bounds the drain with: a limiter for `done` calls and a hard timeout. */
export interface DrainLimits {
  readonly limiter: RateLimiter
  /** The drain gives up after this many milliseconds. */
  readonly timeoutMs: number
}

/** Makes the drain limits from the number of requests in the group when `wait` starts. */
export type RateLimiterFactory = (count: number) => DrainLimits

/** How a drain went: requests counted when `wait` started, requests not done when it returned, and why it gave up. */
export interface DrainResult {
  readonly before: number
  readonly after: number
  /** `some('context deadline exceeded')` when the hard timeout ended the wait. */
  readonly error: O.Option<string>
}

/** Upstream `RateLimitedSafeWaitGroup`: a SafeWaitGroup whose drain releases `done` calls at a limited rate. */
export interface RateLimitedSafeWaitGroup extends RequestWaitGroup {
  /** Closes the group to `add`, paces later `done`s and resolves when all passed the limiter or at the hard timeout. */
  readonly wait: (factory: RateLimiterFactory) => Promise<DrainResult>
  /** Requests counted and not yet done. */
  readonly count: () => number
}

interface Drain {
  readonly limiter: RateLimiter
  readonly deadline: number
  readonly before: number
  /** Timers of the `done` calls held by the limiter. */
  readonly paced: Set<Cancel>
  readonly resolve: (result: DrainResult) => void
  readonly result: Promise<DrainResult>
  cancelTimeout: Cancel
}

const deadlineExceeded = O.some('context deadline exceeded')
const noop: Cancel = () => undefined

/**
 * Makes a RateLimitedSafeWaitGroup on `clock`. A `done` during a drain counts at once but is held
 * (it still occupies the group) until the limiter grants it a token; at the hard timeout every held
 * `done` is let through. After a drain ended, `done` is not paced. A second `wait` during a drain joins it.
 * Port note: upstream's `Done` blocks the calling goroutine (so a watch handler returns later); here
 * `done` runs from a response finalizer and cannot block, so pacing delays the drain's accounting,
 * not the end of the response.
 * @example
 * const wg = newRateLimitedSafeWaitGroup(deps.clock)
 * const { before, after, error } = await wg.wait(watchDrainLimits(30_000))
 */
export const newRateLimitedSafeWaitGroup = (clock: Clock): RateLimitedSafeWaitGroup => {
  let count = 0
  let held = 0
  let waiting = false
  let drain: Drain | undefined

  const finish = (d: Drain, error: O.Option<string>): void => {
    d.cancelTimeout()
    for (const cancel of d.paced) cancel()
    held -= d.paced.size
    d.paced.clear()
    drain = undefined
    d.resolve({ before: d.before, after: count, error })
  }
  const settle = (): void => {
    if (drain !== undefined && count + held === 0) finish(drain, O.none)
  }
  const pace = (d: Drain): void => {
    const now = clock.now()
    const delay = d.limiter.reserve(now, d.deadline - now)
    if (O.isNone(delay) || delay.value <= 0) return settle()
    held += 1
    let cancel = noop
    cancel = clock.setTimer(() => {
      d.paced.delete(cancel)
      held -= 1
      settle()
    }, delay.value)
    d.paced.add(cancel)
  }
  const done = (): void => {
    if (count === 0) throw new Error('negative wait group counter')
    count -= 1
    if (drain !== undefined) pace(drain)
  }
  const wait = (factory: RateLimiterFactory): Promise<DrainResult> => {
    waiting = true
    if (drain !== undefined) return drain.result
    const d = startDrain(clock, factory(count), count)
    drain = d
    if (count + held === 0) finish(d, O.none)
    else if (d.deadline <= clock.now()) finish(d, deadlineExceeded)
    else d.cancelTimeout = clock.setTimer(() => finish(d, deadlineExceeded), d.deadline - clock.now())
    return d.result
  }
  return {
    add: () => {
      if (waiting) return addRefused
      count += 1
      return added
    },
    done,
    wait,
    count: () => count,
  }
}

const startDrain = (clock: Clock, limits: DrainLimits, before: number): Drain => {
  let resolve: (result: DrainResult) => void = () => undefined
  const result = new Promise<DrainResult>((r) => (resolve = r))
  return {
    limiter: limits.limiter,
    deadline: clock.now() + limits.timeoutMs,
    before,
    paced: new Set(),
    resolve,
    result,
    cancelTimeout: noop,
  }
}

/**
 * Upstream's watch drain (`RunWithContext` step 12): rate max(count / grace seconds, 200) per second,
 * burst 1, hard timeout = the grace period.
 * @example
 * const watches = newRateLimitedSafeWaitGroup(clock)
 * await watches.wait(watchDrainLimits(cfg.shutdownWatchTerminationGracePeriod))
 */
export const watchDrainLimits =
  (gracePeriodMs: number): RateLimiterFactory =>
  (count) => ({
    limiter: newTokenBucket(Math.max(count / (gracePeriodMs / 1000), 200), 1),
    timeoutMs: gracePeriodMs,
  })
