import { type Schema, type SchemaModels, resolveSchema } from '../schema.js'

/** A schema with its `$ref` (also one wrapped in a one-element `allOf`) resolved; undefined when unknown. */
export const effectiveSchema = (schema: Schema | undefined, models: SchemaModels): Schema | undefined => {
  if (schema === undefined) return undefined
  const direct = resolveSchema(schema, models)
  if (direct === undefined) return undefined
  const only = direct.allOf?.length === 1 ? direct.allOf[0] : undefined
  return only === undefined ? direct : effectiveSchema(only, models)
}

/** The schema of an object's field: its property, else its map values' (`additionalProperties`). */
export const childSchema = (schema: Schema | undefined, key: string, models: SchemaModels): Schema | undefined => {
  const s = effectiveSchema(schema, models)
  if (s === undefined) return undefined
  const prop = s.properties !== undefined && Object.hasOwn(s.properties, key) ? s.properties[key] : undefined
  return prop ?? (typeof s.additionalProperties === 'object' ? s.additionalProperties : undefined)
}

/** The schema of a list's items. */
export const itemSchema = (schema: Schema | undefined, models: SchemaModels): Schema | undefined => effectiveSchema(schema, models)?.items

type Extension = 'x-kubernetes-patch-strategy' | 'x-kubernetes-patch-merge-key' | 'x-kubernetes-list-type' | 'x-kubernetes-map-type'

/** An extension of a field, read where the field declares it first, then on the model it refers to. */
export const extensionOf = (schema: Schema | undefined, name: Extension, models: SchemaModels): string | undefined => {
  if (schema === undefined) return undefined
  const own = schema[name]
  return typeof own === 'string' ? own : (effectiveSchema(schema, models)?.[name] as string | undefined)
}

/** The list-map keys of a `x-kubernetes-list-type: map` list. */
export const listMapKeys = (schema: Schema | undefined, models: SchemaModels): ReadonlyArray<string> =>
  schema?.['x-kubernetes-list-map-keys'] ?? effectiveSchema(schema, models)?.['x-kubernetes-list-map-keys'] ?? []
