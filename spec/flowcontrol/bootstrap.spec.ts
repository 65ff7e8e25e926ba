import * as E from 'fp-ts/lib/Either.js'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { mandatoryFlowSchemas, suggestedFlowSchemas } from '../../src/flowcontrol/bootstrap-flow-schemas.js'
import { mandatoryPriorityLevels, suggestedPriorityLevels } from '../../src/flowcontrol/bootstrap-priority-levels.js'
import { decodeFlowcontrolDocument } from '../../src/flowcontrol/decode-flowcontrol-document.js'
import type { FlowcontrolObject, PriorityLevelConfiguration } from '../../src/flowcontrol/flowcontrol-types.js'

const bootstrap = suite('bootstrap objects')

bootstrap('the mandatory schemas: exempt (1, system:masters) and catch-all (10000, everyone, ByUser)', () => {
  assert.equal(
    mandatoryFlowSchemas.map((fs) => [
      fs.metadata.name,
      fs.spec.priorityLevelConfiguration.name,
      fs.spec.matchingPrecedence,
      fs.spec.distinguisherMethod?.type ?? '',
    ]),
    [
      ['exempt', 'exempt', 1, ''],
      ['catch-all', 'catch-all', 10000, 'ByUser'],
    ],
  )
  assert.equal(mandatoryFlowSchemas[0]?.spec.rules?.[0]?.subjects, [{ kind: 'Group', group: { name: 'system:masters' } }])
  assert.equal(
    mandatoryFlowSchemas[1]?.spec.rules?.[0]?.subjects.map((s) => s.group?.name),
    ['system:unauthenticated', 'system:authenticated'],
  )
})

bootstrap('the suggested schemas, in upstream order, with their levels, precedences and distinguishers', () => {
  assert.equal(
    suggestedFlowSchemas.map(
      (fs) =>
        `${fs.metadata.name} ${fs.spec.priorityLevelConfiguration.name} ${fs.spec.matchingPrecedence} ${fs.spec.distinguisherMethod?.type ?? '-'}`,
    ),
    [
      'system-nodes system 500 ByUser',
      'system-node-high node-high 400 ByUser',
      'probes exempt 2 -',
      'system-leader-election leader-election 100 ByUser',
      'kube-controller-manager workload-high 800 ByNamespace',
      'kube-scheduler workload-high 800 ByNamespace',
      'kube-system-service-accounts workload-high 900 ByNamespace',
      'service-accounts workload-low 9000 ByUser',
      'global-default global-default 9900 ByUser',
    ],
  )
})

bootstrap('the levels: shares / lendable / queues / hand size / queue length as upstream', () => {
  const row = (pl: PriorityLevelConfiguration) => {
    const l = pl.spec.limited
    const q = l?.limitResponse.queuing
    return `${pl.metadata.name} ${pl.spec.type} ${l?.nominalConcurrencyShares ?? '-'}/${l?.lendablePercent ?? '-'} ${l?.limitResponse.type ?? '-'} ${q ? `${q.queues}/${q.handSize}/${q.queueLengthLimit}` : '-'}`
  }
  assert.equal(mandatoryPriorityLevels.map(row), ['catch-all Limited 5/0 Reject -', 'exempt Exempt -/- - -'])
  assert.equal(mandatoryPriorityLevels[1]?.spec.exempt, { nominalConcurrencyShares: 0, lendablePercent: 0 })
  assert.equal(suggestedPriorityLevels.map(row), [
    'system Limited 30/33 Queue 64/6/50',
    'node-high Limited 40/25 Queue 64/6/50',
    'leader-election Limited 10/0 Queue 16/4/50',
    'workload-high Limited 40/50 Queue 128/6/50',
    'workload-low Limited 100/90 Queue 128/6/50',
    'global-default Limited 20/50 Queue 128/6/50',
  ])
})

bootstrap('probes exempt GET of /healthz, /readyz and /livez for everyone', () => {
  const probes = suggestedFlowSchemas.find((fs) => fs.metadata.name === 'probes')
  assert.equal(probes?.spec.rules?.[0]?.nonResourceRules, [{ verbs: ['get'], nonResourceURLs: ['/healthz', '/readyz', '/livez'] }])
  assert.is(probes?.spec.rules?.[0]?.resourceRules, undefined)
})

bootstrap('every object is valid and unchanged by decoding and defaulting (as upstream checks its own)', () => {
  const all: ReadonlyArray<FlowcontrolObject> = [
    ...mandatoryFlowSchemas,
    ...suggestedFlowSchemas,
    ...mandatoryPriorityLevels,
    ...suggestedPriorityLevels,
  ]
  for (const o of all) {
    const decoded = decodeFlowcontrolDocument(JSON.parse(JSON.stringify(o)), 'bootstrap')
    assert.ok(E.isRight(decoded), JSON.stringify(decoded))
    if (E.isRight(decoded)) assert.equal(decoded.right, [o], o.metadata.name)
  }
  assert.ok(all.every((o) => o.metadata.annotations?.['apf.kubernetes.io/autoupdate-spec'] === 'true'))
})

bootstrap.run()
