import type { Clock } from '../core/clock.js'

/** What a seat-demand integrator saw over one period (upstream `fairqueuing.IntegratorResults`). */
export interface IntegratorResults {
  readonly durationMs: number
  /** Time-weighted mean of the demand; 0 over an empty period. */
  readonly average: number
  /** Time-weighted standard deviation of the demand; 0 over an empty period. */
  readonly deviation: number
  readonly max: number
}

/** Integrates a level's seat demand (seats in use plus seats waiting) over time. */
export interface SeatDemandIntegrator {
  /** The demand is `seats` from now on. */
  readonly set: (seats: number) => void
  /** Ends the period: its results, and a new period starting at the current demand. */
  readonly reset: () => IntegratorResults
}

/**
 * Makes an integrator over `clock`, starting at demand 0.
 * @example
 * const demand = newSeatDemandIntegrator(systemClock)
 * const queues = newQueueSet({ _tag: 'Queue', queues: 64, handSize: 6, queueLengthLimit: 50 }, 30, { clock: systemClock, onSeatDemand: demand.set })
 */
export const newSeatDemandIntegrator = (clock: Clock): SeatDemandIntegrator => {
  let x = 0
  let last = clock.now()
  let start = last
  let max = 0
  let sum1 = 0
  let sum2 = 0
  const advance = (): void => {
    const now = clock.now()
    const dt = now - last
    sum1 += x * dt
    sum2 += x * x * dt
    last = now
  }
  return {
    set: (seats) => {
      advance()
      x = seats
      if (seats > max) max = seats
    },
    reset: () => {
      advance()
      const durationMs = last - start
      const average = durationMs > 0 ? sum1 / durationMs : 0
      const variance = durationMs > 0 ? sum2 / durationMs - average * average : 0
      const out = { durationMs, average, deviation: Math.sqrt(Math.max(0, variance)), max }
      start = last
      sum1 = 0
      sum2 = 0
      max = x
      return out
    },
  }
}

/** A level's seat demand as the borrowing rebalancer sees it (upstream `seatDemandStats`). */
export interface SeatDemandStats {
  readonly avg: number
  readonly stdDev: number
  readonly highWatermark: number
  readonly smoothed: number
}

/** No demand seen yet. */
export const noSeatDemand: SeatDemandStats = { avg: 0, stdDev: 0, highWatermark: 0, smoothed: 0 }

/** The weight the smoothed demand keeps per period: its half-life is 5 minutes of 10-second periods (upstream). */
export const seatDemandSmoothing = 0.977

/**
 * Folds one period into the stats: the high watermark is the period's maximum; the envelope is mean plus
 * standard deviation; the smoothed demand follows the envelope up at once and decays towards it slowly.
 */
export const updateSeatDemandStats = (prev: SeatDemandStats, obs: IntegratorResults): SeatDemandStats => {
  if (obs.durationMs <= 0) return { ...prev, highWatermark: obs.max }
  const envelope = obs.average + obs.deviation
  const smoothed = Math.max(envelope, seatDemandSmoothing * prev.smoothed + (1 - seatDemandSmoothing) * envelope)
  return { avg: obs.average, stdDev: obs.deviation, highWatermark: obs.max, smoothed }
}
