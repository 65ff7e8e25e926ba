import type { GroupVersionKind, Schema } from '../schema.js'

/** Upstream's description of every object's `apiVersion`. */
export const apiVersionDescription =
  'APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources'

/** Upstream's description of every object's `kind`. */
export const kindDescription =
  'Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds'

/** A property that names another model, as upstream's v3 documents write it (`allOf` around the `$ref`). */
export const refTo = (model: string, description?: string, extra?: Schema): Schema => ({
  allOf: [{ $ref: model }],
  ...(extra ?? {}),
  ...(description === undefined ? {} : { description }),
})

/** A string property; `required` fields carry upstream's `default: ""`. */
export const stringProp = (description: string, required = false): Schema =>
  required ? { default: '', description, type: 'string' } : { description, type: 'string' }

/** A boolean property; `required` fields carry upstream's `default: false`. */
export const booleanProp = (description: string, required = false): Schema =>
  required ? { default: false, description, type: 'boolean' } : { description, type: 'boolean' }

/** An integer property of the given format (`int32`, `int64`). */
export const integerProp = (description: string, format: 'int32' | 'int64'): Schema => ({ description, format, type: 'integer' })

/** A list of strings; `listType` is the server-side apply list type when upstream declares one. */
export const stringListProp = (description: string, listType?: 'atomic' | 'set'): Schema => ({
  description,
  items: { default: '', type: 'string' },
  type: 'array',
  ...(listType === undefined ? {} : { 'x-kubernetes-list-type': listType }),
})

/** A list of another model's objects (`atomic`, as upstream declares most). */
export const modelListProp = (model: string, description: string, extra?: Schema): Schema => ({
  description,
  items: { allOf: [{ $ref: model }], default: {} },
  type: 'array',
  'x-kubernetes-list-type': 'atomic',
  ...(extra ?? {}),
})

/** A map of strings to strings. */
export const stringMapProp = (description: string): Schema => ({
  additionalProperties: { default: '', type: 'string' },
  description,
  type: 'object',
})

/** `x-kubernetes-group-version-kind` for one kind. */
export const gvkOf = (group: string, version: string, kind: string): ReadonlyArray<GroupVersionKind> => [{ group, kind, version }]
