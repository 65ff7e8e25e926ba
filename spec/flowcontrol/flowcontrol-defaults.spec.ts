import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { defaultFlowSchema, defaultPriorityLevel, flowcontrolDefaults } from '../../src/flowcontrol/flowcontrol-defaults.js'
import type { FlowSchema, PriorityLevelConfiguration } from '../../src/flowcontrol/flowcontrol-types.js'
import { flowSchemaDoc, levelDoc } from './fixtures.js'

const defaults = suite('flowcontrol defaults')

defaults("upstream's v1 values", () => {
  assert.equal(flowcontrolDefaults, {
    matchingPrecedence: 1000,
    nominalConcurrencyShares: 30,
    lendablePercent: 0,
    exemptNominalConcurrencyShares: 0,
    queues: 64,
    handSize: 8,
    queueLengthLimit: 50,
  })
})

defaults('a zero matchingPrecedence is unset, as Go cannot tell them apart', () => {
  const fs = defaultFlowSchema(flowSchemaDoc('a', { matchingPrecedence: 0 }) as unknown as FlowSchema)
  assert.is(fs.spec.matchingPrecedence, 1000)
})

defaults('zero queuing values are unset; a rejecting level gets no queuing', () => {
  const queued = defaultPriorityLevel(
    levelDoc('p', {
      limitResponse: { type: 'Queue', queuing: { queues: 0, handSize: 3, queueLengthLimit: 0 } },
    }) as unknown as PriorityLevelConfiguration,
  )
  assert.equal(queued.spec.limited?.limitResponse.queuing, { queues: 64, handSize: 3, queueLengthLimit: 50 })
  const rejecting = defaultPriorityLevel(levelDoc('p', { limitResponse: { type: 'Reject' } }) as unknown as PriorityLevelConfiguration)
  assert.equal(rejecting.spec.limited?.limitResponse, { type: 'Reject' })
})

defaults('an exempt level keeps given exempt values', () => {
  const pl = defaultPriorityLevel({
    ...levelDoc('exempt'),
    spec: { type: 'Exempt', exempt: { lendablePercent: 5 } },
  } as unknown as PriorityLevelConfiguration)
  assert.equal(pl.spec.exempt, { nominalConcurrencyShares: 0, lendablePercent: 5 })
})

defaults.run()
