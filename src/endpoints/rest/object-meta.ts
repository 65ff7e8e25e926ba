import { type JsonObject, type JsonValue, isJsonObject } from '../json-value.js'

/** The metadata fields the server keeps, in Go's `metav1.ObjectMeta` struct order (how upstream's JSON writes them). */
export const objectMetaOrder: ReadonlyArray<string> = [
  'name',
  'generateName',
  'namespace',
  'uid',
  'resourceVersion',
  'creationTimestamp',
  'labels',
  'annotations',
  'ownerReferences',
  'finalizers',
  'managedFields',
]

const emptyMeta: JsonObject = {}

/** An object's `metadata` (an empty one when it has none). */
export const metaOf = (object: JsonObject): JsonObject => {
  const m = object['metadata']
  return isJsonObject(m) ? m : emptyMeta
}

/** A string field of an object's metadata, `''` when absent or not a string. */
export const metaString = (object: JsonObject, field: string): string => {
  const v = metaOf(object)[field]
  return typeof v === 'string' ? v : ''
}

/** An object's labels (`undefined` when it has none). */
export const labelsOf = (object: JsonObject): Readonly<Record<string, string>> | undefined => {
  const l = metaOf(object)['labels']
  return isJsonObject(l) ? (l as Readonly<Record<string, string>>) : undefined
}

/** The object with `metadata` replaced by `meta` merged over it. */
export const withMeta = (object: JsonObject, meta: JsonObject): JsonObject => ({ ...object, metadata: { ...metaOf(object), ...meta } })

/**
 * The object with its fields in Go's struct order, as upstream's JSON writes them whatever order a
 * client or patch left: `kind`, `apiVersion`, `metadata` (in `objectMetaOrder`, other metadata fields
 * dropped), then `fieldOrder` (other fields dropped) or, without one, the object's other fields as they come.
 */
export const inGoOrder = (object: JsonObject, fieldOrder?: ReadonlyArray<string>): JsonObject => {
  const meta: Record<string, JsonValue> = {}
  const m = metaOf(object)
  for (const k of objectMetaOrder) if (m[k] !== undefined) meta[k] = m[k] as JsonValue
  const out: Record<string, JsonValue> = {}
  if (object['kind'] !== undefined) out['kind'] = object['kind']
  if (object['apiVersion'] !== undefined) out['apiVersion'] = object['apiVersion']
  out['metadata'] = meta
  const rest = fieldOrder ?? Object.keys(object)
  for (const k of rest) if (object[k] !== undefined && out[k] === undefined) out[k] = object[k] as JsonValue
  return out
}

/** RFC 3339 in UTC with seconds precision, as metav1.Time encodes. */
export const rfc3339 = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z')

/** Roughly the bytes an object holds: its keys and strings (what makes an object large), 8 for other values, and a little for the rest. */
export const objectBytes = (object: JsonObject): number => 256 + valueBytes(object)

const valueBytes = (v: JsonValue): number => {
  if (typeof v === 'string') return v.length
  if (Array.isArray(v)) return (v as ReadonlyArray<JsonValue>).reduce((n: number, x) => n + valueBytes(x), 0)
  if (!isJsonObject(v)) return 8
  let n = 0
  for (const k in v) n += k.length + valueBytes(v[k] as JsonValue)
  return n
}
