// Spec support: RBAC objects and users in one line each, for the authorizer and rules-resolver specs.
import type { ClusterRole, ClusterRoleBinding, PolicyRule, RbacObjects, Role, RoleBinding, Subject } from '../../src/auth/rbac-objects.js'
import { noRbacObjects } from '../../src/auth/rbac-objects.js'
import type { UserInfo } from '../../src/auth/user.js'

const G = 'rbac.authorization.k8s.io'

export const u = (name: string, groups: string[] = []): UserInfo => ({ name, uid: '', groups, extra: {} })
export const clusterRole = (name: string, rules: PolicyRule[]): ClusterRole => ({ kind: 'ClusterRole', metadata: { name }, rules })
export const role = (ns: string, name: string, rules: PolicyRule[]): Role => ({ kind: 'Role', metadata: { name, namespace: ns }, rules })
export const crb = (name: string, roleName: string, subjects: Subject[]): ClusterRoleBinding => ({
  kind: 'ClusterRoleBinding',
  metadata: { name },
  roleRef: { apiGroup: G, kind: 'ClusterRole', name: roleName },
  subjects,
})
export const rb = (ns: string, name: string, kind: 'Role' | 'ClusterRole', roleName: string, subjects: Subject[]): RoleBinding => ({
  kind: 'RoleBinding',
  metadata: { name, namespace: ns },
  roleRef: { apiGroup: G, kind, name: roleName },
  subjects,
})
export const objects = (o: Partial<RbacObjects>): RbacObjects => ({ ...noRbacObjects, ...o })
export const readPods: PolicyRule = { verbs: ['get', 'list'], apiGroups: [''], resources: ['pods'] }
