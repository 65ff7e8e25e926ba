import type { PriorityLevelConfiguration, PriorityLevelConfigurationSpec } from './flowcontrol-types.js'
import { flowcontrolV1 } from './flowcontrol-types.js'

/** The annotation upstream's bootstrap objects carry: the server keeps their spec up to date. */
export const autoUpdateAnnotation = 'apf.kubernetes.io/autoupdate-spec'

const level = (name: string, spec: PriorityLevelConfigurationSpec): PriorityLevelConfiguration => ({
  kind: 'PriorityLevelConfiguration',
  apiVersion: flowcontrolV1,
  metadata: { name, annotations: { [autoUpdateAnnotation]: 'true' } },
  spec,
})

const queuing = (name: string, shares: number, lendable: number, queues: number, handSize: number): PriorityLevelConfiguration =>
  level(name, {
    type: 'Limited',
    limited: {
      nominalConcurrencyShares: shares,
      lendablePercent: lendable,
      limitResponse: { type: 'Queue', queuing: { queues, handSize, queueLengthLimit: 50 } },
    },
  })

/** Level `exempt`: requests of its schemas are never queued or limited. */
export const exemptPriorityLevel = level('exempt', { type: 'Exempt', exempt: { nominalConcurrencyShares: 0, lendablePercent: 0 } })

/** Level `catch-all`: 5 shares, lends none, rejects when full. */
export const catchAllPriorityLevel = level('catch-all', {
  type: 'Limited',
  limited: { nominalConcurrencyShares: 5, lendablePercent: 0, limitResponse: { type: 'Reject' } },
})

/** Upstream's mandatory levels (`bootstrap.MandatoryPriorityLevelConfigurations`): the server always has them as given. */
export const mandatoryPriorityLevels: ReadonlyArray<PriorityLevelConfiguration> = [catchAllPriorityLevel, exemptPriorityLevel]

/**
 * Upstream's suggested levels (`bootstrap.SuggestedPriorityLevelConfigurations`), as nominal shares /
 * lendable % / queues / hand size, each with 50 requests a queue: system 30/33/64/6, node-high 40/25/64/6,
 * leader-election 10/0/16/4, workload-high 40/50/128/6, workload-low 100/90/128/6, global-default 20/50/128/6.
 */
export const suggestedPriorityLevels: ReadonlyArray<PriorityLevelConfiguration> = [
  queuing('system', 30, 33, 64, 6),
  queuing('node-high', 40, 25, 64, 6),
  queuing('leader-election', 10, 0, 16, 4),
  queuing('workload-high', 40, 50, 128, 6),
  queuing('workload-low', 100, 90, 128, 6),
  queuing('global-default', 20, 50, 128, 6),
]
