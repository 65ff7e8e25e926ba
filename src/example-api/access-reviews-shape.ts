import { type JsonObject, type JsonValue, isJsonObject } from '../endpoints/json-value.js'

/** A Go struct as its JSON decoder sees it: its type name, and its fields' shapes by JSON name. */
export interface GoStruct {
  /** The struct's Go name (`ResourceAttributes`), as unmarshal errors name it. */
  readonly name: string
  /** The package-qualified type (`v1.ResourceAttributes`), for errors on the field that holds it. */
  readonly qualified: string
  readonly fields: Readonly<Record<string, GoShape>>
}

/** A field's Go type: a string, a value left unchecked, or a nested struct. */
export type GoShape = 'string' | 'any' | GoStruct

/**
 * The message Go's `json.Unmarshal` gives for the first value in `object` (in document order) whose
 * JSON type the struct cannot hold: `json: cannot unmarshal number into Go struct field
 * ResourceAttributes.spec.resourceAttributes.verb of type string`; `undefined` when it can hold all.
 * `null` fits every field (it leaves the zero value), and unknown fields are ignored, as Go's decoder does.
 * @example
 * goUnmarshalError({ name: 1 }, objectMetaStruct) // 'json: cannot unmarshal number into Go struct field ObjectMeta.name of type string'
 */
export const goUnmarshalError = (object: JsonObject, struct: GoStruct, path = ''): string | undefined => {
  for (const [key, value] of Object.entries(object)) {
    const shape = struct.fields[key]
    if (shape === undefined || value === null || shape === 'any') continue
    const field = path === '' ? key : `${path}.${key}`
    const found = fieldError(value, shape, field)
    if (found !== undefined)
      return found.startsWith('json: ')
        ? found
        : `json: cannot unmarshal ${found} into Go struct field ${struct.name}.${field} of type ${typeName(shape)}`
  }
  return undefined
}

/** The JSON type that does not fit (`number`), or a whole message from a nested struct. */
const fieldError = (value: JsonValue, shape: Exclude<GoShape, 'any'>, field: string): string | undefined => {
  if (shape === 'string') return typeof value === 'string' ? undefined : jsonType(value)
  return isJsonObject(value) ? goUnmarshalError(value, shape, field) : jsonType(value)
}

const typeName = (shape: Exclude<GoShape, 'any'>): string => (typeof shape === 'string' ? shape : shape.qualified)

/** Go's name for a JSON value's type in unmarshal errors. */
const jsonType = (v: JsonValue): string => {
  if (typeof v === 'boolean') return 'bool'
  if (typeof v === 'number') return 'number'
  if (typeof v === 'string') return 'string'
  return Array.isArray(v) ? 'array' : 'object'
}

/** The API version the authorization reviews are served at. */
export const authorizationV1 = 'authorization.k8s.io/v1'

/** `metav1.ObjectMeta`'s string fields, checked as Go decodes them; the rest is left to the review. */
export const objectMetaStruct: GoStruct = {
  name: 'ObjectMeta',
  qualified: 'v1.ObjectMeta',
  fields: { name: 'string', generateName: 'string', namespace: 'string', selfLink: 'string', uid: 'string', resourceVersion: 'string' },
}

const typeMetaStruct: GoStruct = { name: '', qualified: '', fields: { apiVersion: 'string', kind: 'string' } }

/**
 * Upstream's decoding of a review body into `struct` (a kind of `authorization.k8s.io/v1`), as 400
 * errors: a non-string `kind`/`apiVersion` (version/kind sniffing), another apiVersion or kind, or a field
 * of a JSON type Go cannot decode into (`<Kind> in version "v1" cannot be handled as a <Kind>: json: ...`).
 * @example
 * const review: GoStruct = { name: 'SelfSubjectAccessReview', qualified: 'v1.SelfSubjectAccessReview', fields: {} }
 * reviewDecodeError({ kind: 'Pod' }, review) // 'the kind in the data (Pod) does not match the expected kind (SelfSubjectAccessReview)'
 */
export const reviewDecodeError = (object: JsonObject, struct: GoStruct): string | undefined => {
  const sniffed = goUnmarshalError(object, typeMetaStruct)
  if (sniffed !== undefined) return `couldn't get version/kind; json parse error: ${sniffed}`
  const { apiVersion, kind } = object as { readonly apiVersion?: string; readonly kind?: string }
  if (apiVersion !== undefined && apiVersion !== '' && apiVersion !== authorizationV1) {
    return `the API version in the data (${apiVersion}) does not match the expected API version (${authorizationV1})`
  }
  if (kind !== undefined && kind !== '' && kind !== struct.name)
    return `the kind in the data (${kind}) does not match the expected kind (${struct.name})`
  const typeError = goUnmarshalError(object, struct)
  return typeError === undefined ? undefined : `${struct.name} in version "v1" cannot be handled as a ${struct.name}: ${typeError}`
}
