import { goJson } from '../core/go-json.js'
import {
  type AuditEvent,
  type EventUser,
  type ObjectReference,
  type ResponseStatus,
  type SharedFields,
  type SharedJson,
  sharedFieldsKey,
} from './event.js'

/**
 * An event as one line of the `json` log format: upstream's field order and Go's escaping of `<`, `>`,
 * `&`, U+2028, U+2029, without the newline. Byte for byte `goJson(event)` for an event built in field
 * order. Written by hand for the fixed shape, and the fields a request's events share are encoded once
 * per request (kept in its `SharedFields`): the generic `goJson` walk is too slow for every audited request.
 * @example
 * encodeEvent(event) // '{"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"Metadata",...}'
 */
export const encodeEvent = (e: AuditEvent): string => {
  const shared = sharedJsonOf(e)
  let out = `${shared.head}${quote(e.stage)},${shared.request}`
  if (e.impersonatedUser !== undefined) out += `,"impersonatedUser":${encodeUser(e.impersonatedUser)}`
  out += shared.source
  if (e.responseStatus !== undefined) out += `,"responseStatus":${encodeStatus(e.responseStatus)}`
  if (e.requestObject !== undefined) out += member('requestObject', e.requestObject)
  if (e.responseObject !== undefined) out += member('responseObject', e.responseObject)
  out += `${shared.received}${quote(e.stageTimestamp)}`
  if (e.annotations !== undefined) out += `,"annotations":${stringMap(e.annotations)}`
  return `${out}}`
}

/** The shared fields' JSON: from the linked `SharedFields` while the event still has its values, else made afresh. */
const sharedJsonOf = (e: AuditEvent): SharedJson => {
  const f = e[sharedFieldsKey]
  if (f === undefined || !sameShared(f, e)) return encodeShared(e)
  return (f.sharedJson ??= encodeShared(f))
}

const sameShared = (f: SharedFields, e: AuditEvent): boolean =>
  f.level === e.level &&
  f.auditID === e.auditID &&
  f.requestURI === e.requestURI &&
  f.verb === e.verb &&
  f.user === e.user &&
  f.sourceIPs === e.sourceIPs &&
  f.userAgent === e.userAgent &&
  f.objectRef === e.objectRef &&
  f.requestReceivedTimestamp === e.requestReceivedTimestamp

const encodeShared = (f: Omit<SharedFields, 'sharedJson'>): SharedJson => {
  let source = ''
  if (f.sourceIPs !== undefined) source += `,"sourceIPs":${strings(f.sourceIPs)}`
  if (f.userAgent !== undefined) source += `,"userAgent":${quote(f.userAgent)}`
  if (f.objectRef !== undefined) source += `,"objectRef":${encodeObjectRef(f.objectRef)}`
  return {
    head: `{"kind":"Event","apiVersion":"audit.k8s.io/v1","level":${quote(f.level)},"auditID":${quote(f.auditID)},"stage":`,
    request: `"requestURI":${quote(f.requestURI)},"verb":${quote(f.verb)},"user":${encodeUser(f.user)}`,
    source,
    received: `,"requestReceivedTimestamp":${quote(f.requestReceivedTimestamp)},"stageTimestamp":`,
  }
}

/** A string no JSON or Go escape touches: written between quotes as it is. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what must be escaped
const plain = /^[^"\\\u0000-\u001f<>&\u2028\u2029\ud800-\udfff]*$/

/** What Go escapes beyond JSON. */
const goOnly = /[<>&\u2028\u2029]/

/** A JSON string as `goJson` writes it; `goJson`'s replace pass only when Go escapes more than JSON does. */
const quote = (s: string): string => {
  if (plain.test(s)) return `"${s}"`
  const json = JSON.stringify(s)
  return goOnly.test(json) ? goJson(s) : json
}

/** `,"key":value` for an arbitrary value (request and response objects); nothing when JSON leaves it out. */
const member = (key: string, value: unknown): string => {
  const json = goJson({ [key]: value })
  return json === '{}' ? '' : `,${json.slice(1, -1)}`
}

const encodeUser = (u: EventUser): string => {
  let out = ''
  if (u.username !== undefined) out += `,"username":${quote(u.username)}`
  if (u.uid !== undefined) out += `,"uid":${quote(u.uid)}`
  if (u.groups !== undefined) out += `,"groups":${strings(u.groups)}`
  if (u.extra !== undefined) out += `,"extra":${stringListMap(u.extra)}`
  return out === '' ? '{}' : `{${out.slice(1)}}`
}

const encodeObjectRef = (r: ObjectReference): string => {
  let out = ''
  if (r.resource !== undefined) out += `,"resource":${quote(r.resource)}`
  if (r.namespace !== undefined) out += `,"namespace":${quote(r.namespace)}`
  if (r.name !== undefined) out += `,"name":${quote(r.name)}`
  if (r.apiGroup !== undefined) out += `,"apiGroup":${quote(r.apiGroup)}`
  if (r.apiVersion !== undefined) out += `,"apiVersion":${quote(r.apiVersion)}`
  if (r.subresource !== undefined) out += `,"subresource":${quote(r.subresource)}`
  return out === '' ? '{}' : `{${out.slice(1)}}`
}

const encodeStatus = (s: ResponseStatus): string => {
  let out = `{"metadata":${isEmpty(s.metadata) ? '{}' : goJson(s.metadata)}`
  if (s.status !== undefined) out += `,"status":${quote(s.status)}`
  if (s.message !== undefined) out += `,"message":${quote(s.message)}`
  if (s.reason !== undefined) out += `,"reason":${quote(s.reason)}`
  if (s.code !== undefined) out += `,"code":${JSON.stringify(s.code)}`
  return `${out}}`
}

const isEmpty = (o: object): boolean => {
  for (const _ in o) return false
  return true
}

const strings = (xs: ReadonlyArray<string>): string => {
  let out = ''
  for (let i = 0; i < xs.length; i++) out += (i === 0 ? '' : ',') + quote(xs[i] as string)
  return `[${out}]`
}

const stringMap = (m: Readonly<Record<string, string>>): string => {
  let out = ''
  for (const k of Object.keys(m)) out += `${out === '' ? '' : ','}${quote(k)}:${quote(m[k] as string)}`
  return `{${out}}`
}

const stringListMap = (m: Readonly<Record<string, ReadonlyArray<string>>>): string => {
  let out = ''
  for (const k of Object.keys(m)) out += `${out === '' ? '' : ','}${quote(k)}:${strings(m[k] as ReadonlyArray<string>)}`
  return `{${out}}`
}
