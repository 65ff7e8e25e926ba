import { attr } from '../core/attributes.js'

/** The request's audit ID (header `Audit-ID` or a fresh UUID); set by `audit-init`. */
export const auditIdKey = attr<string>('AuditID')

/** When the request was received, in epoch milliseconds; set by `request-received-timestamp`. */
export const receivedTimestampKey = attr<number>('ReceivedTimestamp')

/** The request's deadline in epoch milliseconds; set by `request-deadline` for non-long-running requests. */
export const deadlineKey = attr<number>('Deadline')
