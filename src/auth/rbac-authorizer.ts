import type { AuthorizationAttributes, AuthorizationResult, Authorizer } from './authorizer.js'
import type { ClusterRoleBinding, PolicyRule, RbacObjects, RoleBinding, Subject } from './rbac-objects.js'
import { combinedResource, ruleAllows } from './rule-matches.js'

/** Build-time options of the RBAC authorizer. */
export interface RbacAuthorizerOptions {
  /** Called once per rule examined (for specs that count work); leave out in production. */
  readonly onRuleExamined?: () => void
}

/** One binding subject's grant: the role's rules (or why they are missing), in upstream's visit order. */
interface Grant {
  readonly order: number
  readonly rules: ReadonlyArray<PolicyRule>
  readonly allowed: AuthorizationResult
  readonly error: string | undefined
}

interface Scope {
  readonly users: Map<string, Grant[]>
  readonly groups: Map<string, Grant[]>
}

const noOpinion: AuthorizationResult = { decision: 'NoOpinion', reason: '' }

/**
 * Upstream's RBAC authorizer over a fixed set of objects, indexed at build time by user name and group,
 * cluster-wide and per namespace, so a request costs a few Map lookups and the rules of the bindings
 * that apply to its user, however many other bindings exist. Allow reasons are upstream's
 * (`RBAC: allowed by ClusterRoleBinding "x" of ClusterRole "y" to User "z"`, naming the first allowing
 * binding in upstream's visit order); otherwise NoOpinion, with `RBAC: <errors>` when an applicable
 * binding refers to a missing role. Port note: `aggregationRule` is not evaluated.
 * @example
 * const authorize = rbacAuthorizer(mergeRbacObjects(bootstrapPolicy, objects))
 */
export const rbacAuthorizer = (objects: RbacObjects, opts: RbacAuthorizerOptions = {}): Authorizer => {
  const cluster = newScope()
  const namespaces = new Map<string, Scope>()
  const rules = roleRules(objects)
  objects.clusterRoleBindings.forEach((b, i) => indexBinding(cluster, b, i, '', rules))
  const offset = objects.clusterRoleBindings.length
  objects.roleBindings.forEach((b, i) => {
    const ns = b.metadata.namespace
    const scope = namespaces.get(ns) ?? newScope()
    namespaces.set(ns, scope)
    indexBinding(scope, b, offset + i, ns, rules)
  })
  const allows = opts.onRuleExamined === undefined ? ruleAllows : counting(opts.onRuleExamined)
  return (attrs) => {
    const combined = attrs.isResourceRequest ? combinedResource(attrs) : ''
    const local = attrs.namespace === '' ? undefined : namespaces.get(attrs.namespace)
    let best = scan(cluster, attrs, combined, undefined, allows)
    if (local !== undefined) best = scan(local, attrs, combined, best, allows)
    return best !== undefined ? best.allowed : errorsOf([cluster, local], attrs)
  }
}

type Allows = (attrs: AuthorizationAttributes, combined: string, rule: PolicyRule) => boolean

const counting =
  (probe: () => void): Allows =>
  (attrs, combined, rule) => (probe(), ruleAllows(attrs, combined, rule))

/** The earliest allowing grant of a scope for the user's name and groups, if earlier than `best`. */
const scan = (
  scope: Scope,
  attrs: AuthorizationAttributes,
  combined: string,
  best: Grant | undefined,
  allows: Allows,
): Grant | undefined => {
  let found = firstAllowing(scope.users.get(attrs.user.name), attrs, combined, best, allows)
  for (const g of attrs.user.groups) found = firstAllowing(scope.groups.get(g), attrs, combined, found, allows)
  return found
}

/** The earliest grant (by upstream order) in `grants` that allows, if earlier than `best`. */
const firstAllowing = (
  grants: Grant[] | undefined,
  attrs: AuthorizationAttributes,
  combined: string,
  best: Grant | undefined,
  allows: Allows,
): Grant | undefined => {
  if (grants === undefined) return best
  for (const grant of grants) {
    if (best !== undefined && grant.order >= best.order) return best
    for (const rule of grant.rules) if (allows(attrs, combined, rule)) return grant
  }
  return best
}

