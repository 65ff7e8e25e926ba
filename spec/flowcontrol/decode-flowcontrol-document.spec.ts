import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import type { Problem } from '../../src/config/problems.js'
import { decodeFlowcontrolDocument } from '../../src/flowcontrol/decode-flowcontrol-document.js'
import type { FlowcontrolObject } from '../../src/flowcontrol/flowcontrol-types.js'
import { flowSchemaDoc, levelDoc } from './fixtures.js'

const ok = (doc: unknown): ReadonlyArray<FlowcontrolObject> => {
  const r = decodeFlowcontrolDocument(doc, 'doc')
  if (E.isLeft(r)) throw new Error(JSON.stringify(r.left))
  return r.right
}
const problems = (doc: unknown): ReadonlyArray<string> => {
  const r = decodeFlowcontrolDocument(doc, 'doc')
  return E.isLeft(r) ? r.left.map((p: Problem) => `${p.path}: ${p.message}`) : []
}

const decode = suite('decodeFlowcontrolDocument')

decode('decodes a FlowSchema and defaults its matchingPrecedence to 1000', () => {
  const [fs] = ok(flowSchemaDoc('a'))
  assert.is(fs?.kind, 'FlowSchema')
  assert.is(fs?.kind === 'FlowSchema' ? fs.spec.matchingPrecedence : 0, 1000)
  const [given] = ok(flowSchemaDoc('b', { matchingPrecedence: 42 }))
  assert.is(given?.kind === 'FlowSchema' ? given.spec.matchingPrecedence : 0, 42)
})

decode('defaults a limited level: 30 shares, 0% lendable, 64 queues, hand size 8, 50 a queue', () => {
  const [pl] = ok(levelDoc('p'))
  assert.equal(pl?.spec, {
    type: 'Limited',
    limited: {
      nominalConcurrencyShares: 30,
      lendablePercent: 0,
      limitResponse: { type: 'Queue', queuing: { queues: 64, handSize: 8, queueLengthLimit: 50 } },
    },
  })
})

decode('keeps given values, zero shares included (v1 allows a zero-share level)', () => {
  const [pl] = ok(
    levelDoc('p', {
      nominalConcurrencyShares: 0,
      lendablePercent: 10,
      borrowingLimitPercent: 200,
      limitResponse: { type: 'Queue', queuing: { queues: 16, handSize: 4, queueLengthLimit: 7 } },
    }),
  )
  assert.equal(pl?.kind === 'PriorityLevelConfiguration' ? pl.spec.limited : undefined, {
    nominalConcurrencyShares: 0,
    lendablePercent: 10,
    borrowingLimitPercent: 200,
    limitResponse: { type: 'Queue', queuing: { queues: 16, handSize: 4, queueLengthLimit: 7 } },
  })
})

decode('fills in the exempt level its exempt shares and lendable percent', () => {
  const [pl] = ok({ ...levelDoc('exempt'), spec: { type: 'Exempt' } })
  assert.equal(pl?.spec, { type: 'Exempt', exempt: { nominalConcurrencyShares: 0, lendablePercent: 0 } })
})

decode('reads a v1 List and typed lists, in order', () => {
  const objects = ok({ apiVersion: 'v1', kind: 'List', items: [levelDoc('p'), flowSchemaDoc('a')] })
  assert.equal(
    objects.map((o) => `${o.kind}/${o.metadata.name}`),
    ['PriorityLevelConfiguration/p', 'FlowSchema/a'],
  )
  const typed = ok({
    apiVersion: 'flowcontrol.apiserver.k8s.io/v1',
    kind: 'FlowSchemaList',
    items: [flowSchemaDoc('a'), flowSchemaDoc('b')],
  })
  assert.equal(
    typed.map((o) => o.metadata.name),
    ['a', 'b'],
  )
  assert.equal(problems({ apiVersion: 'flowcontrol.apiserver.k8s.io/v1', kind: 'FlowSchemaList', items: [levelDoc('p')] }), [
    'doc.items[0]: expected kind FlowSchema, got "PriorityLevelConfiguration"',
  ])
})

decode('names unknown fields at their path', () => {
  assert.equal(problems(flowSchemaDoc('a', { priority: 3 }, { extra: true })), [
    'doc (FlowSchema "a").spec.priority: unknown field',
    'doc (FlowSchema "a").extra: unknown field',
  ])
  const rules = [
    { subjects: [{ kind: 'User', user: { name: 'x', uid: 'u' } }], nonResourceRules: [{ verbs: ['get'], nonResourceURLs: ['/x'] }] },
  ]
  assert.equal(problems(flowSchemaDoc('a', { rules })), ['doc (FlowSchema "a").spec.rules[0].subjects[0].user.uid: unknown field'])
})

decode('names bad values with what was expected and what was got', () => {
  assert.equal(problems(flowSchemaDoc('a', { distinguisherMethod: { type: 'ByGroup' }, matchingPrecedence: 1.5 })), [
    'doc (FlowSchema "a").spec.matchingPrecedence: expected a 32-bit integer, got 1.5',
    'doc (FlowSchema "a").spec.distinguisherMethod.type: expected "ByUser" or "ByNamespace", got "ByGroup"',
  ])
  assert.equal(problems({ ...levelDoc('p'), spec: { type: 'Sometimes' } }), [
    'doc (PriorityLevelConfiguration "p").spec.type: expected "Exempt" or "Limited", got "Sometimes"',
  ])
})

decode('refuses other kinds and versions, and documents that are not objects', () => {
  assert.equal(problems({ ...flowSchemaDoc('a'), apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta3' }), [
    'doc: unknown kind "FlowSchema" of apiVersion "flowcontrol.apiserver.k8s.io/v1beta3", expected flowcontrol.apiserver.k8s.io/v1 FlowSchema, PriorityLevelConfiguration or their lists, or a v1 List',
  ])
  assert.equal(problems([1]), ['doc: expected an object, got [1]'])
  assert.equal(problems({ apiVersion: 'v1', kind: 'List', items: 3 }), ['doc.items: expected an array, got 3'])
})

decode('reports upstream validation problems after defaulting', () => {
  assert.equal(problems(levelDoc('p', { lendablePercent: 120 })), [
    'doc (PriorityLevelConfiguration "p").spec.limited.lendablePercent: must be between 0 and 100, inclusive, got 120',
  ])
})

decode('any value decodes or gives problems, never throws', () => {
  const json = fc.jsonValue({ maxDepth: 4 })
  const nearly = fc.record({
    apiVersion: fc.constantFrom('flowcontrol.apiserver.k8s.io/v1', 'v1'),
    kind: fc.constantFrom('FlowSchema', 'PriorityLevelConfiguration', 'List', 'FlowSchemaList'),
    metadata: fc.oneof(json, fc.record({ name: fc.string() })),
    spec: json,
    items: fc.array(json, { maxLength: 3 }),
  })
  fc.assert(
    fc.property(fc.oneof(json, nearly), (doc) => {
      const r = decodeFlowcontrolDocument(doc, 'doc')
      return E.isRight(r) || r.left.length > 0
    }),
  )
})

decode.run()
