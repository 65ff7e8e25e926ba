import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { type PolicyRule, noRbacObjects } from '../../src/auth/rbac-objects.js'
import { rbacAuthorizer } from '../../src/auth/rbac-authorizer.js'
import { withBootstrapPolicy } from '../../src/auth/bootstrap-policy.js'
import { rbacRulesResolver } from '../../src/auth/rules-rbac.js'
import { clusterRole, crb, objects, rb, readPods, role, u } from './rbac-builders.js'

const readCms: PolicyRule = { verbs: ['get'], apiGroups: [''], resources: ['configmaps'], resourceNames: ['web'] }
const healthz: PolicyRule = { verbs: ['get'], nonResourceURLs: ['/healthz'] }

const s = suite('rbacRulesResolver')

s("lists the rules of cluster bindings, then of the namespace's bindings, in order", () => {
  const rules = rbacRulesResolver(
    objects({
      clusterRoles: [clusterRole('pods', [readPods]), clusterRole('health', [healthz])],
      roles: [role('ns1', 'cms', [readCms])],
      clusterRoleBindings: [crb('b1', 'pods', [{ kind: 'User', name: 'bob' }]), crb('b2', 'health', [{ kind: 'Group', name: 'devs' }])],
      roleBindings: [
        rb('ns1', 'b3', 'Role', 'cms', [{ kind: 'User', name: 'bob' }]),
        rb('ns2', 'b4', 'ClusterRole', 'health', [{ kind: 'User', name: 'bob' }]),
      ],
    }),
  )
  assert.equal(rules(u('bob', ['devs']), 'ns1'), {
    resourceRules: [
      { verbs: ['get', 'list'], apiGroups: [''], resources: ['pods'] },
      { verbs: ['get'], apiGroups: [''], resources: ['configmaps'], resourceNames: ['web'] },
    ],
    nonResourceRules: [{ verbs: ['get'], nonResourceURLs: ['/healthz'] }],
    incomplete: false,
    evaluationError: '',
  })
  assert.equal(rules(u('bob'), 'ns2').nonResourceRules, [{ verbs: ['get'], nonResourceURLs: ['/healthz'] }])
  assert.equal(rules(u('bob'), 'ns2').resourceRules, [{ verbs: ['get', 'list'], apiGroups: [''], resources: ['pods'] }])
  assert.equal(rules(u('alice'), 'ns1').resourceRules, [])
})

s('a rule naming both resources and URLs is listed twice; one naming neither is left out', () => {
  const both: PolicyRule = { verbs: ['get'], apiGroups: [''], resources: ['pods'], nonResourceURLs: ['/x'] }
  const neither: PolicyRule = { verbs: ['get'], apiGroups: [''], resources: [], nonResourceURLs: null }
  const rules = rbacRulesResolver(
    objects({ clusterRoles: [clusterRole('r', [both, neither])], clusterRoleBindings: [crb('b', 'r', [{ kind: 'User', name: 'bob' }])] }),
  )
  assert.equal(rules(u('bob'), 'x'), {
    resourceRules: [{ verbs: ['get'], apiGroups: [''], resources: ['pods'] }],
    nonResourceRules: [{ verbs: ['get'], nonResourceURLs: ['/x'] }],
    incomplete: false,
    evaluationError: '',
  })
})

s("service accounts match by user name, defaulting to the binding's namespace; cluster bindings need a namespace", () => {
  const rules = rbacRulesResolver(
    objects({
      clusterRoles: [clusterRole('pods', [readPods]), clusterRole('health', [healthz])],
      clusterRoleBindings: [
        crb('no-ns', 'health', [{ kind: 'ServiceAccount', name: 'default' }]),
        crb('with-ns', 'pods', [{ kind: 'ServiceAccount', name: 'default', namespace: 'ns2' }]),
      ],
      roleBindings: [rb('ns1', 'local', 'ClusterRole', 'health', [{ kind: 'ServiceAccount', name: 'default' }])],
    }),
  )
  const sa1 = u('system:serviceaccount:ns1:default')
  assert.equal(rules(sa1, 'ns1').nonResourceRules, [{ verbs: ['get'], nonResourceURLs: ['/healthz'] }])
  assert.equal(rules(sa1, 'ns1').resourceRules, [])
  assert.equal(rules(u('system:serviceaccount:ns2:default'), 'ns1').resourceRules, [
    { verbs: ['get', 'list'], apiGroups: [''], resources: ['pods'] },
  ])
  assert.equal(rules(u('system:serviceaccount:ns2:default'), 'ns1').nonResourceRules, [])
})

