// What the secure-chain rows share: one bearer token, RBAC with the bootstrap policy plus a reader role
// bound to the token's group, and the request the load generator sends.
import * as E from 'fp-ts/lib/Either.js'
import {
  type UserInfo,
  anonymousAuthenticator,
  authenticatedGroupAdder,
  bearerTokenAuthenticator,
  parseRbacObjects,
  rbacAuthorizer,
  staticTokenAuthenticator,
  unionAuthenticator,
  withBootstrapPolicy,
} from '../../src/auth/index.js'
import type { SecurityParts } from '../../src/chains/index.js'
import { type Config, newConfig } from '../../src/config/index.js'

/** The token every secure row is loaded with, and the path it asks for (a namespaced list). */
export const benchToken = 'bench-token-0123456789abcdef'
export const securePath = '/api/v1/namespaces/default/pods'

const user: UserInfo = { name: 'bench', uid: '1000', groups: ['bench-readers'], extra: {} }

const policy = `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: { name: pod-reader }
rules: [{ apiGroups: [''], resources: [pods], verbs: [get, list, watch] }]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: { name: bench-readers }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: pod-reader }
subjects: [{ kind: Group, apiGroup: rbac.authorization.k8s.io, name: bench-readers }]
`

/** Upstream's composition: bearer tokens with the authenticated group, then anonymous; RBAC over the bootstrap policy. */
export const secureParts = (): Omit<SecurityParts, 'audit'> => {
  const objects = parseRbacObjects(policy, 'bench-policy.yaml')
  if (E.isLeft(objects)) throw new Error('bench RBAC policy does not parse')
  const tokens = authenticatedGroupAdder(bearerTokenAuthenticator(staticTokenAuthenticator(new Map([[benchToken, user]]))))
  return {
    authenticator: unionAuthenticator([tokens, anonymousAuthenticator()], { failOnError: true }),
    authorizer: rbacAuthorizer(withBootstrapPolicy(objects.right)),
  }
}

/** Upstream's default Config. */
export const defaultConfig = (): Config => {
  const cfg = newConfig()
  if (E.isLeft(cfg)) throw new Error('default config does not decode')
  return cfg.right
}
