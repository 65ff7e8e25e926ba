import type { Cancel, Clock } from '../core/clock.js'

/** How often upstream's watch cache sends a BOOKMARK to a watcher that allows them. */
export const bookmarkPeriodDefaultMs = 60_000

/** When a watch ends and how often it is sent bookmarks (`undefined`: never). */
export interface WatchTimes {
  readonly timeoutMs: number | undefined
  readonly bookmarkPeriodMs: number | undefined
}

/**
 * How long a watch runs, as upstream's list handler decides: `timeoutSeconds` when set and not 0
 * (a negative one ends the watch at once); else, with a minimum request timeout, that many seconds
 * times a random factor in [1, 2), so watches started together do not all end together; else never.
 * @example
 * watchTimeoutMs(undefined, 1800, Math.random) // between 30 and 60 minutes
 */
export const watchTimeoutMs = (
  timeoutSeconds: number | undefined,
  minRequestTimeoutSeconds: number | undefined,
  random: () => number,
): number | undefined => {
  if (timeoutSeconds !== undefined && timeoutSeconds !== 0) return Math.max(0, timeoutSeconds * 1000)
  if (minRequestTimeoutSeconds === undefined || minRequestTimeoutSeconds <= 0) return undefined
  return Math.floor(minRequestTimeoutSeconds * 1000 * (random() + 1))
}

/**
 * Arms a watch's timers on `clock`: `onTimeout` once at the timeout, `onBookmark` every period until
 * then. Answers the cancel that stops both; a watch calls it on every way it ends.
 * @example
 * const queue = newEventQueue(watchBoundsDefaults, () => stop())
 * const bookmark = (): void => void queue.push(Buffer.from('{"type":"BOOKMARK",...}\n'))
 * const stop = scheduleWatchTimers(clock, { timeoutMs: 30_000, bookmarkPeriodMs: 60_000 }, { onTimeout: queue.close, onBookmark: bookmark })
 */
export const scheduleWatchTimers = (
  clock: Clock,
  times: WatchTimes,
  on: { readonly onTimeout: () => void; readonly onBookmark: () => void },
): Cancel => {
  let stopped = false
  let cancelBookmark: Cancel = noop
  const period = times.bookmarkPeriodMs
  const arm = (): void => {
    if (period === undefined || period <= 0) return
    cancelBookmark = clock.setTimer(() => {
      if (stopped) return
      on.onBookmark()
      arm()
    }, period)
  }
  const stop = (): void => {
    stopped = true
    cancelBookmark()
    cancelTimeout()
  }
  const cancelTimeout =
    times.timeoutMs === undefined
      ? noop
      : longTimer(
          clock,
          () => {
            stop()
            on.onTimeout()
          },
          times.timeoutMs,
        )
  arm()
  return stop
}

/** The longest delay a Node timer keeps (2^31 - 1 ms, about 24.8 days); a longer one fires at once. */
export const maxTimerMs = 2 ** 31 - 1

/** A timer of any length on `clock`, as a chain of timers no longer than `maxTimerMs`; answers its cancel. */
const longTimer = (clock: Clock, cb: () => void, ms: number): Cancel => {
  let cancel: Cancel = noop
  const wait = (left: number): void => {
    cancel = clock.setTimer(left > maxTimerMs ? () => wait(left - maxTimerMs) : cb, Math.min(left, maxTimerMs))
  }
  wait(ms)
  return () => cancel()
}

const noop = (): void => undefined
