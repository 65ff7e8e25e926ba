import * as E from 'fp-ts/lib/Either.js'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { catchAllFlowSchema } from '../../src/flowcontrol/bootstrap-flow-schemas.js'
import { exemptPriorityLevel } from '../../src/flowcontrol/bootstrap-priority-levels.js'
import { bootstrapFlowcontrolConfig, withObjects } from '../../src/flowcontrol/flowcontrol-config.js'
import { defaultFlowSchema, defaultPriorityLevel } from '../../src/flowcontrol/flowcontrol-defaults.js'
import type { FlowSchema, FlowcontrolObject, PriorityLevelConfiguration } from '../../src/flowcontrol/flowcontrol-types.js'
import { flowSchemaDoc, levelDoc } from './fixtures.js'

const fs = (name: string, spec: Record<string, unknown> = {}) => defaultFlowSchema(flowSchemaDoc(name, spec) as unknown as FlowSchema)
const pl = (name: string, limited: Record<string, unknown> = {}) =>
  defaultPriorityLevel(levelDoc(name, limited) as unknown as PriorityLevelConfiguration)
const given = (...objects: ReadonlyArray<FlowcontrolObject>) => objects.map((object, i) => ({ object, at: `document ${i + 1}` }))

const config = suite('withObjects')

config('the bootstrap configuration has 11 schemas and 8 levels, mandatory first', () => {
  assert.is(bootstrapFlowcontrolConfig.flowSchemas.length, 11)
  assert.is(bootstrapFlowcontrolConfig.priorityLevels.length, 8)
  assert.equal(
    bootstrapFlowcontrolConfig.flowSchemas.slice(0, 2).map((o) => o.metadata.name),
    ['exempt', 'catch-all'],
  )
})

config('replaces a suggested object in place and adds new ones after, per kind', () => {
  const r = withObjects(
    bootstrapFlowcontrolConfig,
    given(fs('global-default', { matchingPrecedence: 9950 }), fs('mine'), pl('workload-low', { nominalConcurrencyShares: 7 })),
  )
  assert.ok(E.isRight(r))
  if (E.isLeft(r)) return
  const names = r.right.flowSchemas.map((o) => o.metadata.name)
  assert.is(names.length, 12)
  assert.is(names.indexOf('global-default'), 10)
  assert.is(names[11], 'mine')
  assert.is(r.right.flowSchemas[10]?.spec.matchingPrecedence, 9950)
  const low = r.right.priorityLevels.find((o) => o.metadata.name === 'workload-low')
  assert.is(low?.spec.limited?.nominalConcurrencyShares, 7)
  assert.is(r.right.priorityLevels.length, 8)
})

config('a FlowSchema and a level may share a name', () => {
  const r = withObjects(bootstrapFlowcontrolConfig, given(fs('team'), pl('team')))
  assert.ok(E.isRight(r))
})

config('two objects of one kind and name are a problem', () => {
  assert.equal(
    withObjects(bootstrapFlowcontrolConfig, given(fs('a'), pl('a'), fs('a'))),
    E.left([{ path: 'document 3 (FlowSchema "a")', message: 'duplicate FlowSchema "a": also given at document 1' }]),
  )
})

config('a mandatory object keeps its fixed spec, as upstream validation demands', () => {
  assert.ok(E.isRight(withObjects(bootstrapFlowcontrolConfig, given(catchAllFlowSchema))))
  const changed = { ...catchAllFlowSchema, spec: { ...catchAllFlowSchema.spec, matchingPrecedence: 9999 } }
  assert.equal(
    withObjects(bootstrapFlowcontrolConfig, given(changed)),
    E.left([{ path: 'document 1 (FlowSchema "catch-all").spec', message: "spec of 'catch-all' must equal the fixed value" }]),
  )
  const level = pl('catch-all', { nominalConcurrencyShares: 6, limitResponse: { type: 'Reject' } })
  assert.equal(
    withObjects(bootstrapFlowcontrolConfig, given(level)),
    E.left([
      { path: 'document 1 (PriorityLevelConfiguration "catch-all").spec', message: "spec of 'catch-all' must equal the fixed value" },
    ]),
  )
})

config("the exempt level's shares and lendable percent may be set", () => {
  const exempt = {
    ...exemptPriorityLevel,
    spec: { type: 'Exempt' as const, exempt: { nominalConcurrencyShares: 10, lendablePercent: 20 } },
  }
  const r = withObjects(bootstrapFlowcontrolConfig, given(exempt))
  assert.ok(E.isRight(r))
  if (E.isRight(r))
    assert.equal(r.right.priorityLevels.find((o) => o.metadata.name === 'exempt')?.spec.exempt, {
      nominalConcurrencyShares: 10,
      lendablePercent: 20,
    })
})

config.run()
