import fc from 'fast-check'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import type { UserInfo } from '../../src/auth/user.js'
import { byMatchingOrder, classifier } from '../../src/flowcontrol/classify-request.js'
import { bootstrapFlowcontrolConfig } from '../../src/flowcontrol/flowcontrol-config.js'
import { defaultFlowSchema, defaultPriorityLevel } from '../../src/flowcontrol/flowcontrol-defaults.js'
import type { FlowSchema, PriorityLevelConfiguration } from '../../src/flowcontrol/flowcontrol-types.js'
import { matchesFlowSchema } from '../../src/flowcontrol/matches-flow-schema.js'
import type { RequestInfo } from '../../src/request/request-info.js'
import { flowSchemaDoc, levelDoc, nonResourceInfo, resourceInfo, user } from './fixtures.js'

const classify = classifier(bootstrapFlowcontrolConfig)
const where = (u: UserInfo, info: RequestInfo): string => {
  const c = classify(u, info)
  return `${c.flowSchema.metadata.name} ${c.priorityLevel.metadata.name} ${JSON.stringify(c.flowDistinguisher)}`
}
const sa = (ns: string, name: string) =>
  user(`system:serviceaccount:${ns}:${name}`, ['system:serviceaccounts', `system:serviceaccounts:${ns}`, 'system:authenticated'])
const fs = (name: string, spec: Record<string, unknown>) => defaultFlowSchema(flowSchemaDoc(name, spec) as unknown as FlowSchema)
const pl = (name: string, limited: Record<string, unknown> = {}) =>
  defaultPriorityLevel(levelDoc(name, limited) as unknown as PriorityLevelConfiguration)

const bootstrap = suite('classifier (bootstrap configuration)')

bootstrap('system:masters is exempt, whatever it asks', () => {
  assert.is(where(user('root', ['system:masters', 'system:authenticated']), resourceInfo({ verb: 'delete' })), 'exempt exempt ""')
  assert.is(where(user('root', ['system:masters']), nonResourceInfo('/metrics')), 'exempt exempt ""')
})

bootstrap('probes are exempt for anyone, GET only, the probe paths and below them (upstream matches every rule path as a prefix)', () => {
  const anon = user('system:anonymous', ['system:unauthenticated'])
  assert.is(where(anon, nonResourceInfo('/healthz')), 'probes exempt ""')
  assert.is(where(anon, nonResourceInfo('/readyz')), 'probes exempt ""')
  assert.is(where(anon, nonResourceInfo('/livez/ping')), 'probes exempt ""')
  assert.is(where(anon, nonResourceInfo('/livezz')), 'global-default global-default "system:anonymous"')
  assert.is(where(anon, nonResourceInfo('/healthz', 'post')), 'global-default global-default "system:anonymous"')
})

bootstrap('ordinary users go to global-default, one flow per user', () => {
  assert.is(where(user('alice'), resourceInfo()), 'global-default global-default "alice"')
  assert.is(where(user('bob'), nonResourceInfo('/version')), 'global-default global-default "bob"')
})

bootstrap('nodes: node and lease traffic is node-high, the rest system', () => {
  const node = user('system:node:n1', ['system:nodes', 'system:authenticated'])
  assert.is(
    where(node, resourceInfo({ resource: 'nodes', subresource: 'status', namespace: '', verb: 'patch' })),
    'system-node-high node-high "system:node:n1"',
  )
  assert.is(
    where(node, resourceInfo({ apiGroup: 'coordination.k8s.io', resource: 'leases', namespace: 'kube-node-lease', verb: 'update' })),
    'system-node-high node-high "system:node:n1"',
  )
  assert.is(where(node, resourceInfo({ resource: 'pods' })), 'system-nodes system "system:node:n1"')
  assert.is(
    where(node, resourceInfo({ apiGroup: 'coordination.k8s.io', resource: 'leases', namespace: '' })),
    'system-nodes system "system:node:n1"',
  )
})

