import * as E from 'fp-ts/lib/Either.js'
import * as O from 'fp-ts/lib/Option.js'
import { auditRecorderKey } from '../audit/audit-recorder.js'
import type { Authorizer } from '../auth/authorizer.js'
import {
  hasImpersonationHeaders,
  impersonatedUser,
  impersonationAttributes,
  impersonationHeaders,
  impersonationRequests,
} from '../auth/impersonation-rules.js'
import { type UserInfo, userKey } from '../auth/user.js'
import type { Deps } from '../core/deps.js'
import type { Filter } from '../core/handler.js'
import { type Headers, get, put, withHeaders } from '../core/request.js'
import { type Step, step } from '../core/step.js'
import { toResponse } from '../core/status.js'
import { badRequest } from '../core/status-errors.js'
import { requestInfoKey } from '../request/request-info.js'
import { addHttpLogKeyValue } from '../request/http-log-values.js'
import { internalErrorResponse } from '../core/internal-error-response.js'
import { forbiddenResponse } from './with-authorization.js'

/**
 * Upstream `WithImpersonation`, legacy mode. Without `Impersonate-*` headers the request goes on as it
 * is (one pass over the header names). Otherwise: groups, extras or a UID without a user → 400
 * `requested [...] without impersonating a user`; no user → upstream's 500 text `no user found for
 * request`; each impersonated user, service account, group, extra value and UID is authorized with verb
 * `impersonate` for the requesting user, and the first one not allowed → 403 (upstream's Forbidden
 * message plus `: <reason>`). On success the request goes on as the impersonated user, without its
 * `Impersonate-*` headers; the audit recorder (if any) records the impersonated user and the HTTP log
 * gets `impersonation=<old> is impersonating <new>`.
 * Port note: upstream's `Addf` free text becomes the `impersonation` key of the HTTP log line.
 * @example
 * const handler = withImpersonation(rbacAuthorizer(objects), defaultDeps)(inner)
 */
export const withImpersonation =
  (authorizer: Authorizer, deps: Pick<Deps, 'log'>): Filter =>
  (next) =>
  (req) => {
    if (!hasImpersonationHeaders(req.headers)) return next(req)
    const requests = impersonationRequests(req)
    if (E.isLeft(requests)) return toResponse(badRequest(requests.left))
    if (requests.right.length === 0) return next(req)
    const requestor = get(req, userKey)
    if (O.isNone(requestor)) return internalErrorResponse(req, 'no user found for request', deps.log)
    for (const r of requests.right) {
      const attrs = impersonationAttributes(requestor.value, r)
      const result = decide(authorizer, attrs, deps)
      if (result.decision !== 'Allow') return forbiddenResponse(attrs, result.reason)
    }
    const user = impersonatedUser(
      requests.right,
      requests.right.some((r) => r.kind === 'Group'),
    )
    const recorder = get(req, auditRecorderKey)
    if (O.isSome(recorder)) recorder.value.impersonated(user)
    addHttpLogKeyValue(req, 'impersonation', `${userString(requestor.value)} is impersonating ${userString(user)}`)
    return next(put(withHeaders(req, withoutImpersonation(req.headers)), userKey, user))
  }

/** The `impersonation` step: needs User (and RequestInfo, as the constrained modes do); inside authentication and audit, outside max-in-flight, APF and authorization. */
export const impersonationStep = (authorizer: Authorizer, deps: Pick<Deps, 'log'>): Step =>
  step('impersonation', withImpersonation(authorizer, deps), {
    needs: [userKey, requestInfoKey],
    inside: ['authentication', 'audit'],
    outside: ['max-in-flight', 'priority-and-fairness', 'authorization'],
  })

const decide = (authorizer: Authorizer, attrs: Parameters<Authorizer>[0], deps: Pick<Deps, 'log'>) => {
  try {
    return authorizer(attrs)
  } catch (e) {
    deps.log({ level: 'error', msg: 'impersonation authorizer failed', error: e })
    return { decision: 'NoOpinion', reason: '' } as const
  }
}

/** Upstream `userString`: `<name>[g1,g2]`, `<empty>` for an empty name. */
const userString = (u: UserInfo): string => `${u.name === '' ? '<empty>' : u.name}${u.groups.length > 0 ? `[${u.groups.join(',')}]` : ''}`

const withoutImpersonation = (headers: Headers): Headers => {
  const out: Record<string, Headers[string]> = {}
  for (const k in headers)
    if (
      !(
        k === impersonationHeaders.user ||
        k === impersonationHeaders.group ||
        k === impersonationHeaders.uid ||
        k.startsWith(impersonationHeaders.extraPrefix)
      )
    )
      out[k] = headers[k]
  return out
}
