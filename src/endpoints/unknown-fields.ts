import { type JsonValue, isJsonObject } from './json-value.js'
import { type Schema, type SchemaModels, resolveSchema } from './schema.js'

/**
 * The paths of the fields a value has and its schema does not know, as upstream's strict decoder names
 * them (`dataa`, `metadata.labelz`, `spec.items[0].foo`), in document order. Map values
 * (`additionalProperties`) are checked against their schema; `x-kubernetes-preserve-unknown-fields`,
 * an unresolvable `$ref` and a schema without `properties` accept anything below them.
 * @example
 * unknownFields({ dataa: {} }, { $ref: 'io.k8s.api.core.v1.ConfigMap' }, models) // ['dataa']
 */
export const unknownFields = (value: JsonValue, schema: Schema, models: SchemaModels): ReadonlyArray<string> => {
  const found: string[] = []
  walk(value, schema, models, '', found)
  return found
}

const walk = (value: JsonValue, schema: Schema, models: SchemaModels, path: string, found: string[]): void => {
  const s = effective(schema, models)
  if (s === undefined || s['x-kubernetes-preserve-unknown-fields'] === true) return
  if (Array.isArray(value)) {
    if (s.items !== undefined) value.forEach((item: JsonValue, i: number) => walk(item, s.items as Schema, models, `${path}[${i}]`, found))
    return
  }
  if (!isJsonObject(value)) return
  if (s.properties !== undefined) {
    for (const [key, v] of Object.entries(value)) {
      const field = path === '' ? key : `${path}.${key}`
      const sub = s.properties[key]
      if (sub !== undefined) walk(v, sub, models, field, found)
      else if (typeof s.additionalProperties === 'object') walk(v, s.additionalProperties, models, field, found)
      else if (s.additionalProperties !== true) found.push(field)
    }
    return
  }
  if (typeof s.additionalProperties === 'object') {
    for (const [key, v] of Object.entries(value)) walk(v, s.additionalProperties, models, path === '' ? key : `${path}.${key}`, found)
  }
}

/** A `$ref` (also one wrapped in `allOf`, as upstream's v3 documents write them) resolved to its model. */
const effective = (schema: Schema, models: SchemaModels): Schema | undefined => {
  const direct = resolveSchema(schema, models)
  if (direct === undefined) return undefined
  const only = direct.allOf?.length === 1 ? direct.allOf[0] : undefined
  return only === undefined ? direct : effective(only, models)
}
