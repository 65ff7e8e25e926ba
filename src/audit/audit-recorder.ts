import { type Key, attr } from '../core/attributes.js'
import type { UserInfo } from '../auth/user.js'

/**
 * What inner filters add to the request's audit event (upstream writes into the audit context): the
 * impersonated user, and annotations such as `authorization.k8s.io/decision`. The audit filter puts one
 * in the request only when the policy's level for the request is above None, so a filter that finds
 * none does nothing.
 */
export interface AuditRecorder {
  /** Records the user impersonation switched to (`impersonatedUser` in the event). */
  readonly impersonated: (user: UserInfo) => void
  /** Adds an annotation; the first value for a key wins, as upstream's `AddAuditAnnotation`. */
  readonly annotate: (key: string, value: string) => void
  /** Records the decoded request object; kept at level Request and above, for resource requests. */
  readonly requestObject?: (obj: unknown) => void
  /** Records the response object; kept at level RequestResponse, for resource requests. */
  readonly responseObject?: (obj: unknown) => void
}

/** The request attribute under which the audit filter puts the request's AuditRecorder. */
export const auditRecorderKey: Key<AuditRecorder> = attr<AuditRecorder>('AuditRecorder')
