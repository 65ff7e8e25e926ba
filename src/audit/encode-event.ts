import { goJson } from '../core/go-json.js'
import {
  type AuditEvent,
  type EventUser,
  type MaybeFixedJson,
  type ObjectReference,
  type ResponseStatus,
  type SharedFields,
  type SharedJson,
  fixedJsonKey,
  sharedFieldsKey,
} from './event.js'
import { type EncoderMemory, encoderMemory, plainMemory } from './encoder-memory.js'
import type { Middle } from './middle-memo.js'
import { quote } from './quote-json.js'

/**
 * An event as one line of the `json` log format: upstream's field order and Go's escaping of `<`, `>`,
 * `&`, U+2028, U+2029, without the newline. Byte for byte `goJson(event)` for an event built in field
 * order. Written by hand for the fixed shape: constant parts are written as they are, the fields a
 * request's events share are encoded once per request (kept in its `SharedFields`), and values the event
 * builder froze carry their JSON (`fixedJsonKey`); the generic `goJson` walk is too slow for every audited request.
 * @example
 * encodeEvent(event) // '{"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"Metadata",...}'
 */
export const encodeEvent = (e: AuditEvent): string => encodeWith(e, plainMemory)

/**
 * `encodeEvent` for a backend that encodes many events, with an `encoderMemory`: repeated strings, the
 * last timestamp and annotations, and the middle of the last request per target are not written again.
 * Same output.
 */
export const eventEncoder = (): ((e: AuditEvent) => string) => {
  const q = encoderMemory()
  return (e) => encodeWith(e, q)
}

const encodeWith = (e: AuditEvent, q: EncoderMemory): string => {
  const shared = sharedJsonOf(e, q)
  let out = shared.head + stageJson(e.stage)
  out +=
    e.impersonatedUser === undefined
      ? shared.middle
      : `${shared.middle.slice(0, shared.cut)},"impersonatedUser":${encodeUser(e.impersonatedUser)}${shared.middle.slice(shared.cut)}`
  if (e.responseStatus !== undefined) out += `,"responseStatus":${encodeStatus(e.responseStatus, q)}`
  if (e.requestObject !== undefined) out += member('requestObject', e.requestObject)
  if (e.responseObject !== undefined) out += member('responseObject', e.responseObject)
  out += shared.received + q.time(e.stageTimestamp)
  if (e.annotations !== undefined) out += `,"annotations":${q.annotations(e.annotations, (m) => stringMap(m, q.text))}`
  return `${out}}`
}

