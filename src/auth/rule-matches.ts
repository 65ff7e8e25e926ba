import type { AuthorizationAttributes } from './authorizer.js'
import type { PolicyRule } from './rbac-objects.js'

type Strings = ReadonlyArray<string> | null | undefined

/** Whether a rule names the verb or `*` (upstream `VerbMatches`). */
export const verbMatches = (rule: PolicyRule, verb: string): boolean => includesOrAll(rule.verbs, verb)

/** Whether a rule names the API group or `*` (upstream `APIGroupMatches`). */
export const apiGroupMatches = (rule: PolicyRule, group: string): boolean => includesOrAll(rule.apiGroups, group)

/**
 * Upstream `ResourceMatches`: `*`, the exact `resource[/subresource]`, or `*\/<subresource>` for a
 * request with that subresource. `pods/*` is not a wildcard (it matches only the literal `pods/*`).
 */
export const resourceMatches = (rule: PolicyRule, combined: string, subresource: string): boolean => {
  const resources = rule.resources
  if (resources === null || resources === undefined) return false
  for (const r of resources) {
    if (r === '*' || r === combined) return true
    if (subresource !== '' && r.length === subresource.length + 2 && r.startsWith('*/') && r.endsWith(subresource)) return true
  }
  return false
}

/** Upstream `ResourceNameMatches`: no names in the rule means every name. */
export const resourceNameMatches = (rule: PolicyRule, name: string): boolean => {
  const names = rule.resourceNames
  return names === null || names === undefined || names.length === 0 || names.includes(name)
}

/** Upstream `NonResourceURLMatches`: `*`, the exact path, or a prefix when the rule ends with `*`. */
export const nonResourceURLMatches = (rule: PolicyRule, path: string): boolean => {
  const urls = rule.nonResourceURLs
  if (urls === null || urls === undefined) return false
  for (const u of urls) {
    if (u === '*' || u === path) return true
    if (u.endsWith('*') && path.startsWith(trimStars(u))) return true
  }
  return false
}

/**
 * Upstream `RuleAllows`. `combined` is `resource` or `resource/subresource`, computed once per request
 * by the caller.
 * @example
 * ruleAllows(attrs, 'pods/log', { verbs: ['get'], apiGroups: [''], resources: ['pods/log'] })
 */
export const ruleAllows = (attrs: AuthorizationAttributes, combined: string, rule: PolicyRule): boolean =>
  attrs.isResourceRequest
    ? verbMatches(rule, attrs.verb) &&
      apiGroupMatches(rule, attrs.apiGroup) &&
      resourceMatches(rule, combined, attrs.subresource) &&
      resourceNameMatches(rule, attrs.name)
    : verbMatches(rule, attrs.verb) && nonResourceURLMatches(rule, attrs.path)

/** `resource` or `resource/subresource`, as upstream combines them for matching. */
export const combinedResource = (attrs: AuthorizationAttributes): string =>
  attrs.subresource === '' ? attrs.resource : `${attrs.resource}/${attrs.subresource}`

const includesOrAll = (xs: Strings, x: string): boolean => {
  if (xs === null || xs === undefined) return false
  for (const v of xs) if (v === '*' || v === x) return true
  return false
}

const trimStars = (s: string): string => {
  let end = s.length
  while (end > 0 && s.charCodeAt(end - 1) === 42) end--
  return s.slice(0, end)
}
