import * as E from 'fp-ts/lib/Either.js'
import type protobuf from 'protobufjs/light.js'
import type { JsonObject, JsonValue } from '../json-value.js'
import { parseJsonBytes, tooDeepMessage } from '../patch/json-text.js'
import { formatMicroTime, formatTime } from './json-time.js'
import type { GoFieldOptions } from './proto-root.js'
import { type Cursor, anyVarint, fail, isWireError, lengthDelimited, lengthEnd, readString, skipField, splitTag } from './wire-reader.js'

/** A message being decoded: fields set as they arrive, nested messages merged, as Go's `Unmarshal` does. */
type Builder = Record<string, unknown>

/**
 * Decodes one message's bytes into the JSON shape upstream's JSON encoder gives the same Go object:
 * JSON field names; zero strings, numbers and booleans, empty maps, lists and messages left out (a Go
 * pointer field keeps its zero value: it was sent); int64 as numbers; `bytes` as base64; `metav1.Time`
 * and `MicroTime` as RFC 3339 strings; `FieldsV1` as the JSON it holds; `ExtraValue` as a list.
 * Malformed bytes fail with the text of gogo's generated `Unmarshal` (`unexpected EOF`,
 * `proto: wrong wireType = 0 for field Data`). Unknown fields are skipped, as upstream skips them.
 * @example
 * decodeMessage(protoType('core.ConfigMap'), body) // right({ metadata: { name: 'x' }, data: { a: 'b' } })
 */
export const decodeMessage = (type: protobuf.Type, bytes: Uint8Array): E.Either<string, JsonObject> =>
  E.tryCatch(
    () => finish(type, readMessage(type, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), 0, bytes.length, {})),
    (e) => (isWireError(e) ? e.message : `proto: ${e instanceof Error ? e.message : String(e)}`),
  )

const timeType = '.meta.Time'
const microTimeType = '.meta.MicroTime'
const fieldsV1Type = '.meta.FieldsV1'
const extraValueType = '.authentication.ExtraValue'
/** gogo names the message in its errors; metav1.Time and MicroTime are read as a `Timestamp`. */
const goTypeName = (type: protobuf.Type): string =>
  type.fullName === timeType || type.fullName === microTimeType ? 'Timestamp' : type.name
const goFieldName = (f: protobuf.Field): string =>
  (f.options as GoFieldOptions | undefined)?.goName ?? f.name[0]?.toUpperCase() + f.name.slice(1)
const isPointer = (f: protobuf.Field): boolean => (f.options as GoFieldOptions | undefined)?.pointer === true

/** gogo's `Unmarshal` loop over `[start, end)`, merging into `out`. */
const readMessage = (type: protobuf.Type, buf: Buffer, start: number, end: number, out: Builder): Builder => {
  const c: Cursor = { buf, pos: start }
  while (c.pos < end) {
    const pre = c.pos
    const wire = anyVarint(c, end)
    const [fieldNum, wireType] = splitTag(wire)
    if (wireType === 4) fail(`proto: ${goTypeName(type)}: wiretype end group for non-group`)
    if (fieldNum <= 0) fail(`proto: ${goTypeName(type)}: illegal tag ${fieldNum} (wire type ${wire})`)
    const f = type.fieldsById[fieldNum]
    if (f === undefined) {
      c.pos = pre
      skipField(c, end, end)
      continue
    }
    if (wireType !== expectedWireType(f)) fail(`proto: wrong wireType = ${wireType} for field ${goFieldName(f)}`)
    readField(f, c, end, out)
  }
  return out
}

const expectedWireType = (f: protobuf.Field): number =>
  f.map || f.repeated || f.resolvedType !== null || f.type === 'string' || f.type === 'bytes' ? 2 : 0

const readField = (f: protobuf.Field, c: Cursor, end: number, out: Builder): void => {
  if (f.map) return readMapEntry(f, c, end, out)
  if (f.repeated) {
    const list = (out[f.name] ??= []) as unknown[]
    list.push(f.resolvedType !== null ? readNested(f.resolvedType as protobuf.Type, c, end, {}) : readString(c, end))
    return
  }
  if (f.resolvedType !== null) return setValue(f, out, readSubMessage(f, c, end, out[f.name]))
  setValue(f, out, readScalar(f.type, c, end))
}

/** A nested message's bytes decoded on their own, as `m.Field.Unmarshal(dAtA[iNdEx:postIndex])`. */
const readNested = (type: protobuf.Type, c: Cursor, end: number, into: Builder): Builder => {
  const post = lengthEnd(c, end)
  const start = c.pos
  c.pos = post
  return readMessage(type, c.buf, start, post, into)
}

/** A message field: the special metav1 types become their JSON value; others merge into what came before. */
const readSubMessage = (f: protobuf.Field, c: Cursor, end: number, previous: unknown): unknown => {
  const type = f.resolvedType as protobuf.Type
  if (type.fullName === timeType || type.fullName === microTimeType) return readTime(type, c, end)
  if (type.fullName === fieldsV1Type) return readFieldsV1(type, c, end)
  return readNested(type, c, end, (previous ?? {}) as Builder)
}

