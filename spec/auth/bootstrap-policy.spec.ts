import fc from 'fast-check'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import type { AuthorizationAttributes } from '../../src/auth/authorizer.js'
import { bootstrapPolicy, withBootstrapPolicy } from '../../src/auth/bootstrap-policy.js'
import { noRbacObjects } from '../../src/auth/rbac-objects.js'
import { rbacAuthorizer } from '../../src/auth/rbac-authorizer.js'
import type { UserInfo } from '../../src/auth/user.js'

const authorize = rbacAuthorizer(bootstrapPolicy)
const anonymous: UserInfo = { name: 'system:anonymous', uid: '', groups: ['system:unauthenticated'], extra: {} }
const bob: UserInfo = { name: 'bob', uid: '', groups: ['system:authenticated'], extra: {} }
const admin: UserInfo = { name: 'root', uid: '', groups: ['system:masters', 'system:authenticated'], extra: {} }
const path = (user: UserInfo, p: string, verb = 'get'): AuthorizationAttributes => ({
  user,
  verb,
  isResourceRequest: false,
  path: p,
  namespace: '',
  apiGroup: '',
  apiVersion: '',
  resource: '',
  subresource: '',
  name: '',
})
const resource = (user: UserInfo, verb: string, apiGroup: string, res: string, namespace = ''): AuthorizationAttributes => ({
  user,
  verb,
  isResourceRequest: true,
  path: '',
  namespace,
  apiGroup,
  apiVersion: 'v1',
  resource: res,
  subresource: '',
  name: '',
})
const publicPaths = ['/livez', '/readyz', '/healthz', '/version', '/version/']
const publicTrees = ['/livez/', '/readyz/', '/healthz/', '/version/']
const isPublic = (p: string): boolean => publicPaths.includes(p) || publicTrees.some((t) => p.startsWith(t))

const s = suite('bootstrapPolicy')

s('lets everyone get the public info paths, naming system:public-info-viewer', () => {
  for (const p of publicPaths)
    assert.equal(authorize(path(anonymous, p)), {
      decision: 'Allow',
      reason:
        'RBAC: allowed by ClusterRoleBinding "system:public-info-viewer" of ClusterRole "system:public-info-viewer" to Group "system:unauthenticated"',
    })
  assert.is(authorize(path(anonymous, '/healthz', 'post')).decision, 'NoOpinion')
  assert.is(authorize(path(anonymous, '/healthz/ping')).decision, 'Allow')
  assert.is(authorize(path(anonymous, '/healthzx')).decision, 'NoOpinion')
  assert.is(authorize(path(anonymous, '/metrics')).decision, 'NoOpinion')
  assert.is(authorize(path(anonymous, '/apis')).decision, 'NoOpinion')
})

s('an anonymous client is allowed only GET on the public info paths (property)', () => {
  const segment = fc.constantFrom('healthz', 'livez', 'readyz', 'version', 'api', 'apis', 'openapi', 'metrics', '', 'x', '*')
  const anyPath = fc.array(segment, { maxLength: 4 }).map((xs) => `/${xs.join('/')}`)
  const verb = fc.constantFrom('get', 'post', 'put', 'delete', 'patch', 'head', 'options', 'list', 'watch', '*')
  fc.assert(
    fc.property(anyPath, verb, fc.boolean(), (p, v, isResource) => {
      const attrs = isResource ? resource(anonymous, v, '', p.split('/')[1] ?? '') : path(anonymous, p, v)
      const allowed = authorize(attrs).decision === 'Allow'
      return allowed === (!isResource && v === 'get' && isPublic(p))
    }),
    { numRuns: 500 },
  )
})

s('gives authenticated users discovery and self subject reviews, nothing else', () => {
  assert.is(
    authorize(path(bob, '/apis/apps/v1')).reason,
    'RBAC: allowed by ClusterRoleBinding "system:discovery" of ClusterRole "system:discovery" to Group "system:authenticated"',
  )
  assert.is(authorize(path(bob, '/openapi/v2')).decision, 'Allow')
  assert.is(authorize(path(bob, '/api')).decision, 'Allow')
  assert.is(authorize(path(bob, '/metrics')).decision, 'NoOpinion')
  assert.is(
    authorize(resource(bob, 'create', 'authorization.k8s.io', 'selfsubjectaccessreviews')).reason,
    'RBAC: allowed by ClusterRoleBinding "system:basic-user" of ClusterRole "system:basic-user" to Group "system:authenticated"',
  )
  assert.is(authorize(resource(bob, 'create', 'authentication.k8s.io', 'selfsubjectreviews')).decision, 'Allow')
  assert.is(authorize(resource(bob, 'list', '', 'configmaps', 'default')).decision, 'NoOpinion')
})

s('gives system:masters everything', () => {
  assert.is(
    authorize(resource(admin, 'delete', 'apps', 'deployments', 'x')).reason,
    'RBAC: allowed by ClusterRoleBinding "cluster-admin" of ClusterRole "cluster-admin" to Group "system:masters"',
  )
  assert.is(authorize(path(admin, '/anything', 'post')).decision, 'Allow')
})

s('lets the system:monitoring group get /metrics, /metrics/slis and the health paths, and nobody else /metrics', () => {
  const monitor = { name: 'prometheus', uid: '9', groups: ['system:monitoring', 'system:authenticated'], extra: {} }
  assert.is(
    authorize(path(monitor, '/metrics')).reason,
    'RBAC: allowed by ClusterRoleBinding "system:monitoring" of ClusterRole "system:monitoring" to Group "system:monitoring"',
  )
  for (const p of ['/metrics/slis', '/readyz/shutdown', '/livez']) assert.is(authorize(path(monitor, p)).decision, 'Allow', p)
  assert.is(authorize(path(monitor, '/metrics', 'delete')).decision, 'NoOpinion')
  assert.is(authorize(path(anonymous, '/metrics')).decision, 'NoOpinion')
})

const w = suite('withBootstrapPolicy')
w('adds the bootstrap objects before the given ones; same-named ones replace them', () => {
  const mine = {
    ...noRbacObjects,
    clusterRoles: [{ kind: 'ClusterRole' as const, metadata: { name: 'system:public-info-viewer' }, rules: [] }],
  }
  const merged = withBootstrapPolicy(mine)
  assert.equal(
    merged.clusterRoles.map((r) => r.metadata.name),
    ['cluster-admin', 'system:discovery', 'system:basic-user', 'system:monitoring', 'system:public-info-viewer'],
  )
  assert.equal(merged.clusterRoles[4]?.rules, [])
  assert.is(merged.clusterRoleBindings.length, 5)
  assert.is(rbacAuthorizer(merged)(path(anonymous, '/healthz')).decision, 'NoOpinion')
})

s.run()
w.run()