s('an empty namespace lists cluster bindings only', () => {
  const rules = rbacRulesResolver(
    objects({ roles: [role('', 'r', [readPods])], roleBindings: [rb('', 'b', 'Role', 'r', [{ kind: 'User', name: 'bob' }])] }),
  )
  assert.equal(rules(u('bob'), '').resourceRules, [])
})

s('a missing role of an applying binding is an evaluation error, once per message; the answer stays complete', () => {
  const rules = rbacRulesResolver(
    objects({
      clusterRoles: [clusterRole('pods', [readPods])],
      clusterRoleBindings: [
        crb('a', 'gone', [{ kind: 'User', name: 'bob' }]),
        crb('b', 'gone', [{ kind: 'Group', name: 'devs' }]),
        crb('c', 'pods', [{ kind: 'User', name: 'bob' }]),
        crb('d', 'other', [{ kind: 'User', name: 'eve' }]),
      ],
      roleBindings: [rb('ns1', 'e', 'Role', 'r', [{ kind: 'User', name: 'bob' }])],
    }),
  )
  const r = rules(u('bob', ['devs']), 'ns1')
  assert.is(r.evaluationError, '[clusterrole.rbac.authorization.k8s.io "gone" not found, role.rbac.authorization.k8s.io "r" not found]')
  assert.is(r.incomplete, false)
  assert.equal(r.resourceRules, [{ verbs: ['get', 'list'], apiGroups: [''], resources: ['pods'] }])
  assert.is(rules(u('bob'), 'ns2').evaluationError, 'clusterrole.rbac.authorization.k8s.io "gone" not found')
  assert.is(rules(u('alice'), 'ns1').evaluationError, '')
})

s('with the bootstrap policy: an authenticated user may create self reviews and get discovery URLs', () => {
  const rules = rbacRulesResolver(withBootstrapPolicy(noRbacObjects))(u('alice', ['system:authenticated']), 'default')
  assert.ok(
    rules.resourceRules.some((r) => r.resources?.includes('selfsubjectaccessreviews') && r.verbs.includes('create')),
    JSON.stringify(rules.resourceRules),
  )
  assert.ok(rules.nonResourceRules.some((r) => r.nonResourceURLs?.includes('/apis/*')))
  assert.ok(!rules.resourceRules.some((r) => r.resources?.includes('*')))
})

s('every listed resource rule of a user is one the authorizer allows (same objects)', () => {
  const objs = withBootstrapPolicy(
    objects({
      clusterRoles: [clusterRole('pods', [readPods])],
      roleBindings: [rb('ns1', 'b', 'ClusterRole', 'pods', [{ kind: 'Group', name: 'devs' }])],
    }),
  )
  const user = u('bob', ['devs', 'system:authenticated'])
  const authorize = rbacAuthorizer(objs)
  for (const rule of rbacRulesResolver(objs)(user, 'ns1').resourceRules) {
    const ask = {
      user,
      verb: rule.verbs[0] ?? '',
      isResourceRequest: true,
      path: '',
      namespace: 'ns1',
      apiGroup: rule.apiGroups?.[0] ?? '',
      apiVersion: 'v1',
      resource: rule.resources?.[0] ?? '',
      subresource: '',
      name: '',
    }
    assert.is(authorize(ask).decision, 'Allow', JSON.stringify(rule))
  }
})

s.run()
