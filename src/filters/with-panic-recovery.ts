import {
  type Deps,
  type Filter,
  type Logger,
  type Request,
  type Exit,
  type Response,
  type Step,
  exit,
  isAbortHandler,
  plainError,
  step,
  toResponse,
} from '../core/index.js'
import { auditIdForLog } from './with-audit-init.js'

/** What the client gets when a handler failed with a defect (upstream's literal text). */
const panicMessage = 'This request caused apiserver to panic. Look in the logs for details.'

/**
 * Catches defects of the rest of the chain (upstream `WithPanicRecovery`): a handler that throws, or whose
 * promise rejects. `abortHandler` is logged as `Timeout or abort while handling` (method, URI, auditID; no
 * stack) and passed on, so the adapter cuts the connection without an answer. Any other defect is logged as
 * `apiserver panic'd` with the error and answered `500` text `This request caused apiserver to panic. Look
 * in the logs for details.`.
 * Port note: upstream re-panics after writing its 500, so a client normally sees a cut connection instead;
 * we send the 500, so the client learns what happened and its connection stays usable. A stream body that
 * throws later, while being written, is the adapter's to handle.
 * @example
 * const handler = withPanicRecovery(defaultDeps)(inner)
 */
export const withPanicRecovery = (deps: Pick<Deps, 'log'>): Filter => {
  const recovery: Exit<Request> = { answered: (res) => res, defect: (e, req) => recover(deps.log, req, e) }
  return (next) => (req) => exit(next, req, recovery, req)
}

/**
 * The `panic-recovery` step: inside `audit-init` (so its log lines carry the audit ID) and outside
 * `routine` (whose defects it must catch); it reads `AuditID` when present but does not need it.
 */
export const panicRecoveryStep = (deps: Pick<Deps, 'log'>): Step =>
  step('panic-recovery', withPanicRecovery(deps), { inside: ['audit-init'], outside: ['routine'] })

const recover = (log: Logger, req: Request, e: unknown): Response => {
  const fields = { method: req.method, URI: req.url, auditID: auditIdForLog(req) }
  if (isAbortHandler(e)) {
    log({ level: 'error', msg: 'Timeout or abort while handling', fields })
    throw e
  }
  log({ level: 'error', msg: "apiserver panic'd", fields, error: e })
  return toResponse(plainError(500, panicMessage))
}