/**
 * `Time.Unmarshal`: empty bytes are the zero time (JSON `null`, left out); otherwise a `Timestamp`.
 * Port note: a time a `Date` cannot hold fails here (`seconds ... out of range`); upstream keeps it.
 */
const readTime = (type: protobuf.Type, c: Cursor, end: number): string | undefined => {
  const post = lengthEnd(c, end)
  const start = c.pos
  c.pos = post
  if (post === start) return undefined
  const ts = readMessage(type, c.buf, start, post, {})
  const seconds = Number(ts['seconds'] ?? 0)
  if (Math.abs(seconds) > maxTimeSeconds) fail(`proto: Timestamp: seconds ${seconds} out of range`)
  return type.fullName === microTimeType ? formatMicroTime(seconds, Number(ts['nanos'] ?? 0)) : formatTime(seconds)
}

/** The seconds on either side of the epoch that a `Date` holds, less a day for a MicroTime's carry. */
const maxTimeSeconds = 8.64e12 - 86400

/** `FieldsV1` holds JSON bytes; empty ones are left out; JSON nested past `maxJsonDepth` is refused, as every decoded body's. */
const readFieldsV1 = (type: protobuf.Type, c: Cursor, end: number): JsonValue | undefined => {
  const raw = readNested(type, c, end, {})['Raw']
  if (typeof raw !== 'string' || raw === '') return undefined
  const parsed = parseJsonBytes(Buffer.from(raw, 'base64'))
  if (E.isRight(parsed)) return parsed.right
  return fail(parsed.left === tooDeepMessage ? `proto: FieldsV1: Raw ${tooDeepMessage}` : 'proto: FieldsV1: Raw is not JSON')
}

/** Sets a field's value; a non-pointer field's zero value (and a zero time) leaves the field out. */
const setValue = (f: protobuf.Field, out: Builder, value: unknown): void => {
  if (value === undefined || (!isPointer(f) && (value === '' || value === 0 || value === false))) delete out[f.name]
  else out[f.name] = value
}

const readScalar = (type: string, c: Cursor, end: number): unknown => {
  if (type === 'string') return readString(c, end)
  if (type === 'bytes') return base64(lengthDelimited(c, end))
  const v = anyVarint(c, end)
  if (typeof v === 'number') return type === 'bool' ? v !== 0 : type === 'int32' ? v | 0 : v
  if (type === 'bool') return v !== 0n
  return Number(type === 'int32' ? BigInt.asIntN(32, v) : BigInt.asIntN(64, v))
}

const base64 = (bytes: Uint8Array): string => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64')

/**
 * One map entry, read as gogo reads it: key (field 1) and value (field 2) by their declared types
 * whatever their wire types, other fields skipped, reads bounded by the enclosing message's end.
 */
const readMapEntry = (f: protobuf.Field, c: Cursor, end: number, out: Builder): void => {
  const post = lengthEnd(c, end)
  const valueType = f.resolvedType as protobuf.Type | null
  let key = ''
  let value: unknown = valueType === null ? '' : []
  while (c.pos < post) {
    const pre = c.pos
    const [fieldNum] = splitTag(anyVarint(c, end))
    if (fieldNum === 1) key = readString(c, end)
    else if (fieldNum === 2) value = valueType === null ? readScalar(f.type, c, end) : extraValue(readNested(valueType, c, end, {}))
    else {
      c.pos = pre
      skipField(c, end, post)
    }
  }
  c.pos = post
  const map = (out[f.name] ??= {}) as Builder
  // `__proto__` is defined, not assigned: it is data, as JSON.parse keeps it
  if (key === '__proto__') Object.defineProperty(map, key, { value, enumerable: true, writable: true, configurable: true })
  else map[key] = value
}

/** An `ExtraValue` (`[]string` in Go) is a JSON list. */
const extraValue = (b: Builder): ReadonlyArray<string> => (b['items'] ?? []) as ReadonlyArray<string>

/** The decoded message in its type's field order, empty non-pointer messages left out. */
const finish = (type: protobuf.Type, b: Builder): JsonObject => {
  const out: Record<string, JsonValue> = {}
  for (const f of type.fieldsArray) {
    const v = b[f.name]
    if (v === undefined) continue
    const value = finishValue(f, v)
    if (f.resolvedType !== null && !f.map && !f.repeated && !isPointer(f) && isEmptyObject(value)) continue
    out[f.name] = value
  }
  return out
}

const finishValue = (f: protobuf.Field, v: unknown): JsonValue => {
  const type = f.resolvedType
  if (type === null || f.map || isSpecial(type as protobuf.Type)) return v as JsonValue
  if (f.repeated) return (v as Builder[]).map((item) => finish(type as protobuf.Type, item))
  return finish(type as protobuf.Type, v as Builder)
}

const isSpecial = (type: protobuf.Type): boolean =>
  type.fullName === timeType || type.fullName === microTimeType || type.fullName === fieldsV1Type || type.fullName === extraValueType

const isEmptyObject = (v: JsonValue): boolean => typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 0
