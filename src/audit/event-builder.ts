import * as O from 'fp-ts/lib/Option.js'
import { type Request, get, header } from '../core/request.js'
import type { UserInfo } from '../auth/user.js'
import { receivedTimestampKey } from '../request/facts.js'
import type { RequestInfo } from '../request/request-info.js'
import type { AuditRecorder } from './audit-recorder.js'
import { type AuditEvent, type EventUser, type ResponseStatus, type SharedFields, type SharedJson, sharedFieldsKey } from './event.js'
import { fixedEventUser, fixedObjectRef, fixedSourceIPs } from './fixed-parts.js'
import { formatMicroTime } from './micro-time.js'
export { sourceIPs } from './source-ips.js'
import { type Level, type Stage, levelRank } from './policy.js'

/**
 * The mutable audit state of one request (upstream's `AuditContext` event): fixed request metadata, and
 * what the filter and inner handlers learn while the request runs. `eventAt` snapshots it per stage.
 */
export interface AuditRecord extends SharedFields {
  impersonatedUser: EventUser | undefined
  responseStatus: ResponseStatus | undefined
  requestObject: unknown
  responseObject: unknown
  annotations: Record<string, string> | undefined
  /** Whether an emitted event holds `annotations`: then the next annotation copies it instead of adding in place. */
  annotationsShared: boolean
  sharedJson: SharedJson | undefined
}

const maxUserAgentLength = 1024
const emptyUser: EventUser = Object.freeze({})

/**
 * Starts the audit record of a request (upstream `LogRequestMetadata`): URI as received, RequestInfo's
 * verb, user, source IPs, user agent (cut to 1024 characters + `...TRUNCATED`), objectRef of resource
 * requests, and the received timestamp (`receivedMs` when the request has none), written by `format`.
 */
export const newAuditRecord = (
  req: Request,
  info: RequestInfo,
  user: UserInfo | undefined,
  level: Level,
  auditID: string,
  receivedMs: number,
  format: (ms: number) => string = formatMicroTime,
): AuditRecord => {
  const ua = header(req, 'user-agent')
  const received = get(req, receivedTimestampKey)
  return {
    level,
    auditID,
    requestURI: req.url,
    verb: info.verb,
    user: user === undefined ? emptyUser : fixedEventUser(user),
    sourceIPs: fixedSourceIPs(req),
    userAgent:
      ua === undefined || ua === '' ? undefined : ua.length > maxUserAgentLength ? `${ua.slice(0, maxUserAgentLength)}...TRUNCATED` : ua,
    objectRef: info.isResourceRequest ? fixedObjectRef(info) : undefined,
    requestReceivedTimestamp: format(O.isSome(received) ? received.value : receivedMs),
    impersonatedUser: undefined,
    responseStatus: undefined,
    requestObject: undefined,
    responseObject: undefined,
    annotations: undefined,
    annotationsShared: false,
    sharedJson: undefined,
  }
}

/** The event of `stage` at `stageTimestamp` (already formatted), from the record as it is now; later annotations leave it unchanged. */
export const eventAt = (r: AuditRecord, stage: Stage, stageTimestamp: string): AuditEvent => {
  r.annotationsShared = true
  return {
    kind: 'Event',
    apiVersion: 'audit.k8s.io/v1',
    level: r.level,
    auditID: r.auditID,
    stage,
    requestURI: r.requestURI,
    verb: r.verb,
    user: r.user,
    impersonatedUser: r.impersonatedUser,
    sourceIPs: r.sourceIPs,
    userAgent: r.userAgent,
    objectRef: r.objectRef,
    responseStatus: r.responseStatus,
    requestObject: r.requestObject,
    responseObject: r.responseObject,
    requestReceivedTimestamp: r.requestReceivedTimestamp,
    stageTimestamp,
    annotations: r.annotations,
    [sharedFieldsKey]: r,
  }
}

/**
 * The recorder inner filters write to; it never changes an event already made. Request objects are kept from level Request on (resource
 * requests only), response objects at RequestResponse; annotations keep their first value.
 */
export const recorderFor = (r: AuditRecord): AuditRecorder => ({
  impersonated: (user) => {
    r.impersonatedUser = eventUser(user)
  },
  annotate: (key, value) => {
    const a = r.annotations
    if (a !== undefined && key in a) return
    if (a !== undefined && !r.annotationsShared) {
      a[key] = value // no emitted event holds `a`, so it is written in place rather than copied
      return
    }
    r.annotations = copyWith(a, key, value) // copied: events already emitted keep theirs
    r.annotationsShared = false
  },
  requestObject: (obj) => {
    if (levelRank[r.level] >= levelRank.Request && r.objectRef !== undefined) r.requestObject = obj
  },
  responseObject: (obj) => {
    if (levelRank[r.level] >= levelRank.RequestResponse && r.objectRef !== undefined) r.responseObject = obj
  },
})

/** A user as an event writes it: empty uid, groups and extra left out. */
export const eventUser = (u: UserInfo): EventUser => ({
  username: u.name === '' ? undefined : u.name,
  uid: u.uid === '' ? undefined : u.uid,
  groups: u.groups.length === 0 ? undefined : u.groups,
  extra: Object.keys(u.extra).length === 0 ? undefined : u.extra,
})

const copyWith = (a: Readonly<Record<string, string>> | undefined, key: string, value: string): Record<string, string> => {
  const out: Record<string, string> = {}
  if (a !== undefined) for (const k of Object.keys(a)) out[k] = a[k] as string
  out[key] = value
  return out
}
