import { wellKnown } from './user.js'
import type { ClusterRole, ClusterRoleBinding, RbacObjects } from './rbac-objects.js'

const clusterRole = (name: string, rules: ClusterRole['rules']): ClusterRole => ({ kind: 'ClusterRole', metadata: { name }, rules })

const bindGroups = (name: string, groups: ReadonlyArray<string>): ClusterRoleBinding => ({
  kind: 'ClusterRoleBinding',
  metadata: { name },
  roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name },
  subjects: groups.map((g) => ({ kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name: g })),
})

/**
 * What `system:public-info-viewer` lets everyone `get`: upstream's `/livez`, `/readyz`, `/healthz`,
 * `/version`, `/version/`, and (a deliberate addition the product asks for) their subtrees, so the
 * per-check health paths (`/readyz/shutdown`) are public like the root ones, whose `?verbose` body
 * already names every check.
 */
const publicInfoPaths = ['/livez', '/livez/*', '/readyz', '/readyz/*', '/healthz', '/healthz/*', '/version', '/version/', '/version/*']

/**
 * What `system:monitoring` lets its group `get` (upstream's role of that name): the metrics endpoints and
 * the health endpoints with each check's path.
 */
const monitoringPaths = ['/metrics', '/metrics/slis', '/livez', '/readyz', '/healthz', '/livez/*', '/readyz/*', '/healthz/*']

/**
 * Upstream's bootstrap policy (`bootstrappolicy/policy.go`), the part the generic server needs:
 * `cluster-admin` for `system:masters`; `system:public-info-viewer` (`get` on `publicInfoPaths`) for everyone; `system:discovery` (those plus `/api`, `/apis`,
 * `/openapi` and their subtrees) and `system:basic-user` (self subject reviews) for authenticated users;
 * `system:monitoring` (`get` on `/metrics`, `/metrics/slis` and the health paths) for the `system:monitoring` group.
 * Each binding is named after its role, as upstream.
 * @example
 * const authorize = rbacAuthorizer(withBootstrapPolicy(objects))
 */
export const bootstrapPolicy: RbacObjects = {
  roles: [],
  roleBindings: [],
  clusterRoles: [
    clusterRole('cluster-admin', [
      { verbs: ['*'], apiGroups: ['*'], resources: ['*'] },
      { verbs: ['*'], nonResourceURLs: ['*'] },
    ]),
    clusterRole('system:discovery', [
      {
        verbs: ['get'],
        nonResourceURLs: [
          '/livez',
          '/readyz',
          '/healthz',
          '/version',
          '/version/',
          '/openapi',
          '/openapi/*',
          '/api',
          '/api/*',
          '/apis',
          '/apis/*',
        ],
      },
    ]),
    clusterRole('system:basic-user', [
      { verbs: ['create'], apiGroups: ['authorization.k8s.io'], resources: ['selfsubjectaccessreviews', 'selfsubjectrulesreviews'] },
      { verbs: ['create'], apiGroups: ['authentication.k8s.io'], resources: ['selfsubjectreviews'] },
    ]),
    clusterRole('system:public-info-viewer', [{ verbs: ['get'], nonResourceURLs: publicInfoPaths }]),
    clusterRole('system:monitoring', [{ verbs: ['get'], nonResourceURLs: monitoringPaths }]),
  ],
  clusterRoleBindings: [
    bindGroups('cluster-admin', [wellKnown.systemPrivilegedGroup]),
    bindGroups('system:discovery', [wellKnown.allAuthenticated]),
    bindGroups('system:basic-user', [wellKnown.allAuthenticated]),
    bindGroups('system:public-info-viewer', [wellKnown.allAuthenticated, wellKnown.allUnauthenticated]),
    bindGroups('system:monitoring', [wellKnown.monitoringGroup]),
  ],
}

/**
 * The bootstrap policy plus `objects`. An object of the same kind, namespace and name as a bootstrap
 * one replaces it (port note: upstream reconciles bootstrap roles at start instead).
 */
export const withBootstrapPolicy = (objects: RbacObjects): RbacObjects => {
  const clusterRoleNames = new Set(objects.clusterRoles.map((r) => r.metadata.name))
  const bindingNames = new Set(objects.clusterRoleBindings.map((b) => b.metadata.name))
  return {
    roles: objects.roles,
    roleBindings: objects.roleBindings,
    clusterRoles: [...bootstrapPolicy.clusterRoles.filter((r) => !clusterRoleNames.has(r.metadata.name)), ...objects.clusterRoles],
    clusterRoleBindings: [
      ...bootstrapPolicy.clusterRoleBindings.filter((b) => !bindingNames.has(b.metadata.name)),
      ...objects.clusterRoleBindings,
    ],
  }
}
