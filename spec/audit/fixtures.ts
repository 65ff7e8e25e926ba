// Spec support for audit: an in-memory backend, users and RequestInfo values.
import type { AuditBackend } from '../../src/audit/backend.js'
import type { AuditEvent } from '../../src/audit/event.js'
import type { UserInfo } from '../../src/auth/user.js'

/** A backend that keeps every event; `fail` makes processEvents report failure; `shutdowns` counts calls. */
export const memoryBackend = (opts: { fail?: boolean } = {}) => {
  const events: AuditEvent[] = []
  const batches: AuditEvent[][] = []
  let shutdowns = 0
  const backend: AuditBackend = {
    name: 'memory',
    processEvents: (evs) => {
      batches.push([...evs])
      events.push(...evs)
      return opts.fail !== true
    },
    shutdown: () => {
      shutdowns++
      return Promise.resolve()
    },
  }
  return { backend, events, batches, shutdowns: () => shutdowns }
}

export const tim: UserInfo = { name: 'tim@k8s.io', uid: '', groups: ['humans', 'developers'], extra: {} }

/** A minimal event for backend specs. */
export const sampleEvent = (auditID: string, extra: Partial<AuditEvent> = {}): AuditEvent => ({
  kind: 'Event',
  apiVersion: 'audit.k8s.io/v1',
  level: 'Metadata',
  auditID,
  stage: 'ResponseComplete',
  requestURI: '/api/v1/pods',
  verb: 'list',
  user: { username: 'tim' },
  impersonatedUser: undefined,
  sourceIPs: undefined,
  userAgent: undefined,
  objectRef: undefined,
  responseStatus: { metadata: {}, code: 200 },
  requestObject: undefined,
  responseObject: undefined,
  requestReceivedTimestamp: '2026-11-23T10:00:00.000000Z',
  stageTimestamp: '2026-11-23T10:00:00.000000Z',
  annotations: undefined,
  ...extra,
})
