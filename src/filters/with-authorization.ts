import * as O from 'fp-ts/lib/Option.js'
import { type AuditRecorder, auditRecorderKey } from '../audit/audit-recorder.js'
import { authorizationAttributes, noUser } from '../auth/authorization-attributes.js'
import type { AuthorizationAttributes, AuthorizationResult, Authorizer, Decision } from '../auth/authorizer.js'
import { userKey } from '../auth/user.js'
import type { Deps } from '../core/deps.js'
import type { Filter } from '../core/handler.js'
import { get } from '../core/request.js'
import type { HttpResponse } from '../core/response.js'
import { type Step, step } from '../core/step.js'
import { toResponse } from '../core/status.js'
import { forbidden } from '../core/status-errors.js'
import { requestInfoKey } from '../request/request-info.js'
import { internalErrorResponse } from '../core/internal-error-response.js'
import type { AuthMetrics, AuthorizationResult as MetricResult } from '../metrics/auth-metrics.js'
import { noRequestInfoMessage } from './with-wait-group.js'

/** Audit annotation keys and values of upstream's authorization filter. */
export const authorizationAnnotations = {
  decision: 'authorization.k8s.io/decision',
  reason: 'authorization.k8s.io/reason',
  allow: 'allow',
  forbid: 'forbid',
  internalError: 'internal error',
} as const

/**
 * Upstream `WithAuthorization`: asks `authorizer` about the request (user and RequestInfo); Allow →
 * annotations `authorization.k8s.io/decision=allow` and `.../reason`, then `next(req)` unchanged;
 * Deny or NoOpinion → `decision=forbid` and the reason, then a 403 Forbidden Status (`forbiddenResponse`).
 * No RequestInfo → upstream's 500 text. An authorizer that throws is upstream's error case: annotation
 * `reason=internal error` and a 500 text with the error.
 * With `metrics`, each decision is recorded with the time the authorizer took: result `allowed`,
 * `denied`, `no-opinion`, or `error` (the authorizer threw); nothing without RequestInfo, as upstream.
 * Port note: a request without a user is asked about with an empty user (upstream passes nil), so the
 * 403 reads `User ""`.
 * @example
 * const handler = withAuthorization(rbacAuthorizer(withBootstrapPolicy(objects)), defaultDeps)(inner)
 */
export const withAuthorization = (authorizer: Authorizer, deps: Pick<Deps, 'log'>, metrics?: AuthMetrics): Filter => {
  const ask = metrics === undefined ? (attrs: AuthorizationAttributes) => decide(authorizer, attrs) : timed(authorizer, metrics)
  return (next) => (req) => {
    const info = get(req, requestInfoKey)
    if (O.isNone(info)) return internalErrorResponse(req, noRequestInfoMessage, deps.log)
    const user = get(req, userKey)
    const attrs = authorizationAttributes(O.isSome(user) ? user.value : noUser, info.value)
    const result = ask(attrs)
    const recorder = get(req, auditRecorderKey)
    if (typeof result === 'string') {
      if (O.isSome(recorder)) recorder.value.annotate(authorizationAnnotations.reason, authorizationAnnotations.internalError)
      return internalErrorResponse(req, result, deps.log)
    }
    const allowed = result.decision === 'Allow'
    if (O.isSome(recorder)) annotateDecision(recorder.value, allowed, result.reason)
    return allowed ? next(req) : forbiddenResponse(attrs, result.reason)
  }
}

/** The `authorization` step (`metrics` as `withAuthorization`'s): needs User and RequestInfo; inside authentication, audit and impersonation. */
export const authorizationStep = (authorizer: Authorizer, deps: Pick<Deps, 'log'>, metrics?: AuthMetrics): Step =>
  step('authorization', withAuthorization(authorizer, deps, metrics), {
    needs: [userKey, requestInfoKey],
    inside: ['authentication', 'audit', 'impersonation'],
  })

/**
 * Upstream `responsewriters.Forbidden`: 403 Forbidden Status whose message is `forbiddenMessage` with
 * `&`, `<`, `>` HTML-escaped, then `: <reason>` when there is one, wrapped by `NewForbidden`.
 * Port note: names are quoted with `JSON.stringify`, which equals Go's `%q` except for control and
 * non-printable characters.
 * @example
 * forbiddenResponse(attrs, 'Everything is forbidden.') // 403 `forbidden: User "bob" cannot get path "/foo": Everything is forbidden.`
 */
export const forbiddenResponse = (attrs: AuthorizationAttributes, reason: string): HttpResponse => {
  const msg = forbiddenMessage(attrs).replace(htmlSpecial, escapeHtml)
  return toResponse(forbidden(attrs.apiGroup, attrs.resource, attrs.name, reason === '' ? msg : `${msg}: ${reason}`))
}

/** Upstream `forbiddenMessage`: `User "<name>" cannot <verb> path "<path>"` or `... resource "<r>[/<sub>]" in API group "<g>" ...`. */
export const forbiddenMessage = (attrs: AuthorizationAttributes): string => {
  const who = `User ${JSON.stringify(attrs.user.name)} cannot ${attrs.verb}`
  if (!attrs.isResourceRequest) return `${who} path ${JSON.stringify(attrs.path)}`
  const resource = attrs.subresource === '' ? attrs.resource : `${attrs.resource}/${attrs.subresource}`
  const where = attrs.namespace === '' ? 'at the cluster scope' : `in the namespace ${JSON.stringify(attrs.namespace)}`
  return `${who} resource ${JSON.stringify(resource)} in API group ${JSON.stringify(attrs.apiGroup)} ${where}`
}

const decide = (authorizer: Authorizer, attrs: AuthorizationAttributes): AuthorizationResult | string => {
  try {
    return authorizer(attrs)
  } catch (e) {
    return e instanceof Error ? e.message : String(e)
  }
}

/** `decide` with the decision and the authorizer's time recorded. */
const timed =
  (authorizer: Authorizer, metrics: AuthMetrics) =>
  (attrs: AuthorizationAttributes): AuthorizationResult | string => {
    const start = metrics.now()
    const result = decide(authorizer, attrs)
    metrics.authorization(typeof result === 'string' ? 'error' : metricResult[result.decision], metrics.now() - start)
    return result
  }

const metricResult: Record<Decision, MetricResult> = { Allow: 'allowed', Deny: 'denied', NoOpinion: 'no-opinion' }

const annotateDecision = (recorder: AuditRecorder, allowed: boolean, reason: string): void => {
  recorder.annotate(authorizationAnnotations.decision, allowed ? authorizationAnnotations.allow : authorizationAnnotations.forbid)
  recorder.annotate(authorizationAnnotations.reason, reason)
}

const htmlSpecial = /[&<>]/g

const escapeHtml = (c: string): string => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;')
