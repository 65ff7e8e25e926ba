import fc from 'fast-check'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import type { Level, Policy, PolicyRule, Stage } from '../../src/audit/policy.js'
import { noneEvaluator, policyEvaluator } from '../../src/audit/policy-evaluator.js'
import type { UserInfo } from '../../src/auth/user.js'
import type { RequestInfo } from '../../src/request/request-info.js'
import { resourceInfo } from '../support/request-info.js'
import { tim } from './fixtures.js'
import { arbAttrs, arbRule, oracleLevel } from './policy-oracle.js'

// upstream checker_test.go: requests and rules
const reqs: Record<string, { user: UserInfo | undefined; info: RequestInfo }> = {
  namespaced: { user: tim, info: resourceInfo('get', 'pods', { namespace: 'default', name: 'busybox' }) },
  cluster: {
    user: tim,
    info: resourceInfo('get', 'clusterroles', { apiGroup: 'rbac.authorization.k8s.io', apiVersion: 'v1beta1', name: 'edit' }),
  },
  nonResource: { user: tim, info: { ...resourceInfo('get', ''), isResourceRequest: false, path: '/logs/kubelet.log' } },
  subresource: { user: tim, info: resourceInfo('get', 'pods', { namespace: 'default', name: 'busybox', subresource: 'log' }) },
  Unauthorized: { user: undefined, info: resourceInfo('get', 'pods', { namespace: 'default', name: 'busybox' }) },
}
const rules: Record<string, PolicyRule> = {
  default: { level: 'Metadata' },
  create: { level: 'Request', verbs: ['create'] },
  tims: { level: 'Metadata', users: ['tim@k8s.io'] },
  humans: { level: 'Metadata', userGroups: ['humans'] },
  serviceAccounts: { level: 'Request', userGroups: ['system:serviceaccounts'] },
  getPods: { level: 'RequestResponse', verbs: ['get'], resources: [{ resources: ['pods'] }] },
  getPodLogs: { level: 'Request', verbs: ['get'], resources: [{ resources: ['pods/log'] }] },
  getPodWildcardMatching: { level: 'Request', verbs: ['get'], resources: [{ resources: ['*'] }] },
  getPodResourceWildcardMatching: { level: 'Request', verbs: ['get'], resources: [{ resources: ['*/log'] }] },
  getPodSubResourceWildcardMatching: { level: 'Request', verbs: ['get'], resources: [{ resources: ['pods/*'] }] },
  getClusterRoles: {
    level: 'RequestResponse',
    verbs: ['get'],
    resources: [{ group: 'rbac.authorization.k8s.io', resources: ['clusterroles'] }],
    namespaces: [''],
  },
  getLogs: { level: 'RequestResponse', verbs: ['get'], nonResourceURLs: ['/logs*'] },
  getMetrics: { level: 'Request', verbs: ['get'], nonResourceURLs: ['/metrics'] },
  clusterRoleEdit: {
    level: 'Request',
    resources: [{ group: 'rbac.authorization.k8s.io', resources: ['clusterroles'], resourceNames: ['edit'] }],
  },
  'omit RequestReceived': { level: 'Request', omitStages: ['RequestReceived'] },
  'only audit panic': { level: 'Request', omitStages: ['RequestReceived', 'ResponseStarted', 'ResponseComplete'] },
}
const table: ReadonlyArray<[string, Level, ReadonlyArray<string>]> = [
  ['namespaced', 'Metadata', ['default']],
  ['namespaced', 'None', ['create']],
  ['namespaced', 'Metadata', ['tims']],
  ['namespaced', 'Metadata', ['humans']],
  ['namespaced', 'None', ['serviceAccounts']],
  ['namespaced', 'RequestResponse', ['getPods']],
  ['namespaced', 'None', ['getClusterRoles']],
  ['namespaced', 'None', ['getLogs']],
  ['namespaced', 'None', ['getMetrics']],
  ['namespaced', 'Metadata', ['getMetrics', 'serviceAccounts', 'default']],
  ['namespaced', 'RequestResponse', ['getMetrics', 'getPods', 'default']],
  ['namespaced', 'RequestResponse', ['getPodLogs', 'getPods']],
  ['cluster', 'Metadata', ['default']],
  ['cluster', 'None', ['create']],
  ['cluster', 'Metadata', ['tims']],
  ['cluster', 'Metadata', ['humans']],
  ['cluster', 'None', ['serviceAccounts']],
  ['cluster', 'None', ['getPods']],
  ['cluster', 'RequestResponse', ['getClusterRoles']],
  ['cluster', 'Request', ['clusterRoleEdit', 'getClusterRoles']],
  ['cluster', 'None', ['getLogs']],
  ['cluster', 'None', ['getMetrics']],
  ['cluster', 'Metadata', ['getMetrics', 'serviceAccounts', 'default']],
  ['cluster', 'RequestResponse', ['getMetrics', 'getClusterRoles', 'default']],
  ['cluster', 'None', ['getPodLogs', 'getPods']],
  ['nonResource', 'Metadata', ['default']],
  ['nonResource', 'None', ['create']],
  ['nonResource', 'Metadata', ['tims']],
  ['nonResource', 'Metadata', ['humans']],
  ['nonResource', 'None', ['serviceAccounts']],
  ['nonResource', 'None', ['getPods']],
  ['nonResource', 'None', ['getClusterRoles']],
  ['nonResource', 'RequestResponse', ['getLogs']],
  ['nonResource', 'None', ['getMetrics']],
  ['nonResource', 'Metadata', ['getMetrics', 'serviceAccounts', 'default']],
  ['nonResource', 'RequestResponse', ['getLogs', 'getClusterRoles', 'default']],
  ['nonResource', 'None', ['getPodLogs', 'getPods']],
  ['subresource', 'Request', ['getPodLogs', 'getPods']],
  ['subresource', 'Request', ['getPodWildcardMatching']],
  ['subresource', 'Request', ['getPodResourceWildcardMatching']],
  ['subresource', 'Request', ['getPodSubResourceWildcardMatching']],
  ['Unauthorized', 'None', ['tims']],
  ['Unauthorized', 'Metadata', ['tims', 'default']],
  ['Unauthorized', 'None', ['humans']],
  ['Unauthorized', 'Metadata', ['humans', 'default']],
]