/** The shared fields' JSON: from the linked `SharedFields` while the event still has its values, else made afresh. */
const sharedJsonOf = (e: AuditEvent, q: EncoderMemory): SharedJson => {
  const f = e[sharedFieldsKey]
  if (f === undefined || !sameShared(f, e)) return encodeShared(e, q)
  return (f.sharedJson ??= encodeShared(f, q))
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

/** The shared JSON; its middle from the encoder's memory when a request just like it came before. */
const encodeShared = (f: Omit<SharedFields, 'sharedJson'>, q: EncoderMemory): SharedJson => {
  let middle = q.middles?.get(f)
  if (middle === undefined) {
    middle = encodeMiddle(f, q)
    q.middles?.set(f, middle)
  }
  return {
    head: levelJson(f.level) + quote(f.auditID),
    middle: middle.json,
    cut: middle.cut,
    received: `,"requestReceivedTimestamp":${q.time(f.requestReceivedTimestamp)},"stageTimestamp":`,
  }
}

/**
 * Request URI to objectRef (most of a line), joined into one flat string, not concatenated: both events
 * of a request copy it, so it is laid out once rather than walked as a tree of small strings per event.
 */
const encodeMiddle = (f: Omit<SharedFields, 'sharedJson'>, q: EncoderMemory): Middle => {
  const parts = ['"requestURI":', quote(f.requestURI), ',"verb":', q.text(f.verb), ',"user":', encodeUser(f.user)]
  let cut = 0
  for (const p of parts) cut += p.length
  if (f.sourceIPs !== undefined) parts.push(',"sourceIPs":', encodeStrings(f.sourceIPs))
  if (f.userAgent !== undefined) parts.push(',"userAgent":', quote(f.userAgent))
  if (f.objectRef !== undefined) parts.push(',"objectRef":', encodeObjectRef(f.objectRef))
  return { json: parts.join(''), cut }
}

/** The event's start up to the audit ID, written once per level. */
const levelJson = (level: string): string =>
  levelHeads.get(level) ?? `{"kind":"Event","apiVersion":"audit.k8s.io/v1","level":${quote(level)},"auditID":`

const levelHeads = new Map(
  ['None', 'Metadata', 'Request', 'RequestResponse'].map((l) => [
    l,
    `{"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"${l}","auditID":`,
  ]),
)

/** `,"stage":"...",`, written once per stage. */
const stageJson = (stage: string): string => stageParts.get(stage) ?? `,"stage":${quote(stage)},`

const stageParts = new Map(['RequestReceived', 'ResponseStarted', 'ResponseComplete', 'Panic'].map((s) => [s, `,"stage":"${s}",`]))

/** `,"key":value` for an arbitrary value (request and response objects); nothing when JSON leaves it out. */
const member = (key: string, value: unknown): string => {
  const json = goJson({ [key]: value })
  return json === '{}' ? '' : `,${json.slice(1, -1)}`
}

/** A user's JSON: the one it carries when the event builder froze it, else written now. */
export const encodeUser = (u: EventUser & MaybeFixedJson): string => {
  const fixed = u[fixedJsonKey]
  if (fixed !== undefined) return fixed
  let out = ''
  if (u.username !== undefined) out += `,"username":${quote(u.username)}`
  if (u.uid !== undefined) out += `,"uid":${quote(u.uid)}`
  if (u.groups !== undefined) out += `,"groups":${strings(u.groups)}`
  if (u.extra !== undefined) out += `,"extra":${stringListMap(u.extra)}`
  return out === '' ? '{}' : `{${out.slice(1)}}`
}

/** An objectRef's JSON: the one it carries when the event builder froze it, else written now. */
export const encodeObjectRef = (r: ObjectReference & MaybeFixedJson): string => {
  const fixed = r[fixedJsonKey]
  if (fixed !== undefined) return fixed
  let out = ''
  if (r.resource !== undefined) out += `,"resource":${quote(r.resource)}`
  if (r.namespace !== undefined) out += `,"namespace":${quote(r.namespace)}`
  if (r.name !== undefined) out += `,"name":${quote(r.name)}`
  if (r.apiGroup !== undefined) out += `,"apiGroup":${quote(r.apiGroup)}`
  if (r.apiVersion !== undefined) out += `,"apiVersion":${quote(r.apiVersion)}`
  if (r.subresource !== undefined) out += `,"subresource":${quote(r.subresource)}`
  return out === '' ? '{}' : `{${out.slice(1)}}`
}

/** A status's JSON; one with nothing but an integer code (every complete response) from a table. */
const encodeStatus = (s: ResponseStatus, q: EncoderMemory): string => {
  if (s.status === undefined && s.message === undefined && s.reason === undefined && Number.isInteger(s.code) && isEmpty(s.metadata)) {
    const code = s.code as number
    return (code >= 100 && code < 600 ? codeOnly[code - 100] : undefined) ?? `{"metadata":{},"code":${code}}`
  }
  let out = `{"metadata":${isEmpty(s.metadata) ? '{}' : goJson(s.metadata)}`
  if (s.status !== undefined) out += `,"status":${q.text(s.status)}`
  if (s.message !== undefined) out += `,"message":${quote(s.message)}`
  if (s.reason !== undefined) out += `,"reason":${q.text(s.reason)}`
  if (s.code !== undefined) out += `,"code":${JSON.stringify(s.code)}`
  return `${out}}`
}

/** `{"metadata":{},"code":<code>}` by code - 100. */
const codeOnly: ReadonlyArray<string> = Array.from({ length: 500 }, (_, i) => `{"metadata":{},"code":${i + 100}}`)

const isEmpty = (o: object): boolean => {
  for (const _ in o) return false
  return true
}

/** A list of strings' JSON: the one it carries when the event builder froze it, else written now. */
export const encodeStrings = (xs: ReadonlyArray<string> & MaybeFixedJson): string => xs[fixedJsonKey] ?? strings(xs)

const strings = (xs: ReadonlyArray<string>): string => {
  let out = ''
  for (let i = 0; i < xs.length; i++) out += (i === 0 ? '' : ',') + quote(xs[i] as string)
  return `[${out}]`
}

const stringMap = (m: Readonly<Record<string, string>>, q: (s: string) => string): string => {
  const parts = ['{']
  for (const k of Object.keys(m)) parts.push(parts.length === 1 ? '' : ',', q(k), ':', q(m[k] as string))
  parts.push('}')
  return parts.join('')
}

const stringListMap = (m: Readonly<Record<string, ReadonlyArray<string>>>): string => {
  let out = ''
  for (const k of Object.keys(m)) out += `${out === '' ? '' : ','}${quote(k)}:${strings(m[k] as ReadonlyArray<string>)}`
  return `{${out}}`
}
