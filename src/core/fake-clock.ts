import type { Cancel, Clock } from './clock.js'

/** A clock that moves only when told to; timers fire in due order during `advance`. */
export interface FakeClock extends Clock {
  /** Moves time forward by `ms`, firing every timer that falls due, earliest first. */
  readonly advance: (ms: number) => void
  /** Timers scheduled and not yet fired or cancelled. */
  readonly pending: () => number
}

interface Timer {
  readonly at: number
  readonly seq: number
  readonly cb: () => void
}

/** Makes a fake clock starting at `start` milliseconds. */
export const fakeClock = (start = 0): FakeClock => {
  let now = start
  let seq = 0
  let timers: Timer[] = []
  const setTimer = (cb: () => void, ms: number): Cancel => {
    const timer: Timer = { at: now + Math.max(0, ms), seq: seq++, cb }
    timers.push(timer)
    return () => {
      timers = timers.filter((t) => t !== timer)
    }
  }
  const advance = (ms: number): void => {
    const until = now + ms
    for (;;) {
      const due = timers.filter((t) => t.at <= until).sort((a, b) => a.at - b.at || a.seq - b.seq)[0]
      if (due === undefined) break
      timers = timers.filter((t) => t !== due)
      now = due.at
      due.cb()
    }
    now = until
  }
  return { now: () => now, setTimer, advance, pending: () => timers.length }
}
