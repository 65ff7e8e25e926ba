import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import type { AuthorizationAttributes } from '../../src/auth/authorizer.js'
import type { Subject } from '../../src/auth/rbac-objects.js'
import { rbacAuthorizer } from '../../src/auth/rbac-authorizer.js'
import type { UserInfo } from '../../src/auth/user.js'
import { clusterRole, crb, objects, rb, readPods, role, u } from './rbac-builders.js'

const attrs = (user: UserInfo, over: Partial<AuthorizationAttributes> = {}): AuthorizationAttributes => ({
  user,
  verb: 'get',
  isResourceRequest: true,
  path: '/api/v1/namespaces/ns1/pods',
  namespace: 'ns1',
  apiGroup: '',
  apiVersion: 'v1',
  resource: 'pods',
  subresource: '',
  name: '',
  ...over,
})
const userSubject = (name: string): Subject => ({ kind: 'User', name })
const groupSubject = (name: string): Subject => ({ kind: 'Group', name })

const s = suite('rbacAuthorizer')

s('allows through a ClusterRoleBinding with upstream reason', () => {
  const authorize = rbacAuthorizer(
    objects({ clusterRoles: [clusterRole('reader', [readPods])], clusterRoleBindings: [crb('read-all', 'reader', [userSubject('bob')])] }),
  )
  assert.equal(authorize(attrs(u('bob'))), {
    decision: 'Allow',
    reason: 'RBAC: allowed by ClusterRoleBinding "read-all" of ClusterRole "reader" to User "bob"',
  })
  assert.equal(authorize(attrs(u('bob'), { namespace: '' })).decision, 'Allow')
  assert.equal(authorize(attrs(u('alice'))), { decision: 'NoOpinion', reason: '' })
  assert.equal(authorize(attrs(u('bob'), { verb: 'delete' })), { decision: 'NoOpinion', reason: '' })
})

s('a RoleBinding grants only in its namespace, for a Role or a ClusterRole', () => {
  const authorize = rbacAuthorizer(
    objects({
      roles: [role('ns1', 'pod-reader', [readPods])],
      clusterRoles: [clusterRole('cm-reader', [{ verbs: ['get'], apiGroups: [''], resources: ['configmaps'] }])],
      roleBindings: [
        rb('ns1', 'rb1', 'Role', 'pod-reader', [userSubject('bob')]),
        rb('ns1', 'rb2', 'ClusterRole', 'cm-reader', [userSubject('bob')]),
      ],
    }),
  )
  assert.equal(authorize(attrs(u('bob'))), {
    decision: 'Allow',
    reason: 'RBAC: allowed by RoleBinding "rb1/ns1" of Role "pod-reader" to User "bob"',
  })
  assert.equal(
    authorize(attrs(u('bob'), { resource: 'configmaps' })).reason,
    'RBAC: allowed by RoleBinding "rb2/ns1" of ClusterRole "cm-reader" to User "bob"',
  )
  assert.is(authorize(attrs(u('bob'), { namespace: 'ns2' })).decision, 'NoOpinion')
  assert.is(authorize(attrs(u('bob'), { namespace: '' })).decision, 'NoOpinion')
})

s('a Role of another namespace with the same name is not used', () => {
  const authorize = rbacAuthorizer(
    objects({ roles: [role('ns2', 'r', [readPods])], roleBindings: [rb('ns1', 'b', 'Role', 'r', [userSubject('bob')])] }),
  )
  assert.equal(authorize(attrs(u('bob'))), { decision: 'NoOpinion', reason: 'RBAC: role.rbac.authorization.k8s.io "r" not found' })
})

s("matches groups by the user's groups", () => {
  const authorize = rbacAuthorizer(
    objects({ clusterRoles: [clusterRole('reader', [readPods])], clusterRoleBindings: [crb('b', 'reader', [groupSubject('devs')])] }),
  )
  assert.equal(
    authorize(attrs(u('x', ['ops', 'devs']))).reason,
    'RBAC: allowed by ClusterRoleBinding "b" of ClusterRole "reader" to Group "devs"',
  )
  assert.is(authorize(attrs(u('devs'))).decision, 'NoOpinion')
})

s("matches service accounts by user name; the subject namespace defaults to the RoleBinding's", () => {
  const authorize = rbacAuthorizer(
    objects({
      clusterRoles: [clusterRole('reader', [readPods])],
      clusterRoleBindings: [
        crb('c', 'reader', [
          { kind: 'ServiceAccount', name: 'sa', namespace: 'other' },
          { kind: 'ServiceAccount', name: 'nons' },
        ]),
      ],
      roleBindings: [rb('ns1', 'b', 'ClusterRole', 'reader', [{ kind: 'ServiceAccount', name: 'robot' }])],
    }),
  )
  assert.equal(
    authorize(attrs(u('system:serviceaccount:ns1:robot'))).reason,
    'RBAC: allowed by RoleBinding "b/ns1" of ClusterRole "reader" to ServiceAccount "robot/ns1"',
  )
  assert.equal(
    authorize(attrs(u('system:serviceaccount:other:sa'), { namespace: 'zzz' })).reason,
    'RBAC: allowed by ClusterRoleBinding "c" of ClusterRole "reader" to ServiceAccount "sa/other"',
  )
  assert.is(authorize(attrs(u('system:serviceaccount:ns2:robot'), { namespace: 'ns2' })).decision, 'NoOpinion')
  assert.is(authorize(attrs(u('system:serviceaccount::nons'))).decision, 'NoOpinion')
  assert.is(authorize(attrs(u('robot', ['system:serviceaccounts']))).decision, 'NoOpinion')
})

