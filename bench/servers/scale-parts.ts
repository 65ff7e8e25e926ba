// What the scaling servers share: the bench user and token of the secure rows, RBAC with `extra`
// non-matching ClusterRoleBindings placed before the one that matches, and the routed paths.
import * as E from 'fp-ts/lib/Either.js'
import {
  type ClusterRoleBinding,
  type UserInfo,
  anonymousAuthenticator,
  authenticatedGroupAdder,
  bearerTokenAuthenticator,
  mergeRbacObjects,
  noRbacObjects,
  parseRbacObjects,
  rbacAuthorizer,
  rbacGroup,
  staticTokenAuthenticator,
  unionAuthenticator,
  withBootstrapPolicy,
} from '../../src/auth/index.js'
import type { SecurityParts } from '../../src/chains/index.js'
import { benchToken } from './secure-parts.js'

const user: UserInfo = { name: 'bench', uid: '1000', groups: ['bench-readers'], extra: {} }

const policy = `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: { name: bench-reader }
rules: [{ apiGroups: ['*'], resources: [pods, widgets], verbs: [get, list, watch] }]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: { name: bench-readers }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: bench-reader }
subjects: [{ kind: Group, apiGroup: rbac.authorization.k8s.io, name: bench-readers }]
`

/** Binding i grants the reader role to a user and a group the bench user is not. */
const otherBinding = (i: number): ClusterRoleBinding => ({
  kind: 'ClusterRoleBinding',
  metadata: { name: `other-readers-${i}` },
  roleRef: { apiGroup: rbacGroup, kind: 'ClusterRole', name: 'bench-reader' },
  subjects: [
    { kind: 'User', apiGroup: rbacGroup, name: `other-user-${i}` },
    { kind: 'Group', apiGroup: rbacGroup, name: `other-group-${i}` },
  ],
})

/** Token authentication as in the secure rows; RBAC over the bootstrap policy, `extra` other bindings, then the bench one. */
export const scaleParts = (extra: number): Omit<SecurityParts, 'audit'> => {
  const objects = parseRbacObjects(policy, 'bench-scale-policy.yaml')
  if (E.isLeft(objects)) throw new Error('bench scale RBAC policy does not parse')
  const others = { ...noRbacObjects, clusterRoleBindings: Array.from({ length: extra }, (_, i) => otherBinding(i)) }
  const tokens = authenticatedGroupAdder(bearerTokenAuthenticator(staticTokenAuthenticator(new Map([[benchToken, user]]))))
  return {
    authenticator: unionAuthenticator([tokens, anonymousAuthenticator()], { failOnError: true }),
    authorizer: rbacAuthorizer(withBootstrapPolicy(mergeRbacObjects(others, objects.right))),
  }
}

/** The root of registered route i, and the path the load generator asks for when it hits route i. */
export const routeRoot = (i: number): string => `/apis/group${i}.example.io/v1`
export const routePath = (i: number): string => `${routeRoot(i)}/namespaces/default/widgets`

/** A non-negative integer from the environment (the scale servers' size parameter). */
export const envCount = (name: string): number => {
  const n = Number(process.env[name] ?? '')
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name}: expected a non-negative integer, got ${process.env[name]}`)
  return n
}