bootstrap('controller manager and scheduler: leader election first, then by namespace', () => {
  const kcm = user('system:kube-controller-manager')
  const lease = resourceInfo({ apiGroup: 'coordination.k8s.io', resource: 'leases', namespace: 'kube-system', verb: 'update' })
  assert.is(where(kcm, lease), 'system-leader-election leader-election "system:kube-controller-manager"')
  assert.is(where(kcm, { ...lease, verb: 'watch' }), 'kube-controller-manager workload-high "kube-system"')
  assert.is(where(user('system:kube-scheduler'), resourceInfo({ namespace: 'apps' })), 'kube-scheduler workload-high "apps"')
  assert.is(where(kcm, resourceInfo({ resource: 'nodes', namespace: '' })), 'kube-controller-manager workload-high ""')
})

bootstrap('service accounts: kube-system ones are workload-high by namespace, others workload-low by user', () => {
  assert.is(
    where(sa('kube-system', 'replicaset-controller'), resourceInfo({ namespace: 'web' })),
    'kube-system-service-accounts workload-high "web"',
  )
  assert.is(
    where(
      sa('kube-system', 'x'),
      resourceInfo({ apiGroup: 'coordination.k8s.io', resource: 'leases', namespace: 'kube-system', verb: 'get' }),
    ),
    'system-leader-election leader-election "system:serviceaccount:kube-system:x"',
  )
  assert.is(where(sa('web', 'app'), resourceInfo()), 'service-accounts workload-low "system:serviceaccount:web:app"')
  assert.is(where(sa('kube-systemx', 'app'), resourceInfo()), 'service-accounts workload-low "system:serviceaccount:kube-systemx:app"')
})

bootstrap('a user in no group falls to catch-all, whose Reject level has no flows', () => {
  assert.is(where(user('odd', []), resourceInfo()), 'catch-all catch-all ""')
})

bootstrap.run()

