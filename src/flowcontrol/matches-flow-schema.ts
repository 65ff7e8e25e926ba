import type { UserInfo } from '../auth/user.js'
import type { RequestInfo } from '../request/request-info.js'
import type { FlowSchema, NonResourcePolicyRule, PolicyRulesWithSubjects, ResourcePolicyRule, Subject } from './flowcontrol-types.js'

const serviceAccountPrefix = 'system:serviceaccount:'

/**
 * Whether a request of `user` described by `info` matches a FlowSchema (upstream's `matchesFlowSchema`):
 * one of its rules has a subject naming the user (by name, group, or service account, `*` for any), and
 * a resource rule (verb, API group, resource or `resource/subresource`, namespace or cluster scope) or,
 * for a non-resource request, a non-resource rule (verb, and a path equal to the request's or a `/`-prefix of it) that matches.
 */
export const matchesFlowSchema = (fs: FlowSchema, user: UserInfo, info: RequestInfo): boolean =>
  (fs.spec.rules ?? []).some((rule) => matchesRule(rule, user, info))

const matchesRule = (rule: PolicyRulesWithSubjects, user: UserInfo, info: RequestInfo): boolean =>
  rule.subjects.some((s) => matchesSubject(s, user)) &&
  (info.isResourceRequest
    ? (rule.resourceRules ?? []).some((r) => matchesResourceRule(r, info))
    : (rule.nonResourceRules ?? []).some((r) => matchesNonResourceRule(r, info)))

/** A subject's match; a service account `*` matches every service account of its namespace. */
export const matchesSubject = (s: Subject, user: UserInfo): boolean => {
  switch (s.kind) {
    case 'User':
      return s.user !== undefined && (s.user.name === '*' || s.user.name === user.name)
    case 'Group':
      return s.group !== undefined && (s.group.name === '*' || user.groups.includes(s.group.name))
    case 'ServiceAccount': {
      const sa = s.serviceAccount
      if (sa === undefined) return false
      const prefix = `${serviceAccountPrefix}${sa.namespace}:`
      return sa.name === '*' ? user.name.startsWith(prefix) : user.name === `${prefix}${sa.name}`
    }
    default:
      return false
  }
}

const matchesResourceRule = (r: ResourcePolicyRule, info: RequestInfo): boolean => {
  const resource = info.subresource === '' ? info.resource : `${info.resource}/${info.subresource}`
  if (!listHas(r.verbs, info.verb, '*') || !listHas(r.resources, resource, '*') || !listHas(r.apiGroups, info.apiGroup, '*')) return false
  return info.namespace === '' ? r.clusterScope === true : listHas(r.namespaces ?? [], info.namespace, '*')
}

const matchesNonResourceRule = (r: NonResourcePolicyRule, info: RequestInfo): boolean =>
  listHas(r.verbs, info.verb, '*') && r.nonResourceURLs.some((url) => matchesUrl(url, info.path))

/** `*` matches every path; `/a/*` and `/a` match `/a/` and below, besides exact equality (upstream's prefix rule). */
const matchesUrl = (rulePath: string, path: string): boolean => {
  if (rulePath === '*' || rulePath === path) return true
  const stem = rulePath.endsWith('*') ? rulePath.slice(0, -1) : rulePath
  return path.startsWith(stem.endsWith('/') ? stem : `${stem}/`)
}

/** Upstream's `containsString`: the list is exactly the wildcard, or holds the value. */
const listHas = (list: ReadonlyArray<string>, value: string, wildcard: string): boolean =>
  (list.length === 1 && list[0] === wildcard) || list.includes(value)