const newScope = (): Scope => ({ users: new Map(), groups: new Map() })

/** Rules by role key (`ClusterRole/<name>`, `Role/<ns>/<name>`); a later definition replaces an earlier one. */
const roleRules = (objects: RbacObjects): Map<string, ReadonlyArray<PolicyRule>> => {
  const out = new Map<string, ReadonlyArray<PolicyRule>>()
  for (const r of objects.clusterRoles) out.set(`ClusterRole/${r.metadata.name}`, r.rules ?? [])
  for (const r of objects.roles) out.set(`Role/${r.metadata.namespace}/${r.metadata.name}`, r.rules ?? [])
  return out
}

const ORDER_SCALE = 2 ** 20

const indexBinding = (
  scope: Scope,
  b: ClusterRoleBinding | RoleBinding,
  index: number,
  ns: string,
  rules: Map<string, ReadonlyArray<PolicyRule>>,
): void => {
  const ref = b.roleRef
  const found = rules.get(ref.kind === 'ClusterRole' ? `ClusterRole/${ref.name}` : `Role/${ns}/${ref.name}`)
  const error =
    found === undefined ? `${ref.kind.toLowerCase()}.rbac.authorization.k8s.io ${JSON.stringify(ref.name)} not found` : undefined
  ;(b.subjects ?? []).forEach((s, j) => {
    const target = subjectKey(s, ns)
    if (target === undefined) return
    const source =
      b.kind === 'ClusterRoleBinding'
        ? `ClusterRoleBinding ${JSON.stringify(b.metadata.name)}`
        : `RoleBinding ${JSON.stringify(`${b.metadata.name}/${ns}`)}`
    const reason = `RBAC: allowed by ${source} of ${ref.kind} ${JSON.stringify(ref.name)} to ${describeSubject(s, ns)}`
    const grant: Grant = {
      order: index * ORDER_SCALE + Math.min(j, ORDER_SCALE - 1),
      rules: found ?? [],
      allowed: { decision: 'Allow', reason },
      error,
    }
    const map = target.group ? scope.groups : scope.users
    const list = map.get(target.name) ?? []
    list.push(grant)
    map.set(target.name, list)
  })
}

/** Where a subject is looked up: users by name (service accounts by their user name), groups by name. */
const subjectKey = (s: Subject, bindingNs: string): { readonly group: boolean; readonly name: string } | undefined => {
  if (s.kind === 'Group') return { group: true, name: s.name }
  if (s.kind === 'User') return { group: false, name: s.name }
  const ns = s.namespace !== undefined && s.namespace !== '' ? s.namespace : bindingNs
  return ns === '' ? undefined : { group: false, name: `system:serviceaccount:${ns}:${s.name}` }
}

/** Upstream `describeSubject`: `ServiceAccount "name/namespace"`, else `<Kind> "<name>"`. */
const describeSubject = (s: Subject, bindingNs: string): string =>
  s.kind === 'ServiceAccount'
    ? `ServiceAccount ${JSON.stringify(`${s.name}/${s.namespace !== undefined && s.namespace !== '' ? s.namespace : bindingNs}`)}`
    : `${s.kind} ${JSON.stringify(s.name)}`

/** NoOpinion, with upstream's aggregate of missing-role errors of the bindings that apply. */
const errorsOf = (scopes: ReadonlyArray<Scope | undefined>, attrs: AuthorizationAttributes): AuthorizationResult => {
  const failing: Grant[] = []
  for (const scope of scopes) {
    if (scope === undefined) continue
    for (const g of [...(scope.users.get(attrs.user.name) ?? []), ...attrs.user.groups.flatMap((n) => scope.groups.get(n) ?? [])])
      if (g.error !== undefined) failing.push(g)
  }
  if (failing.length === 0) return noOpinion
  const messages = [...new Set(failing.sort((a, b) => a.order - b.order).map((g) => g.error))]
  return { decision: 'NoOpinion', reason: `RBAC: ${messages.length === 1 ? messages[0] : `[${messages.join(', ')}]`}` }
}
