import type { ClusterRoleBinding, PolicyRule, RbacObjects, RoleBinding, Subject } from './rbac-objects.js'
import { type NonResourceRule, type ResourceRule, type RulesResolver, aggregateErrors } from './rules-resolver.js'
import type { UserInfo } from './user.js'

type Strings = ReadonlyArray<string> | null | undefined

/** A binding with its role's rules resolved at build time, or the error upstream reports for a missing role. */
interface ResolvedBinding {
  readonly subjects: ReadonlyArray<Subject>
  readonly rules: ReadonlyArray<PolicyRule>
  readonly error: string
}

/**
 * Upstream RBAC `RulesFor` (`DefaultRuleResolver.VisitRulesFor`): the rules of every ClusterRoleBinding
 * whose subjects include the user (by name, group, or service account user name), in the order given,
 * then those of the namespace's RoleBindings. A rule naming resources becomes a resource rule, one naming
 * URLs a non-resource rule (both when it names both; neither when it names none). A binding whose role
 * is missing adds `clusterrole.rbac.authorization.k8s.io "x" not found` to the evaluation error; the
 * answer is never incomplete, as upstream's. Port note: `aggregationRule` is not evaluated.
 * @example
 * const rules = rbacRulesResolver(withBootstrapPolicy(objects))
 * rules(user, 'default').resourceRules
 */
export const rbacRulesResolver = (objects: RbacObjects): RulesResolver => {
  const roles = roleRules(objects)
  const cluster = objects.clusterRoleBindings.map((b) => resolve(b, '', roles))
  const byNamespace = new Map<string, ResolvedBinding[]>()
  for (const b of objects.roleBindings) {
    const ns = b.metadata.namespace
    byNamespace.set(ns, [...(byNamespace.get(ns) ?? []), resolve(b, ns, roles)])
  }
  return (user, namespace) => {
    const local = namespace === '' ? [] : (byNamespace.get(namespace) ?? [])
    const applying = [
      ...cluster.filter((b) => appliesTo(user, b.subjects, '')),
      ...local.filter((b) => appliesTo(user, b.subjects, namespace)),
    ]
    const rules = applying.flatMap((b) => b.rules)
    return {
      resourceRules: rules.filter((r) => nonEmpty(r.resources)).map(resourceRule),
      nonResourceRules: rules.filter((r) => nonEmpty(r.nonResourceURLs)).map(nonResourceRule),
      incomplete: false,
      evaluationError: aggregateErrors(applying.map((b) => b.error)),
    }
  }
}

/** Rules by role key (`ClusterRole/<name>`, `Role/<ns>/<name>`); a later definition replaces an earlier one, as the authorizer's. */
const roleRules = (objects: RbacObjects): Map<string, ReadonlyArray<PolicyRule>> => {
  const out = new Map<string, ReadonlyArray<PolicyRule>>()
  for (const r of objects.clusterRoles) out.set(`ClusterRole/${r.metadata.name}`, r.rules ?? [])
  for (const r of objects.roles) out.set(`Role/${r.metadata.namespace}/${r.metadata.name}`, r.rules ?? [])
  return out
}

const resolve = (b: ClusterRoleBinding | RoleBinding, ns: string, roles: Map<string, ReadonlyArray<PolicyRule>>): ResolvedBinding => {
  const ref = b.roleRef
  const rules = roles.get(ref.kind === 'ClusterRole' ? `ClusterRole/${ref.name}` : `Role/${ns}/${ref.name}`)
  const error = rules === undefined ? `${ref.kind.toLowerCase()}.rbac.authorization.k8s.io ${JSON.stringify(ref.name)} not found` : ''
  return { subjects: b.subjects ?? [], rules: rules ?? [], error }
}

/** Upstream `appliesTo`: a subject naming the user, one of its groups, or its service account (defaulting to the binding's namespace). */
const appliesTo = (user: UserInfo, subjects: ReadonlyArray<Subject>, bindingNs: string): boolean =>
  subjects.some((s) => {
    if (s.kind === 'User') return s.name === user.name
    if (s.kind === 'Group') return user.groups.includes(s.name)
    const ns = s.namespace !== undefined && s.namespace !== '' ? s.namespace : bindingNs
    return ns !== '' && user.name === `system:serviceaccount:${ns}:${s.name}`
  })

const nonEmpty = (xs: Strings): xs is ReadonlyArray<string> => xs !== null && xs !== undefined && xs.length > 0

const resourceRule = (r: PolicyRule): ResourceRule => ({
  verbs: r.verbs,
  ...(nonEmpty(r.apiGroups) ? { apiGroups: r.apiGroups } : {}),
  ...(nonEmpty(r.resources) ? { resources: r.resources } : {}),
  ...(nonEmpty(r.resourceNames) ? { resourceNames: r.resourceNames } : {}),
})

const nonResourceRule = (r: PolicyRule): NonResourceRule => ({ verbs: r.verbs, nonResourceURLs: r.nonResourceURLs ?? [] })
