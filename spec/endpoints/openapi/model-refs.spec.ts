import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { reachableModels, refsOf, rewriteRefs } from '../../../src/endpoints/openapi/model-refs.js'
import type { SchemaModels } from '../../../src/endpoints/schema.js'

const models: SchemaModels = {
  A: { type: 'object', properties: { b: { allOf: [{ $ref: 'B' }], description: 'the b' }, cs: { type: 'array', items: { $ref: 'C' } } } },
  B: { type: 'object', additionalProperties: { $ref: 'C' } },
  C: { type: 'string' },
  D: { type: 'object', properties: { gone: { $ref: 'Nowhere' } } },
}

const refs = suite('model refs')

refs('refsOf finds $refs in properties, items, additionalProperties and allOf', () => {
  assert.equal(refsOf(models['A']!), ['B', 'C'])
  assert.equal(refsOf(models['B']!), ['C'])
})

refs('reachableModels walks from the roots only, sorted; names without a model are reported', () => {
  const r = reachableModels(['A'], models)
  assert.equal(Object.keys(r.models), ['A', 'B', 'C'])
  assert.equal(r.missing, [])
  assert.equal(reachableModels(['D', 'E'], models).missing, ['E', 'Nowhere'])
})

refs('rewriteRefs writes document references; v2 inlines an allOf of one $ref beside its fields', () => {
  const v3 = rewriteRefs(models['A']!, (n) => `#/components/schemas/${n}`)
  assert.equal(v3.properties?.['b'], { allOf: [{ $ref: '#/components/schemas/B' }], description: 'the b' })
  assert.equal(v3.properties?.['cs']?.items, { $ref: '#/components/schemas/C' })
  const v2 = rewriteRefs(models['A']!, (n) => `#/definitions/${n}`, true)
  assert.equal(v2.properties?.['b'], { $ref: '#/definitions/B', description: 'the b' })
  assert.equal(rewriteRefs(models['B']!, (n) => `#/x/${n}`).additionalProperties, { $ref: '#/x/C' })
})

refs.run()
