import type { UserInfo } from './user.js'

/** What a subject may do to resources (`authorization.k8s.io/v1` ResourceRule); absent lists mean none. */
export interface ResourceRule {
  readonly verbs: ReadonlyArray<string>
  readonly apiGroups?: ReadonlyArray<string>
  readonly resources?: ReadonlyArray<string>
  readonly resourceNames?: ReadonlyArray<string>
}

/** What a subject may do to non-resource URLs (`authorization.k8s.io/v1` NonResourceRule). */
export interface NonResourceRule {
  readonly verbs: ReadonlyArray<string>
  readonly nonResourceURLs?: ReadonlyArray<string>
}

/**
 * The rules one user has in one namespace (upstream `RulesFor`'s four results): `incomplete` when an
 * authorizer cannot list what it would allow; `evaluationError` when some rules could not be read.
 */
export interface SubjectRules {
  readonly resourceRules: ReadonlyArray<ResourceRule>
  readonly nonResourceRules: ReadonlyArray<NonResourceRule>
  readonly incomplete: boolean
  /** `''` when there was none. */
  readonly evaluationError: string
}

/** Lists what a user may do in a namespace (upstream `authorizer.RuleResolver`); the rules may repeat. */
export type RulesResolver = (user: UserInfo, namespace: string) => SubjectRules

const everything: SubjectRules = {
  resourceRules: [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }],
  nonResourceRules: [{ verbs: ['*'], nonResourceURLs: ['*'] }],
  incomplete: false,
  evaluationError: '',
}

const nothing: SubjectRules = { resourceRules: [], nonResourceRules: [], incomplete: false, evaluationError: '' }

const unknown: SubjectRules = { ...nothing, incomplete: true }

/**
 * Upstream `alwaysAllowAuthorizer.RulesFor`: every verb on every resource of every group, and on every URL.
 * @example
 * alwaysAllowRules(user, 'default').resourceRules // [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }]
 */
export const alwaysAllowRules: RulesResolver = () => everything

/**
 * Upstream `alwaysDenyAuthorizer.RulesFor`: no rules, complete.
 * @example
 * alwaysDenyRules(user, 'default').incomplete // false
 */
export const alwaysDenyRules: RulesResolver = () => nothing

/**
 * The rules of an authorizer that cannot list them (upstream's webhook answers so): none, incomplete.
 * @example
 * unionRulesResolver([rbacRulesResolver(objects), unlistedRules])
 */
export const unlistedRules: RulesResolver = () => unknown

/**
 * Upstream `union.NewRuleResolvers`: every resolver's rules in order, incomplete when any is, and their
 * evaluation errors as one aggregate (`a`, or `[a, b]` for several distinct ones).
 * @example
 * const rules = unionRulesResolver([rbacRulesResolver(withBootstrapPolicy(objects)), alwaysDenyRules])
 */
export const unionRulesResolver =
  (resolvers: ReadonlyArray<RulesResolver>): RulesResolver =>
  (user, namespace) => {
    const parts = resolvers.map((resolve) => resolve(user, namespace))
    return {
      resourceRules: parts.flatMap((p) => p.resourceRules),
      nonResourceRules: parts.flatMap((p) => p.nonResourceRules),
      incomplete: parts.some((p) => p.incomplete),
      evaluationError: aggregateErrors(parts.map((p) => p.evaluationError)),
    }
  }

/** apimachinery's `NewAggregate(errs).Error()`: empty ones left out, repeats once, several in brackets. */
export const aggregateErrors = (messages: ReadonlyArray<string>): string => {
  const distinct = [...new Set(messages.filter((m) => m !== ''))]
  return distinct.length <= 1 ? (distinct[0] ?? '') : `[${distinct.join(', ')}]`
}
