import * as O from 'fp-ts/lib/Option.js'
import {
  type Deps,
  type Filter,
  type Request,
  type Step,
  get,
  headerValues,
  type Response,
  mapAnswer,
  put,
  setHeaderIfAbsent,
  step,
} from '../core/index.js'
import { auditIdKey } from '../request/index.js'

/** Longest audit ID written to log lines (upstream `maxAuditIDLength`). */
const maxAuditIdForLog = 64

/**
 * Gives each request its audit ID (upstream `WithAuditInit`): the request's `Audit-ID` header verbatim (no
 * truncation, any length), or `deps.newId()` when it is absent or empty. The ID goes under `auditIdKey` and
 * back to the client as the `Audit-ID` response header, on every response, unless an inner handler (an
 * aggregated server answering through a proxy) already set one.
 * Port note: upstream sets the header on the shared header map before calling next, so an inner value
 * overwrites it; we set it on the finished response only when absent, which gives the same headers.
 * @example
 * const handler = withAuditInit(defaultDeps)(inner)
 */
export const withAuditInit =
  (deps: Pick<Deps, 'newId'>): Filter =>
  (next) =>
  (req) => {
    const id = headerValues(req, 'audit-id')[0] || deps.newId()
    return mapAnswer(next, put(req, auditIdKey, id), withAuditId, id)
  }

const withAuditId = (res: Response, id: string): Response => setHeaderIfAbsent('audit-id', id)(res)

/** The `audit-init` step: outermost, so every later log line can carry the audit ID; provides `AuditID`. */
export const auditInitStep = (deps: Pick<Deps, 'newId'>): Step => step('audit-init', withAuditInit(deps), { provides: [auditIdKey] })

/** The request's audit ID cut to its first 64 characters, `''` without one (upstream `GetAuditIDTruncated`). */
export const auditIdForLog = (req: Request): string => {
  const id = get(req, auditIdKey)
  if (O.isNone(id)) return ''
  return id.value.length > maxAuditIdForLog ? id.value.slice(0, maxAuditIdForLog) : id.value
}
