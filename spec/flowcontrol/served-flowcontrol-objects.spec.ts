import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { bootstrapFlowcontrolConfig } from '../../src/flowcontrol/flowcontrol-config.js'
import { defaultFlowSchema } from '../../src/flowcontrol/flowcontrol-defaults.js'
import type { FlowSchema } from '../../src/flowcontrol/flowcontrol-types.js'
import { servedFlowcontrolObjects } from '../../src/flowcontrol/served-flowcontrol-objects.js'
import { flowSchemaDoc } from './fixtures.js'

const ids = () => {
  let n = 0
  return () => `uid-${++n}`
}
const at = Date.UTC(2024, 0, 2, 3, 4, 5, 678)

const served = suite('servedFlowcontrolObjects')

served('stamps every object with a uid, its creation time (whole seconds), resourceVersion 1 and generation 1', () => {
  const s = servedFlowcontrolObjects(bootstrapFlowcontrolConfig, { now: () => at, newId: ids() })
  const all = [...s.flowSchemas, ...s.priorityLevels]
  assert.is(all.length, 19)
  assert.is(new Set(all.map((o) => o.metadata.uid)).size, 19)
  assert.ok(
    all.every(
      (o) => o.metadata.creationTimestamp === '2024-01-02T03:04:05Z' && o.metadata.resourceVersion === '1' && o.metadata.generation === 1,
    ),
  )
})

served('sorts by name, as a list returns them', () => {
  const s = servedFlowcontrolObjects(bootstrapFlowcontrolConfig, { now: () => at, newId: ids() })
  assert.equal(
    s.priorityLevels.map((o) => o.metadata.name),
    ['catch-all', 'exempt', 'global-default', 'leader-election', 'node-high', 'system', 'workload-high', 'workload-low'],
  )
  assert.is(s.flowSchemas[0]?.metadata.name, 'catch-all')
})

served("writes each FlowSchema's Dangling condition as upstream's config controller", () => {
  const dangling = defaultFlowSchema(flowSchemaDoc('lost', { priorityLevelConfiguration: { name: 'nowhere' } }) as unknown as FlowSchema)
  const s = servedFlowcontrolObjects(
    { ...bootstrapFlowcontrolConfig, flowSchemas: [...bootstrapFlowcontrolConfig.flowSchemas, dangling] },
    { now: () => at, newId: ids() },
  )
  const condition = (name: string) => s.flowSchemas.find((o) => o.metadata.name === name)?.status?.conditions
  assert.equal(condition('lost'), [
    {
      type: 'Dangling',
      status: 'True',
      lastTransitionTime: '2024-01-02T03:04:05Z',
      reason: 'NotFound',
      message: 'This FlowSchema references the PriorityLevelConfiguration object named "nowhere" but there is no such object',
    },
  ])
  assert.equal(condition('probes'), [
    {
      type: 'Dangling',
      status: 'False',
      lastTransitionTime: '2024-01-02T03:04:05Z',
      reason: 'Found',
      message: 'This FlowSchema references the PriorityLevelConfiguration object named "exempt" and it exists',
    },
  ])
  assert.equal(s.priorityLevels[0]?.status, {})
})

served.run()