const policyOf = (names: ReadonlyArray<string>, omitStages?: ReadonlyArray<Stage>): Policy => ({
  apiVersion: 'audit.k8s.io/v1',
  kind: 'Policy',
  rules: names.map((n) => rules[n] as PolicyRule),
  ...(omitStages === undefined ? {} : { omitStages }),
})
const sorted = (s: ReadonlySet<Stage>): Stage[] => [...s].sort()

const Evaluator = suite('policyEvaluator')

for (const policyStages of [[], ['RequestReceived', 'ResponseStarted']] as ReadonlyArray<ReadonlyArray<Stage>>) {
  for (const [req, level, names] of table) {
    Evaluator(`checker table: ${req} with [${names.join(', ')}] and policy omitStages [${policyStages.join(', ')}] is ${level}`, () => {
      const r = reqs[req] as { user: UserInfo | undefined; info: RequestInfo }
      const d = policyEvaluator(policyOf(names, policyStages))(r.user, r.info)
      assert.is(d.level, level)
      assert.equal(sorted(d.omitStages), [...policyStages].sort())
    })
  }
}

Evaluator('unions rule omitStages with the policy omitStages', () => {
  const r = reqs['namespaced'] as { user: UserInfo; info: RequestInfo }
  const d1 = policyEvaluator(policyOf(['omit RequestReceived', 'getPods'], ['ResponseStarted']))(r.user, r.info)
  assert.is(d1.level, 'Request')
  assert.equal(sorted(d1.omitStages), ['RequestReceived', 'ResponseStarted'])
  const d2 = policyEvaluator(policyOf(['only audit panic', 'getPods']))(r.user, r.info)
  assert.equal(sorted(d2.omitStages), ['RequestReceived', 'ResponseComplete', 'ResponseStarted'])
})

