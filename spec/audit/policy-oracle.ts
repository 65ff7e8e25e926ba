// Spec support: a slow oracle of upstream's audit policy checker, and arbitraries for policies and requests.
import fc from 'fast-check'
import type { Level, Policy, PolicyRule, Stage } from '../../src/audit/policy.js'
import type { UserInfo } from '../../src/auth/user.js'
import type { RequestInfo } from '../../src/request/request-info.js'
import { resourceInfo } from '../support/request-info.js'

// A slow oracle straight from upstream's checker, against the compiled evaluator.
const oracleMatches = (r: PolicyRule, user: UserInfo | undefined, info: RequestInfo): boolean => {
  if (r.users?.length && (user === undefined || !r.users.includes(user.name))) return false
  if (r.userGroups?.length && (user === undefined || !user.groups.some((g) => r.userGroups?.includes(g)))) return false
  if (r.verbs?.length && !r.verbs.includes(info.verb)) return false
  if (r.namespaces?.length || r.resources?.length) {
    if (!info.isResourceRequest) return false
    if (r.namespaces?.length && !r.namespaces.includes(info.namespace)) return false
    if (!r.resources?.length) return true
    const combined = info.subresource ? `${info.resource}/${info.subresource}` : info.resource
    for (const gr of r.resources) {
      if ((gr.group ?? '') !== info.apiGroup) continue
      if (!gr.resources?.length) return true
      for (const res of gr.resources) {
        if (gr.resourceNames?.length && !gr.resourceNames.includes(info.name)) continue
        if (res === combined || res === '*') return true
        if (info.subresource && res.startsWith('*/') && info.subresource === res.slice(2)) return true
        if (res.endsWith('/*') && info.resource === res.slice(0, -2)) return true
      }
    }
    return false
  }
  if (r.nonResourceURLs?.length) {
    if (info.isResourceRequest) return false
    return r.nonResourceURLs.some((s) => s === '*' || s === info.path || (s.endsWith('*') && info.path.startsWith(s.replace(/\*+$/, ''))))
  }
  return true
}
/** The first rule matching, as upstream's checker finds it. */
export const oracleRule = (p: Policy, user: UserInfo | undefined, info: RequestInfo): PolicyRule | undefined =>
  p.rules.find((r) => oracleMatches(r, user, info))

/** The level upstream's checker decides. */
export const oracleLevel = (p: Policy, user: UserInfo | undefined, info: RequestInfo): Level => oracleRule(p, user, info)?.level ?? 'None'

export const arbRule: fc.Arbitrary<PolicyRule> = fc.record(
  {
    level: fc.constantFrom<Level>('None', 'Metadata', 'Request', 'RequestResponse'),
    users: fc.subarray(['tim', 'bob']),
    userGroups: fc.subarray(['humans', 'system:authenticated']),
    verbs: fc.subarray(['get', 'list', 'create']),
    namespaces: fc.subarray(['', 'default']),
    resources: fc.array(
      fc.record({
        group: fc.constantFrom('', 'apps'),
        resources: fc.subarray(['pods', 'pods/log', '*', '*/log', 'pods/*']),
        resourceNames: fc.subarray(['web']),
      }),
      { maxLength: 2 },
    ),
    nonResourceURLs: fc.subarray(['/healthz', '/logs*', '*']),
    omitStages: fc.subarray<Stage>(['RequestReceived', 'ResponseStarted']),
  },
  { requiredKeys: ['level'] },
)
export const arbAttrs: fc.Arbitrary<{ user: UserInfo | undefined; info: RequestInfo }> = fc.record({
  user: fc.option(
    fc.record({
      name: fc.constantFrom('tim', 'bob', 'eve'),
      uid: fc.constant(''),
      groups: fc.subarray(['humans', 'system:authenticated']),
      extra: fc.constant({}),
    }),
    { nil: undefined },
  ),
  info: fc.oneof(
    fc
      .record({
        verb: fc.constantFrom('get', 'list', 'create'),
        ns: fc.constantFrom('', 'default', 'other'),
        group: fc.constantFrom('', 'apps'),
        resource: fc.constantFrom('pods', 'deployments'),
        sub: fc.constantFrom('', 'log', 'status'),
        name: fc.constantFrom('', 'web', 'db'),
      })
      .map((x) => resourceInfo(x.verb, x.resource, { namespace: x.ns, apiGroup: x.group, subresource: x.sub, name: x.name })),
    fc
      .record({ verb: fc.constantFrom('get', 'post'), path: fc.constantFrom('/healthz', '/logs', '/logs/x', '/metrics') })
      .map((x) => ({ ...resourceInfo(x.verb, ''), isResourceRequest: false, path: x.path })),
  ),
})
