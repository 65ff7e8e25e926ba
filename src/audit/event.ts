import type { Level, Stage } from './policy.js'

/** A user as written in an event (`authentication.k8s.io/v1` `UserInfo`; empty fields left out). */
export interface EventUser {
  readonly username?: string
  readonly uid?: string
  readonly groups?: ReadonlyArray<string>
  readonly extra?: Readonly<Record<string, ReadonlyArray<string>>>
}

/** What a resource request is about (`audit.k8s.io/v1` `ObjectReference`; empty fields left out). */
export interface ObjectReference {
  readonly resource?: string
  readonly namespace?: string
  readonly name?: string
  readonly apiGroup?: string
  readonly apiVersion?: string
  readonly subresource?: string
}

/** The response's status as recorded (`metav1.Status` without type meta; empty fields left out). */
export interface ResponseStatus {
  readonly metadata: Readonly<Record<string, never>>
  readonly status?: 'Success' | 'Failure'
  readonly message?: string
  readonly reason?: string
  readonly code?: number
}

/**
 * What the events of one request share (request metadata fixed when the request arrived), with their JSON
 * once `encodeEvent` has written it, so a request's second event reuses the first one's encoding.
 */
export interface SharedFields {
  readonly level: Level
  readonly auditID: string
  readonly requestURI: string
  readonly verb: string
  readonly user: EventUser
  readonly sourceIPs: ReadonlyArray<string> | undefined
  readonly userAgent: string | undefined
  readonly objectRef: ObjectReference | undefined
  readonly requestReceivedTimestamp: string
  sharedJson: SharedJson | undefined
}

/** The JSON of `SharedFields`, cut where per-event fields come between. */
export interface SharedJson {
  /** `{"kind":...,"auditID":...` */
  readonly head: string
  /** `"requestURI":...,"user":{...},"sourceIPs":...,"objectRef":{...}`, the absent ones left out */
  readonly middle: string
  /** Where `middle`'s user ends: an impersonated user is written there. */
  readonly cut: number
  /** `,"requestReceivedTimestamp":...,"stageTimestamp":` */
  readonly received: string
}

/**
 * The key under which a value that never changes (a frozen `EventUser` or `ObjectReference` made by the
 * event builder) carries its own JSON, so `encodeEvent` writes it instead of walking the value. Not
 * enumerable: a copy (`{ ...user }`) leaves it behind, and `JSON.stringify` and deep equality ignore it.
 */
export const fixedJsonKey: unique symbol = Symbol('kubechain.audit.fixedJson')

/** A value that may carry its JSON under `fixedJsonKey`. */
export interface MaybeFixedJson {
  readonly [fixedJsonKey]?: string
}

/**
 * The key under which an event made by `eventAt` links to its request's `SharedFields`. A symbol, so
 * `JSON.stringify` and deep equality ignore it; `encodeEvent` uses the link only while the event's own
 * fields are still those very values.
 */
export const sharedFieldsKey: unique symbol = Symbol('kubechain.audit.sharedFields')

/**
 * One audit event (`audit.k8s.io/v1` `Event`), one per emitted stage. Fields are declared, and built, in
 * upstream's JSON order; absent optional fields are `undefined` and so left out of the JSON.
 */
export interface AuditEvent {
  readonly kind: 'Event'
  readonly apiVersion: 'audit.k8s.io/v1'
  readonly level: Level
  readonly auditID: string
  readonly stage: Stage
  readonly requestURI: string
  readonly verb: string
  readonly user: EventUser
  readonly impersonatedUser: EventUser | undefined
  readonly sourceIPs: ReadonlyArray<string> | undefined
  readonly userAgent: string | undefined
  readonly objectRef: ObjectReference | undefined
  readonly responseStatus: ResponseStatus | undefined
  readonly requestObject: unknown
  readonly responseObject: unknown
  /** RFC 3339 with microseconds, UTC: `2026-11-23T10:00:00.123456Z`. */
  readonly requestReceivedTimestamp: string
  readonly stageTimestamp: string
  readonly annotations: Readonly<Record<string, string>> | undefined
  /** Set by `eventAt`: the request's shared fields, for `encodeEvent`. */
  readonly [sharedFieldsKey]?: SharedFields
}
