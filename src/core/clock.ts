/** Cancels a scheduled callback. */
export type Cancel = () => void

/** Time for pure code: injected at build time so specs can use a fake clock. */
export interface Clock {
  /** Milliseconds since the epoch. */
  readonly now: () => number
  /** Calls `cb` after `ms` milliseconds unless cancelled. */
  readonly setTimer: (cb: () => void, ms: number) => Cancel
}

/** The real clock (`Date.now`, `setTimeout`); timers do not keep the process alive. */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimer: (cb, ms) => {
    const t = setTimeout(cb, ms)
    t.unref()
    return () => clearTimeout(t)
  },
}
