import type { UserInfo } from '../auth/user.js'
import type { RequestInfo } from '../request/request-info.js'
import type { GroupResources, Level, Policy, PolicyRule, Stage } from './policy.js'

/** What the policy decides for a request: its level and the stages not to emit. */
export interface AuditDecision {
  readonly level: Level
  readonly omitStages: ReadonlySet<Stage>
  readonly omitManagedFields: boolean
}

/**
 * Decides the audit level of a request from its user (`undefined` when authentication failed) and its
 * RequestInfo (upstream `PolicyRuleEvaluator.EvaluatePolicyRule` over authorizer attributes). The
 * decisions are made when the policy is compiled, so deciding allocates nothing.
 */
export interface PolicyEvaluator {
  (user: UserInfo | undefined, info: RequestInfo): AuditDecision
  /** The decision for every request when the policy cannot tell requests apart, else `undefined`. */
  readonly fixed: AuditDecision | undefined
}

type Matcher = (user: UserInfo | undefined, info: RequestInfo) => boolean

/**
 * Compiles a policy once (upstream `policy.NewChecker`): rules in order, the first match wins, no match is
 * level None with the policy's omitStages; each rule's omitStages are unioned with the policy's.
 * A policy that can only ever answer None (no rules, or only None rules) decides with a constant.
 * @example
 * const evaluate = policyEvaluator({ apiVersion: 'audit.k8s.io/v1', kind: 'Policy', rules: [{ level: 'Metadata' }] })
 * evaluate(user, info).level // 'Metadata'
 */
export const policyEvaluator = (policy: Policy): PolicyEvaluator => {
  const base = policy.omitStages ?? []
  const fallback = decision('None', base, policy.omitManagedFields ?? false)
  if (policy.rules.every((r) => r.level === 'None')) return constant(fallback)
  const rules = policy.rules.map((r) => ({
    matches: compileRule(r),
    decision: decision(r.level, [...base, ...(r.omitStages ?? [])], r.omitManagedFields ?? policy.omitManagedFields ?? false),
  }))
  const first = rules[0]
  if (first !== undefined && isUnrestricted(policy.rules[0] as PolicyRule)) return constant(first.decision)
  const evaluate = (user: UserInfo | undefined, info: RequestInfo): AuditDecision => {
    for (const rule of rules) if (rule.matches(user, info)) return rule.decision
    return fallback
  }
  return Object.assign(evaluate, { fixed: undefined })
}

const constant = (d: AuditDecision): PolicyEvaluator => Object.assign(() => d, { fixed: d })

const decision = (level: Level, omit: ReadonlyArray<Stage>, omitManagedFields: boolean): AuditDecision => ({
  level,
  omitStages: new Set(omit),
  omitManagedFields,
})

const nonEmpty = (xs: ReadonlyArray<unknown> | undefined): boolean => xs !== undefined && xs.length > 0

const isUnrestricted = (r: PolicyRule): boolean =>
  !nonEmpty(r.users) &&
  !nonEmpty(r.userGroups) &&
  !nonEmpty(r.verbs) &&
  !nonEmpty(r.resources) &&
  !nonEmpty(r.namespaces) &&
  !nonEmpty(r.nonResourceURLs)

const compileRule = (r: PolicyRule): Matcher => {
  const users = nonEmpty(r.users) ? new Set(r.users) : undefined
  const groups = nonEmpty(r.userGroups) ? new Set(r.userGroups) : undefined
  const verbs = nonEmpty(r.verbs) ? new Set(r.verbs) : undefined
  const target =
    nonEmpty(r.resources) || nonEmpty(r.namespaces)
      ? resourceMatcher(r)
      : nonEmpty(r.nonResourceURLs)
        ? nonResourceMatcher(r.nonResourceURLs ?? [])
        : undefined
  return (user, info) => {
    if (users !== undefined && (user === undefined || !users.has(user.name))) return false
    if (groups !== undefined && (user === undefined || !user.groups.some((g) => groups.has(g)))) return false
    if (verbs !== undefined && !verbs.has(info.verb)) return false
    return target === undefined || target(info)
  }
}

const nonResourceMatcher = (specs: ReadonlyArray<string>): ((info: RequestInfo) => boolean) => {
  const any = specs.includes('*')
  const exact = new Set(specs)
  const prefixes = specs.filter((s) => s.endsWith('*')).map((s) => s.replace(/\*+$/, ''))
  return (info) => !info.isResourceRequest && (any || exact.has(info.path) || prefixes.some((p) => info.path.startsWith(p)))
}

const resourceMatcher = (r: PolicyRule): ((info: RequestInfo) => boolean) => {
  const namespaces = nonEmpty(r.namespaces) ? new Set(r.namespaces) : undefined
  const groups = r.resources ?? []
  return (info) => {
    if (!info.isResourceRequest) return false
    if (namespaces !== undefined && !namespaces.has(info.namespace)) return false
    return groups.length === 0 || groups.some((gr) => groupResourceMatches(gr, info))
  }
}

/** Upstream `ruleMatchesResource` for one GroupResources entry: `res`, `res/sub`, `*`, `*\/sub`, `res/*`. */
const groupResourceMatches = (gr: GroupResources, info: RequestInfo): boolean => {
  if ((gr.group ?? '') !== info.apiGroup) return false
  const resources = gr.resources ?? []
  if (resources.length === 0) return true
  if (nonEmpty(gr.resourceNames) && !(gr.resourceNames ?? []).includes(info.name)) return false
  const sub = info.subresource
  const combined = sub === '' ? info.resource : `${info.resource}/${sub}`
  return resources.some(
    (res) =>
      res === combined ||
      res === '*' ||
      (sub !== '' && res.startsWith('*/') && res.slice(2) === sub) ||
      (res.endsWith('/*') && res.slice(0, -2) === info.resource),
  )
}

/** The evaluator that audits nothing; auditing switched off. */
export const noneEvaluator: PolicyEvaluator = policyEvaluator({ apiVersion: 'audit.k8s.io/v1', kind: 'Policy', rules: [] })
