import * as O from 'fp-ts/lib/Option.js'
import type { Deps } from '../core/deps.js'
import { type Filter, identity } from '../core/handler.js'
import { type Exit, doneWith, exit } from '../core/exit.js'
import { takeoverStatus } from '../core/handed-over.js'
import { type RawRequest, get, put } from '../core/request.js'
import type { Response } from '../core/response.js'
import { type Step, step } from '../core/step.js'
import { auditRecorderKey } from '../audit/audit-recorder.js'
import type { AuditBackend } from '../audit/backend.js'
import { type AuditRecord, eventAt, newAuditRecord, recorderFor } from '../audit/event-builder.js'
import { microTimeFormatter } from '../audit/micro-time.js'
import type { Stage } from '../audit/policy.js'
import type { AuditDecision, PolicyEvaluator } from '../audit/policy-evaluator.js'
import { userKey } from '../auth/user.js'
import { auditIdKey } from '../request/facts.js'
import type { LongRunningRequestCheck } from '../request/long-running.js'
import { requestInfoKey } from '../request/request-info.js'
import { internalErrorResponse } from '../core/internal-error-response.js'
import { type AuditMetrics, noAuditMetrics } from '../metrics/audit-metrics.js'

/**
 * Upstream `WithAudit`: decides the request's level with the policy; at None the request passes untouched.
 * Otherwise puts an AuditRecorder in the request and emits, unless the policy omits the stage,
 * `RequestReceived` (stage time = received time; if the backend refuses it, `blocking-strict`, the answer
 * is 500 `failed to store audit event`), `ResponseStarted` when a long-running response is handed out,
 * `ResponseComplete` as upstream when the handler returns, for a complete response (`isComplete`): before
 * it is written, so the event is stored before the client can see the answer and before the wait group
 * lets shutdown go on; for a response that works on (a large body, a stream, an upgrade, a takeover), when
 * it ended (written, cut off, or dropped by an outer filter), by a finalizer that runs before those of the
 * outer steps (wait group included); and
 * `Panic` (code 500, `APIServer panic'd: <error>`) when the inner handler throws or rejects, which then
 * goes on outward. No RequestInfo: 500 `failed to create audit event`. A policy that answers None for
 * every request makes the filter the identity (upstream leaves the filter out without a policy).
 * With `metrics`, as upstream: each request's level (None included), each event handed to the backend,
 * and each request refused for a RequestReceived event the backend would not store are counted.
 * Port note: a response is known whole when the inner handler answers, so upstream's "Connection closed
 * early" status never arises; an upgrade is recorded as 101, a takeover with the status its listener sent
 * (`takeoverStatus`, read when its response ended; 200 when it was never handed over).
 * @example
 * const filter = withAudit(bufferedBackend(logBatchDefaults, logBackend(logBackendDefaults, deps), deps), policyEvaluator(policy), basicLongRunningRequestCheck(['watch'], []), deps)
 */
export const withAudit = (
  backend: AuditBackend,
  evaluate: PolicyEvaluator,
  longRunning: LongRunningRequestCheck,
  deps: Deps,
  metrics: AuditMetrics = noAuditMetrics,
): Filter => {
  const emit = (r: AuditRecord, d: AuditDecision, stage: Stage, at: string): boolean =>
    d.omitStages.has(stage) || (metrics.event(), backend.processEvents([eventAt(r, stage, at)]))
  const format = microTimeFormatter()
  const now = (): string => format(deps.clock.now())
  const responded = (r: AuditRecord, d: AuditDecision, longRunning: boolean, res: Response, raw: RawRequest | undefined): Response => {
    r.responseStatus = { metadata: {}, code: codeOf(res) }
    if (longRunning) emit(r, d, 'ResponseStarted', now())
    return doneWith(res, () => {
      if (res._tag === 'Takeover') r.responseStatus = { metadata: {}, code: takeoverStatus(raw) ?? 200 }
      emit(r, d, 'ResponseComplete', now())
    })
  }
  const panicked = (r: AuditRecord, d: AuditDecision, e: unknown): never => {
    r.responseStatus = { metadata: {}, status: 'Failure', message: `APIServer panic'd: ${describe(e)}`, reason: 'InternalError', code: 500 }
    emit(r, d, 'Panic', now())
    throw e
  }
  const audit: Exit<Audit> = {
    answered: (res, a) => responded(a.record, a.decision, a.started, res, a.raw),
    defect: (e, a) => panicked(a.record, a.decision, e),
  }
  if (evaluate.fixed?.level === 'None') return identity
  return (next) => (req) => {
    const info = get(req, requestInfoKey)
    if (O.isNone(info)) return internalErrorResponse(req, 'failed to create audit event', deps.log)
    const user = O.toUndefined(get(req, userKey))
    const decision = evaluate(user, info.value)
    metrics.level(decision.level)
    if (decision.level === 'None') return next(req)
    const id = get(req, auditIdKey)
    const record = newAuditRecord(req, info.value, user, decision.level, O.isSome(id) ? id.value : '', deps.clock.now(), format)
    if (!emit(record, decision, 'RequestReceived', record.requestReceivedTimestamp)) {
      metrics.requestRejected()
      return internalErrorResponse(req, 'failed to store audit event', deps.log)
    }
    const audited = put(req, auditRecorderKey, recorderFor(record))
    const a: Audit = { record, decision, started: longRunning(info.value), raw: req.raw }
    return exit(next, audited, audit, a)
  }
}

/** The `audit` step (`metrics` as `withAudit`'s): needs User and RequestInfo; inside authentication, outside impersonation, max-in-flight and authorization (their answers are audited). */
export const auditStep = (
  backend: AuditBackend,
  evaluate: PolicyEvaluator,
  longRunning: LongRunningRequestCheck,
  deps: Deps,
  metrics?: AuditMetrics,
): Step =>
  step('audit', withAudit(backend, evaluate, longRunning, deps, metrics), {
    needs: [userKey, requestInfoKey],
    inside: ['authentication'],
    outside: ['impersonation', 'max-in-flight', 'authorization'],
  })

/** One audited request: what `exit` hands back to the filter's `Exit`. */
interface Audit {
  readonly record: AuditRecord
  readonly decision: AuditDecision
  readonly started: boolean
  readonly raw: RawRequest | undefined
}

const codeOf = (res: Response): number => (res._tag === 'Http' ? res.status : res._tag === 'Upgrade' ? 101 : 200)

const describe = (e: unknown): string => (e instanceof Error ? e.message : String(e))