Evaluator('a rule omitManagedFields overrides the policy one', () => {
  const info = resourceInfo('get', 'pods')
  const base = { apiVersion: 'audit.k8s.io/v1', kind: 'Policy' } as const
  assert.is(policyEvaluator({ ...base, rules: [{ level: 'Metadata', verbs: ['get'] }] })(tim, info).omitManagedFields, false)
  assert.is(
    policyEvaluator({ ...base, omitManagedFields: true, rules: [{ level: 'Metadata', verbs: ['get'] }] })(tim, info).omitManagedFields,
    true,
  )
  assert.is(
    policyEvaluator({ ...base, omitManagedFields: true, rules: [{ level: 'Metadata', verbs: ['get'], omitManagedFields: false }] })(
      tim,
      info,
    ).omitManagedFields,
    false,
  )
  assert.is(
    policyEvaluator({ ...base, rules: [{ level: 'Metadata', verbs: ['get'], omitManagedFields: true }] })(tim, info).omitManagedFields,
    true,
  )
})

Evaluator('namespaces [""] match cluster-scoped requests only; a namespaces rule never matches non-resource requests', () => {
  const evaluate = policyEvaluator({ apiVersion: 'audit.k8s.io/v1', kind: 'Policy', rules: [{ level: 'Metadata', namespaces: [''] }] })
  assert.is(evaluate(tim, resourceInfo('list', 'nodes')).level, 'Metadata')
  assert.is(evaluate(tim, resourceInfo('list', 'pods', { namespace: 'kube-system' })).level, 'None')
  assert.is(evaluate(tim, { ...resourceInfo('get', ''), isResourceRequest: false, path: '/healthz' }).level, 'None')
})

Evaluator('nonResourceURLs: "*" matches every non-resource path and no resource request', () => {
  const evaluate = policyEvaluator({
    apiVersion: 'audit.k8s.io/v1',
    kind: 'Policy',
    rules: [{ level: 'Metadata', nonResourceURLs: ['*'] }],
  })
  assert.is(evaluate(tim, { ...resourceInfo('get', ''), isResourceRequest: false, path: '/anything' }).level, 'Metadata')
  assert.is(evaluate(tim, resourceInfo('get', 'pods')).level, 'None')
})

Evaluator('the none-for-everyone and empty policies answer one shared decision', () => {
  const none = policyEvaluator({ apiVersion: 'audit.k8s.io/v1', kind: 'Policy', rules: [{ level: 'None' }] })
  const a = none(tim, resourceInfo('get', 'pods'))
  const b = none(undefined, resourceInfo('create', 'secrets', { namespace: 'x' }))
  assert.is(a, b)
  assert.is(a.level, 'None')
  assert.is(noneEvaluator(tim, resourceInfo('get', 'pods')), noneEvaluator(undefined, resourceInfo('list', 'x')))
  assert.is(noneEvaluator(tim, resourceInfo('get', 'pods')).level, 'None')
  assert.is(none.fixed, a)
})

Evaluator('a first rule for everyone decides every request with the same object', () => {
  const evaluate = policyEvaluator({
    apiVersion: 'audit.k8s.io/v1',
    kind: 'Policy',
    rules: [{ level: 'Metadata' }, { level: 'RequestResponse' }],
  })
  const a = evaluate(tim, resourceInfo('get', 'pods'))
  assert.is(a.level, 'Metadata')
  assert.is(evaluate(undefined, resourceInfo('delete', 'x')), a)
  assert.is(evaluate.fixed, a)
  assert.is(
    policyEvaluator({ apiVersion: 'audit.k8s.io/v1', kind: 'Policy', rules: [{ level: 'Metadata', verbs: ['get'] }] }).fixed,
    undefined,
  )
})

Evaluator('decides like a literal reading of upstream checker for random policies and requests', () => {
  fc.assert(
    fc.property(fc.array(arbRule, { maxLength: 5 }), fc.array(arbAttrs, { minLength: 1, maxLength: 10 }), (rs, attrs) => {
      const policy: Policy = { apiVersion: 'audit.k8s.io/v1', kind: 'Policy', rules: rs }
      const evaluate = policyEvaluator(policy)
      for (const a of attrs) assert.is(evaluate(a.user, a.info).level, oracleLevel(policy, a.user, a.info))
    }),
    { numRuns: 300 },
  )
})

Evaluator.run()
