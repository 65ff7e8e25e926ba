import type { Cancel, Clock } from '../core/clock.js'
import { borrowingAdjustmentPeriodMs, type LevelState, rebalanceLimits } from './borrowing.js'
import { type LevelLimits, type LevelShares, nominalLimits } from './concurrency-limits.js'
import { newSeatDemandIntegrator, noSeatDemand, type SeatDemandIntegrator } from './seat-demand.js'

/** A level's limits now, for dumps, metrics and queue sets. */
export interface CurrentLimit extends LevelLimits {
  readonly currentCL: number
}

/** Owns the levels' concurrency limits: nominal shares, seat demand, and the periodic lending and borrowing. */
export interface ConcurrencyController {
  /** Every level's limits, in the order the levels were given. */
  readonly limits: () => ReadonlyArray<CurrentLimit>
  /** Where a level's queue set reports its seat demand (its `onSeatDemand`); undefined for an unknown level. */
  readonly seatDemandOf: (level: string) => ((seats: number) => void) | undefined
  /** Rebalances now; answers the new limits and the error that kept the old ones, if any. */
  readonly rebalance: () => { readonly limits: ReadonlyArray<CurrentLimit>; readonly error: string | undefined }
  /** Rebalances every `periodMs` (default 10 s, as upstream) and hands each result to `apply`; cancel stops it. */
  readonly start: (apply: (limits: ReadonlyArray<CurrentLimit>, error: string | undefined) => void, periodMs?: number) => Cancel
}

/**
 * Makes the controller for `levels` sharing `serverCL` seats. Like upstream on a new configuration, it
 * rebalances once at once, so the first limits already lend the seats of levels that have shown no demand.
 * @example
 * const levels = [{ name: 'workload-low', nominalConcurrencyShares: 100, lendablePercent: 90, borrowingLimitPercent: undefined }]
 * const queueSets = new Map<string, QueueSet>()
 * const ctl = newConcurrencyController(systemClock, serverConcurrencyLimit(400, 200), levels)
 * const stop = ctl.start((limits) => limits.forEach((l) => queueSets.get(l.name)?.setConcurrencyLimit(l.currentCL)))
 */
export const newConcurrencyController = (clock: Clock, serverCL: number, levels: ReadonlyArray<LevelShares>): ConcurrencyController => {
  const limits = nominalLimits(serverCL, levels)
  const nominalCLSum = limits.reduce((sum, l) => sum + l.nominalCL, 0)
  const integrators = new Map<string, SeatDemandIntegrator>(limits.map((l) => [l.name, newSeatDemandIntegrator(clock)]))
  let states: ReadonlyArray<LevelState> = limits.map((l) => ({ limits: l, stats: noSeatDemand, currentCL: l.initialCL }))
  const current = (): ReadonlyArray<CurrentLimit> => states.map((s) => ({ ...s.limits, currentCL: s.currentCL }))
  const rebalance = () => {
    const periods = states.map((s) => integrators.get(s.limits.name)!.reset())
    const next = rebalanceLimits(nominalCLSum, states, periods)
    states = next.levels
    return { limits: current(), error: next.error }
  }
  rebalance()
  const start = (
    apply: (limits: ReadonlyArray<CurrentLimit>, error: string | undefined) => void,
    periodMs = borrowingAdjustmentPeriodMs,
  ): Cancel => {
    let cancel: Cancel = () => {}
    const tick = (): void => {
      const { limits: next, error } = rebalance()
      cancel = clock.setTimer(tick, periodMs)
      apply(next, error)
    }
    cancel = clock.setTimer(tick, periodMs)
    return () => cancel()
  }
  return { limits: current, seatDemandOf: (level) => integrators.get(level)?.set, rebalance, start }
}
