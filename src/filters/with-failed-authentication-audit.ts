import * as O from 'fp-ts/lib/Option.js'
import { mapAnswer } from '../core/exit.js'
import type { TLSSocket } from 'node:tls'
import type { Deps } from '../core/deps.js'
import type { Handler } from '../core/handler.js'
import { type Request, get, header } from '../core/request.js'
import { queryValue } from '../core/query.js'
import type { Response } from '../core/response.js'
import type { AuditBackend } from '../audit/backend.js'
import { eventAt, newAuditRecord } from '../audit/event-builder.js'
import { microTimeFormatter } from '../audit/micro-time.js'
import type { PolicyEvaluator } from '../audit/policy-evaluator.js'
import { auditIdKey } from '../request/facts.js'
import { requestInfoKey } from '../request/request-info.js'
import { internalErrorResponse } from '../core/internal-error-response.js'
import { type AuditMetrics, noAuditMetrics } from '../metrics/audit-metrics.js'

/**
 * Upstream `WithFailedAuthenticationAudit`: wraps authentication's failure handler so a refused request
 * is audited when the policy's level for it (with no user) is above None. One event, stage
 * `ResponseStarted` (unless omitted), with `responseStatus` `{code, message}` where the message names the
 * credentials tried: `Authentication failed, attempted: basic, bearer, access_token, x509` (those present)
 * or `Authentication failed, no credentials provided`. No RequestInfo: 500 `failed to create audit event`.
 * A policy answering None for everyone gives back `failed` itself. With `metrics`, the request's level
 * and the event are counted, as by `withAudit`.
 * @example
 * const failed = withFailedAuthenticationAudit(unauthorizedHandler(deps), logBackend(logBackendDefaults, deps), policyEvaluator(policy), deps)
 */
export const withFailedAuthenticationAudit = (
  failed: Handler,
  backend: AuditBackend,
  evaluate: PolicyEvaluator,
  deps: Deps,
  metrics: AuditMetrics = noAuditMetrics,
): Handler => (evaluate.fixed?.level === 'None' ? failed : audited(failed, backend, evaluate, deps, metrics))

const audited = (failed: Handler, backend: AuditBackend, evaluate: PolicyEvaluator, deps: Deps, metrics: AuditMetrics): Handler => {
  const format = microTimeFormatter()
  return (req) => {
    const info = get(req, requestInfoKey)
    if (O.isNone(info)) return internalErrorResponse(req, 'failed to create audit event', deps.log)
    const decision = evaluate(undefined, info.value)
    metrics.level(decision.level)
    if (decision.level === 'None') return failed(req)
    const id = get(req, auditIdKey)
    const record = newAuditRecord(req, info.value, undefined, decision.level, O.isSome(id) ? id.value : '', deps.clock.now(), format)
    const message = authMethods(req)
    const started = (res: Response): Response => {
      record.responseStatus = { metadata: {}, message, code: res._tag === 'Http' ? res.status : 200 }
      if (!decision.omitStages.has('ResponseStarted')) {
        metrics.event()
        backend.processEvents([eventAt(record, 'ResponseStarted', format(deps.clock.now()))])
      }
      return res
    }
    return mapAnswer(failed, req, started, undefined)
  }
}

/** Upstream `getAuthMethods`: which kinds of credentials the request carried. */
export const authMethods = (req: Request): string => {
  const methods: string[] = []
  const auth = header(req, 'authorization') ?? ''
  if (isBasicAuth(auth)) methods.push('basic')
  const parts = auth.trim().split(' ')
  if (parts.length > 1 && (parts[0] ?? '').toLowerCase() === 'bearer') methods.push('bearer')
  if ((queryValue(req, 'access_token') ?? '').trim() !== '') methods.push('access_token')
  if (hasPeerCertificate(req)) methods.push('x509')
  return methods.length > 0 ? `Authentication failed, attempted: ${methods.join(', ')}` : 'Authentication failed, no credentials provided'
}

/** Go's `Request.BasicAuth`: `Basic ` (any case) then base64 of `user:password`. */
const isBasicAuth = (auth: string): boolean => {
  if (auth.length < 6 || auth.slice(0, 6).toLowerCase() !== 'basic ') return false
  const encoded = auth.slice(6)
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(encoded) || encoded.length % 4 !== 0) return false
  return Buffer.from(encoded, 'base64').toString('latin1').includes(':')
}

const hasPeerCertificate = (req: Request): boolean => {
  const socket = req.raw?.socket as Partial<TLSSocket> | undefined
  if (socket === undefined || typeof socket.getPeerCertificate !== 'function') return false
  const cert = socket.getPeerCertificate()
  return cert !== null && typeof cert === 'object' && Object.keys(cert).length > 0
}