const custom = suite('classifier (own configuration)')
const team = { subjects: [{ kind: 'Group', group: { name: 'team' } }] }
const everything = {
  resourceRules: [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'], namespaces: ['*'], clusterScope: true }],
  nonResourceRules: [{ verbs: ['*'], nonResourceURLs: ['*'] }],
}
const config = (flowSchemas: ReadonlyArray<FlowSchema>, priorityLevels: ReadonlyArray<PriorityLevelConfiguration> = [pl('p')]) => ({
  flowSchemas: [...bootstrapFlowcontrolConfig.flowSchemas, ...flowSchemas],
  priorityLevels: [...bootstrapFlowcontrolConfig.priorityLevels, ...priorityLevels],
})
const member = user('m', ['team', 'system:authenticated'])

custom('precedence decides, then name on ties', () => {
  const a = fs('b-team', { priorityLevelConfiguration: { name: 'p' }, matchingPrecedence: 50, rules: [{ ...team, ...everything }] })
  const b = fs('a-team', { priorityLevelConfiguration: { name: 'p' }, matchingPrecedence: 50, rules: [{ ...team, ...everything }] })
  const c = fs('c-team', { priorityLevelConfiguration: { name: 'p' }, matchingPrecedence: 49, rules: [{ ...team, ...everything }] })
  assert.is(classifier(config([a, b]))(member, resourceInfo()).flowSchema.metadata.name, 'a-team')
  assert.is(classifier(config([a, b, c]))(member, resourceInfo()).flowSchema.metadata.name, 'c-team')
  assert.is(byMatchingOrder(a, b) > 0, true)
})

custom('a schema whose level does not exist is skipped', () => {
  const dangling = fs('team', { priorityLevelConfiguration: { name: 'nope' }, matchingPrecedence: 50, rules: [{ ...team, ...everything }] })
  assert.is(classifier(config([dangling]))(member, resourceInfo()).flowSchema.metadata.name, 'global-default')
})

custom('ByNamespace gives the namespace; no method gives ""; a single queue or Reject gives ""', () => {
  const rules = [{ ...team, ...everything }]
  const byNs = fs('team', {
    priorityLevelConfiguration: { name: 'p' },
    matchingPrecedence: 50,
    distinguisherMethod: { type: 'ByNamespace' },
    rules,
  })
  assert.is(classifier(config([byNs]))(member, resourceInfo({ namespace: 'ns1' })).flowDistinguisher, 'ns1')
  const none = fs('team', { priorityLevelConfiguration: { name: 'p' }, matchingPrecedence: 50, rules })
  assert.is(classifier(config([none]))(member, resourceInfo({ namespace: 'ns1' })).flowDistinguisher, '')
  const byUser = fs('team', {
    priorityLevelConfiguration: { name: 'p' },
    matchingPrecedence: 50,
    distinguisherMethod: { type: 'ByUser' },
    rules,
  })
  assert.is(classifier(config([byUser]))(member, resourceInfo()).flowDistinguisher, 'm')
  const oneQueue = pl('p', { limitResponse: { type: 'Queue', queuing: { queues: 1, handSize: 1 } } })
  assert.is(classifier(config([byUser], [oneQueue]))(member, resourceInfo()).flowDistinguisher, '')
  const reject = pl('p', { limitResponse: { type: 'Reject' } })
  assert.is(classifier(config([byUser], [reject]))(member, resourceInfo()).flowDistinguisher, '')
})

custom('without mandatory objects, exempt and catch-all are supplied', () => {
  const bare = classifier({ flowSchemas: [], priorityLevels: [] })
  assert.is(where2(bare(user('root', ['system:masters']), resourceInfo())), 'exempt exempt')
  assert.is(where2(bare(user('alice'), resourceInfo())), 'catch-all catch-all')
})
const where2 = (c: { flowSchema: FlowSchema; priorityLevel: PriorityLevelConfiguration }) =>
  `${c.flowSchema.metadata.name} ${c.priorityLevel.metadata.name}`

custom.run()

const property = suite('classifier (property)')

property('every request classifies to exactly one existing schema and its level: the first match in order, catch-all at worst', () => {
  const names = fc.constantFrom(
    'alice',
    'system:kube-scheduler',
    'system:kube-controller-manager',
    'system:serviceaccount:kube-system:x',
    'system:serviceaccount:a:b',
    'system:node:n',
  )
  const groups = fc.subarray([
    'system:masters',
    'system:nodes',
    'system:serviceaccounts',
    'system:authenticated',
    'system:unauthenticated',
    'team',
  ])
  const info = fc.oneof(
    fc
      .record({
        verb: fc.constantFrom('get', 'list', 'watch', 'create', 'update', 'delete'),
        apiGroup: fc.constantFrom('', 'apps', 'coordination.k8s.io'),
        resource: fc.constantFrom('pods', 'nodes', 'leases', 'configmaps'),
        subresource: fc.constantFrom('', 'status'),
        namespace: fc.constantFrom('', 'kube-system', 'default'),
      })
      .map((o) => resourceInfo(o)),
    fc
      .tuple(fc.constantFrom('/healthz', '/readyz', '/livez', '/metrics', '/version', '/'), fc.constantFrom('get', 'post'))
      .map(([p, v]) => nonResourceInfo(p, v)),
  )
  const schemas = [...bootstrapFlowcontrolConfig.flowSchemas].sort(byMatchingOrder)
  fc.assert(
    fc.property(names, groups, info, (name, gs, i) => {
      const u = user(name, gs)
      const c = classify(u, i)
      const first = schemas.find((s) => matchesFlowSchema(s, u, i))
      const expected = first ?? schemas.find((s) => s.metadata.name === 'catch-all')
      return (
        c.flowSchema === expected &&
        c.priorityLevel.metadata.name === c.flowSchema.spec.priorityLevelConfiguration.name &&
        bootstrapFlowcontrolConfig.priorityLevels.includes(c.priorityLevel) &&
        (first !== undefined || !gs.some((g) => g === 'system:authenticated' || g === 'system:unauthenticated'))
      )
    }),
  )
})

property.run()
