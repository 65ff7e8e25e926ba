import * as E from 'fp-ts/lib/Either.js'
import { computeConcurrencyAllocation } from './concurrency-allocation.js'
import type { LevelLimits } from './concurrency-limits.js'
import { type IntegratorResults, type SeatDemandStats, updateSeatDemandStats } from './seat-demand.js'

/** How often levels lend and borrow seats anew (upstream `borrowingAdjustmentPeriod`). */
export const borrowingAdjustmentPeriodMs = 10_000

/** A level between rebalancings: its fixed limits, its demand so far, and the limit it has now. */
export interface LevelState {
  readonly limits: LevelLimits
  readonly stats: SeatDemandStats
  readonly currentCL: number
}

/** The levels after a rebalancing, the fair proportion used, and why the previous limits were kept, if they were. */
export interface Rebalanced {
  readonly levels: ReadonlyArray<LevelState>
  readonly fairProp: number
  readonly error: string | undefined
}

/**
 * One rebalancing (upstream `updateBorrowingLocked`): folds each level's last period of seat demand into its
 * stats, then shares the sum of nominal limits out again. A level keeps at least its own limit less what it
 * lends, and at least as much of its nominal limit as its demand reached; it aims for its smoothed demand;
 * it never exceeds its nominal limit plus what it may borrow. When no allocation satisfies the bounds, every
 * level keeps its current limit and the error says why.
 */
export const rebalanceLimits = (
  nominalCLSum: number,
  levels: ReadonlyArray<LevelState>,
  periods: ReadonlyArray<IntegratorResults>,
): Rebalanced => {
  const updated = levels.map((l, i) => ({ ...l, stats: updateSeatDemandStats(l.stats, periods[i]!) }))
  const items = updated.map(({ limits, stats }) => {
    const lowerBound = Math.max(limits.minCL, Math.min(limits.nominalCL, stats.highWatermark))
    return { lowerBound, upperBound: limits.maxCL, target: Math.max(lowerBound, stats.smoothed) }
  })
  const allocation = computeConcurrencyAllocation(nominalCLSum, items)
  if (E.isLeft(allocation)) return { levels: updated, fairProp: 0, error: allocation.left }
  return {
    levels: updated.map((l, i) => ({ ...l, currentCL: Math.round(allocation.right.allocs[i]!) })),
    fairProp: allocation.right.fairProp,
    error: undefined,
  }
}
