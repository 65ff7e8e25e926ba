import * as E from 'fp-ts/lib/Either.js'
import type { Cancel, Clock } from '../core/clock.js'
import type { Logger } from '../core/logger.js'
import type { ApfState, RunningLevel } from './apf-state.js'
import { catchAllPriorityLevel, exemptPriorityLevel } from './bootstrap-priority-levels.js'
import { type Classifier, classifier } from './classify-request.js'
import { type CurrentLimit, newConcurrencyController } from './concurrency-controller.js'
import type { LevelShares } from './concurrency-limits.js'
import { type DroppedRequestsTracker, newDroppedRequestsTracker } from './dropped-requests-tracker.js'
import type { FlowcontrolConfig } from './flowcontrol-config.js'
import type { PriorityLevelConfiguration } from './flowcontrol-types.js'
import { type LimitResponse, newQueueSet } from './queue-set.js'
import { maxSeatsForLevel } from './work-estimate.js'

/** A running level with what the filter needs beyond the dumps' contract. */
export interface ApfLevel extends RunningLevel {
  /** The widest request the level allows, in seats (upstream's per-level maximum). */
  readonly maxSeats: number
}

/**
 * The running API Priority and Fairness system: the state the dumps and metrics read, the classifier the
 * filter uses, each level's Retry-After, and the concurrency controller's rebalancing.
 */
export interface ApfRuntime extends ApfState {
  readonly levels: ReadonlyMap<string, ApfLevel>
  readonly classify: Classifier
  readonly drops: DroppedRequestsTracker
  /** Rebalances the levels' limits every 10 s (upstream's borrowing period) until the returned cancel runs. */
  readonly start: () => Cancel
}

/** What the runtime needs from outside. */
export interface ApfRuntimeDeps {
  readonly clock: Clock
  /** Where a rebalancing that kept the old limits is reported. */
  readonly log?: Logger
}

/**
 * Makes the running system for `served` (the stamped objects the API serves, so response headers carry
 * their uids) sharing `serverCL` seats (`serverConcurrencyLimit(maxRequestsInflight,
 * maxMutatingRequestsInflight)`): one queue set per priority level (the mandatory `exempt` and `catch-all`
 * supplied when missing), the concurrency controller's first limits, and a Retry-After tracker. Left: a
 * level's queuing that shuffle sharding cannot deal (validation refuses such a file before).
 * @example
 * import { bootstrapFlowcontrolConfig, serverConcurrencyLimit, servedFlowcontrolObjects } from 'kubechain/flowcontrol'
 *
 * const served = servedFlowcontrolObjects(bootstrapFlowcontrolConfig, { now: clock.now, newId: () => crypto.randomUUID() })
 * const apf = newApfRuntime(served, serverConcurrencyLimit(400, 200), { clock })
 * if (E.isRight(apf)) apf.right.start()() // rebalancing started, then stopped
 */
export const newApfRuntime = (served: FlowcontrolConfig, serverCL: number, deps: ApfRuntimeDeps): E.Either<string, ApfRuntime> => {
  const configs = levelConfigs(served)
  const controller = newConcurrencyController(deps.clock, serverCL, configs.map(sharesOf))
  const current = new Map(controller.limits().map((l) => [l.name, l]))
  const levels = new Map<string, ApfLevel>()
  for (const config of configs) {
    const limit = current.get(config.metadata.name)!
    const onSeatDemand = controller.seatDemandOf(config.metadata.name)
    const response = limitResponseOf(config)
    const qs = newQueueSet(
      response,
      limit.currentCL,
      onSeatDemand === undefined ? { clock: deps.clock } : { clock: deps.clock, onSeatDemand },
    )
    if (E.isLeft(qs)) return E.left(`priority level ${JSON.stringify(config.metadata.name)}: ${qs.left}`)
    const handSize = response._tag === 'Queue' ? response.handSize : 1
    levels.set(config.metadata.name, {
      config,
      queueSet: qs.right,
      nominalLimit: limit.nominalCL,
      currentLimit: () => current.get(config.metadata.name)?.currentCL ?? limit.currentCL,
      maxSeats: maxSeatsForLevel(limit.nominalCL, handSize),
    })
  }
  const apply = (limits: ReadonlyArray<CurrentLimit>, error: string | undefined): void => {
    if (error !== undefined) deps.log?.({ level: 'error', msg: 'unable to derive new concurrency limits', fields: { error } })
    for (const l of limits) {
      current.set(l.name, l)
      levels.get(l.name)?.queueSet.setConcurrencyLimit(l.currentCL)
    }
  }
  return E.right({
    config: served,
    levels,
    classify: classifier(served),
    drops: newDroppedRequestsTracker(deps.clock),
    start: () => controller.start(apply),
  })
}

/** The configuration's levels, with the mandatory ones the classifier supplies when missing. */
const levelConfigs = (served: FlowcontrolConfig): ReadonlyArray<PriorityLevelConfiguration> => {
  const names = new Set(served.priorityLevels.map((pl) => pl.metadata.name))
  const missing = [exemptPriorityLevel, catchAllPriorityLevel].filter((pl) => !names.has(pl.metadata.name))
  return [...served.priorityLevels, ...missing]
}

/** A level's shares with upstream's v1 defaults (30 shares for a limited level, 0 for the exempt one). */
const sharesOf = (pl: PriorityLevelConfiguration): LevelShares =>
  pl.spec.type === 'Exempt'
    ? {
        name: pl.metadata.name,
        nominalConcurrencyShares: pl.spec.exempt?.nominalConcurrencyShares ?? 0,
        lendablePercent: pl.spec.exempt?.lendablePercent ?? 0,
        borrowingLimitPercent: undefined,
      }
    : {
        name: pl.metadata.name,
        nominalConcurrencyShares: pl.spec.limited?.nominalConcurrencyShares ?? 30,
        lendablePercent: pl.spec.limited?.lendablePercent ?? 0,
        borrowingLimitPercent: pl.spec.limited?.borrowingLimitPercent,
      }

/** The queue set's shape of a level, with upstream's queuing defaults (64 queues, hand of 8, 50 a queue). */
const limitResponseOf = (pl: PriorityLevelConfiguration): LimitResponse => {
  if (pl.spec.type === 'Exempt') return { _tag: 'Exempt' }
  const response = pl.spec.limited?.limitResponse
  if (response === undefined || response.type === 'Reject') return { _tag: 'Reject' }
  const q = response.queuing ?? {}
  return { _tag: 'Queue', queues: q.queues ?? 64, handSize: q.handSize ?? 8, queueLengthLimit: q.queueLengthLimit ?? 50 }
}