s('names the first allowing binding in upstream order: cluster bindings first, then list order, then subject order', () => {
  const authorize = rbacAuthorizer(
    objects({
      clusterRoles: [clusterRole('reader', [readPods]), clusterRole('nothing', [])],
      clusterRoleBindings: [
        crb('first-empty', 'nothing', [userSubject('bob')]),
        crb('second', 'reader', [groupSubject('g'), userSubject('bob')]),
        crb('third', 'reader', [userSubject('bob')]),
      ],
      roleBindings: [rb('ns1', 'local', 'ClusterRole', 'reader', [userSubject('bob')])],
    }),
  )
  assert.is(authorize(attrs(u('bob', ['g']))).reason, 'RBAC: allowed by ClusterRoleBinding "second" of ClusterRole "reader" to Group "g"')
  assert.is(authorize(attrs(u('bob'))).reason, 'RBAC: allowed by ClusterRoleBinding "second" of ClusterRole "reader" to User "bob"')
})

s("a binding to a missing role is no opinion with upstream's aggregate reason, not an error", () => {
  const authorize = rbacAuthorizer(
    objects({
      clusterRoleBindings: [
        crb('a', 'gone', [userSubject('bob')]),
        crb('b', 'gone', [groupSubject('g')]),
        crb('c', 'lost', [userSubject('bob')]),
      ],
    }),
  )
  assert.equal(authorize(attrs(u('bob'), { namespace: '' })), {
    decision: 'NoOpinion',
    reason: 'RBAC: [clusterrole.rbac.authorization.k8s.io "gone" not found, clusterrole.rbac.authorization.k8s.io "lost" not found]',
  })
  assert.equal(authorize(attrs(u('x', ['g']))), {
    decision: 'NoOpinion',
    reason: 'RBAC: clusterrole.rbac.authorization.k8s.io "gone" not found',
  })
  assert.equal(authorize(attrs(u('nobody'))), { decision: 'NoOpinion', reason: '' })
})

s('an allowing binding wins over missing roles of others', () => {
  const authorize = rbacAuthorizer(
    objects({
      clusterRoles: [clusterRole('reader', [readPods])],
      clusterRoleBindings: [crb('a', 'gone', [userSubject('bob')]), crb('b', 'reader', [userSubject('bob')])],
    }),
  )
  assert.is(authorize(attrs(u('bob'))).decision, 'Allow')
})

s('non-resource requests match nonResourceURLs', () => {
  const authorize = rbacAuthorizer(
    objects({
      clusterRoles: [clusterRole('h', [{ verbs: ['get'], nonResourceURLs: ['/healthz', '/metrics/*'] }])],
      clusterRoleBindings: [crb('h', 'h', [userSubject('bob')])],
    }),
  )
  const nr = (path: string, verb = 'get') =>
    authorize(attrs(u('bob'), { isResourceRequest: false, path, verb, namespace: '', resource: '' })).decision
  assert.is(nr('/healthz'), 'Allow')
  assert.is(nr('/metrics/x'), 'Allow')
  assert.is(nr('/metrics'), 'NoOpinion')
  assert.is(nr('/healthz', 'post'), 'NoOpinion')
})

s('examines the same number of rules with 1 and 10,000 unrelated bindings', () => {
  const count = (extra: number): number => {
    let n = 0
    const unrelated = Array.from({ length: extra }, (_, i) => crb(`x${i}`, 'reader', [userSubject(`user${i}`), groupSubject(`group${i}`)]))
    const unrelatedNs = Array.from({ length: extra }, (_, i) => rb(`other${i}`, `y${i}`, 'ClusterRole', 'reader', [groupSubject('devs')]))
    const authorize = rbacAuthorizer(
      objects({
        clusterRoles: [clusterRole('reader', [readPods, { verbs: ['get'], nonResourceURLs: ['/x'] }])],
        clusterRoleBindings: [...unrelated, crb('mine', 'reader', [groupSubject('devs')])],
        roleBindings: unrelatedNs,
      }),
      { onRuleExamined: () => void n++ },
    )
    assert.is(authorize(attrs(u('bob', ['devs']), { verb: 'watch' })).decision, 'NoOpinion')
    assert.is(authorize(attrs(u('bob', ['devs']))).decision, 'Allow')
    return n
  }
  const small = count(1)
  assert.is(small, 3)
  assert.is(count(10_000), small)
})

s.run()
