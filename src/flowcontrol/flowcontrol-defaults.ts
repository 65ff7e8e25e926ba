import type { FlowSchema, PriorityLevelConfiguration, QueuingConfiguration } from './flowcontrol-types.js'

/** Upstream's v1 defaults (`pkg/apis/flowcontrol/v1/defaults.go`), in one record. */
export const flowcontrolDefaults = {
  matchingPrecedence: 1000,
  nominalConcurrencyShares: 30,
  lendablePercent: 0,
  exemptNominalConcurrencyShares: 0,
  queues: 64,
  handSize: 8,
  queueLengthLimit: 50,
} as const

/** A FlowSchema with upstream's defaults: an unset or zero `matchingPrecedence` is 1000. */
export const defaultFlowSchema = (fs: FlowSchema): FlowSchema => ({
  ...fs,
  spec: { ...fs.spec, matchingPrecedence: fs.spec.matchingPrecedence || flowcontrolDefaults.matchingPrecedence },
})

/**
 * A PriorityLevelConfiguration with upstream's defaults: a limited level has 30 nominal shares and 0%
 * lendable unless set, a queuing level's unset or zero queues, hand size and queue length limit are 64, 8
 * and 50; an exempt level gets `exempt: { nominalConcurrencyShares: 0, lendablePercent: 0 }` filled in.
 */
export const defaultPriorityLevel = (pl: PriorityLevelConfiguration): PriorityLevelConfiguration => {
  const { limited, exempt } = pl.spec
  const spec = { ...pl.spec }
  if (limited !== undefined) {
    const { queuing } = limited.limitResponse
    spec.limited = {
      ...limited,
      nominalConcurrencyShares: limited.nominalConcurrencyShares ?? flowcontrolDefaults.nominalConcurrencyShares,
      lendablePercent: limited.lendablePercent ?? flowcontrolDefaults.lendablePercent,
      limitResponse: queuing === undefined ? limited.limitResponse : { ...limited.limitResponse, queuing: defaultQueuing(queuing) },
    }
  }
  if (pl.spec.type === 'Exempt')
    spec.exempt = {
      ...exempt,
      nominalConcurrencyShares: exempt?.nominalConcurrencyShares ?? flowcontrolDefaults.exemptNominalConcurrencyShares,
      lendablePercent: exempt?.lendablePercent ?? flowcontrolDefaults.lendablePercent,
    }
  return { ...pl, spec }
}

const defaultQueuing = (q: QueuingConfiguration): QueuingConfiguration => ({
  queues: q.queues || flowcontrolDefaults.queues,
  handSize: q.handSize || flowcontrolDefaults.handSize,
  queueLengthLimit: q.queueLengthLimit || flowcontrolDefaults.queueLengthLimit,
})
