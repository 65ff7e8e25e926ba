import * as E from 'fp-ts/lib/Either.js'
import * as t from 'io-ts'
import type { ApiError } from '../core/status.js'
import type { JsonObject } from '../endpoints/json-value.js'
import { invalid } from '../endpoints/api-errors.js'
import { type FieldError, invalidField } from '../endpoints/field-error.js'

const StringMap = t.record(t.string, t.string)

/** The object metadata a client may send (`metav1.ObjectMeta`, the fields this API keeps). */
export const ObjectMetaInput = t.partial({
  name: t.string,
  generateName: t.string,
  namespace: t.string,
  labels: StringMap,
  annotations: StringMap,
  resourceVersion: t.string,
  uid: t.string,
  creationTimestamp: t.unknown,
  managedFields: t.readonlyArray(t.UnknownRecord),
  ownerReferences: t.readonlyArray(t.UnknownRecord),
  finalizers: t.readonlyArray(t.string),
})
export type ObjectMetaInput = t.TypeOf<typeof ObjectMetaInput>

/** A ConfigMap v1 as a client sends it: every field optional; unknown fields are dropped. */
export const ConfigMapInput = t.partial({
  kind: t.string,
  apiVersion: t.string,
  metadata: ObjectMetaInput,
  immutable: t.boolean,
  data: StringMap,
  binaryData: StringMap,
})
export type ConfigMapInput = t.TypeOf<typeof ConfigMapInput>

/** Metadata of a stored object; the server sets uid, resourceVersion and creationTimestamp. */
export interface ObjectMeta {
  readonly name: string
  readonly generateName?: string
  readonly namespace: string
  readonly uid: string
  readonly resourceVersion: string
  /** RFC 3339, seconds precision (`2024-01-02T03:04:05Z`). */
  readonly creationTimestamp: string
  readonly labels?: Readonly<Record<string, string>>
  readonly annotations?: Readonly<Record<string, string>>
  readonly ownerReferences?: ReadonlyArray<JsonObject>
  readonly finalizers?: ReadonlyArray<string>
  /** Who set which fields (`metav1.ManagedFieldsEntry`), kept by create, update, patch and apply. */
  readonly managedFields?: ReadonlyArray<JsonObject>
}

/** A stored ConfigMap v1, its fields in upstream's JSON order. */
export interface ConfigMap {
  readonly kind: 'ConfigMap'
  readonly apiVersion: 'v1'
  readonly metadata: ObjectMeta
  readonly immutable?: boolean
  readonly data?: Readonly<Record<string, string>>
  /** Values are base64, as in JSON. */
  readonly binaryData?: Readonly<Record<string, string>>
}

/**
 * Reads a decoded body (see `decodeObject` in src/endpoints) as a ConfigMap as a client sent it: a
 * field of the wrong type is 422 Invalid naming the field (`data[key]`, `metadata.labels[app]`).
 * Port note: upstream answers wrong JSON types with a 400 carrying Go's unmarshal error; here they are
 * 422 with one cause per field, so clients see which field is wrong.
 * @example
 * decodeConfigMap({ metadata: { name: 'web' }, data: { a: '1' } }) // right({ metadata: { name: 'web' }, data: { a: '1' } })
 */
export const decodeConfigMap = (value: JsonObject): E.Either<ApiError, ConfigMapInput> => {
  const decoded = ConfigMapInput.decode(value)
  if (E.isRight(decoded)) return decoded
  return E.left(invalid('', 'ConfigMap', nameOf(value), fieldErrorsOf(decoded.left)))
}

/** The name in a body, if it has a string one (for the `ConfigMap "<name>" is invalid` message). */
const nameOf = (value: object): string => {
  const meta = (value as { metadata?: unknown }).metadata
  const name = typeof meta === 'object' && meta !== null ? (meta as { name?: unknown }).name : undefined
  return typeof name === 'string' ? name : ''
}

/** One field error per failing path, in the order io-ts reports them. */
const fieldErrorsOf = (errors: t.Errors): ReadonlyArray<FieldError> => {
  const seen = new Set<string>()
  const out: FieldError[] = []
  for (const err of errors) {
    const field = pathOf(err.context)
    if (seen.has(field)) continue
    seen.add(field)
    out.push(invalidField(field, err.value, `expected ${expectedOf(err.context)}`))
  }
  return out
}

/** apimachinery's path syntax: `.name` for struct fields, `[key]` for map keys. */
const pathOf = (context: t.Context): string => {
  let path = ''
  for (let i = 1; i < context.length; i++) {
    const entry = context[i] as t.ContextEntry
    const parent = (context[i - 1] as t.ContextEntry).type
    path += parent instanceof t.DictionaryType ? `[${entry.key}]` : path === '' ? entry.key : `.${entry.key}`
  }
  return path
}

const expectedOf = (context: t.Context): string => {
  const type = (context[context.length - 1] as t.ContextEntry).type
  if (type instanceof t.DictionaryType) return 'an object of strings'
  return type instanceof t.PartialType ? 'an object' : `a ${type.name}`
}
