import type { Schema, SchemaModels } from '../schema.js'

/** The model names a schema references directly (`$ref`s in it, at any depth). */
export const refsOf = (schema: Schema): ReadonlyArray<string> => {
  const out: string[] = []
  const walk = (s: Schema): void => {
    if (s.$ref !== undefined) out.push(s.$ref)
    for (const p of Object.values(s.properties ?? {})) walk(p)
    if (typeof s.additionalProperties === 'object') walk(s.additionalProperties)
    if (s.items !== undefined) walk(s.items)
    for (const a of s.allOf ?? []) walk(a)
  }
  walk(schema)
  return out
}

/**
 * The models reachable from `roots` through `$ref`s, roots included, sorted by name; a name without a
 * model is a defect of the models given, reported in `missing` rather than thrown.
 */
export const reachableModels = (
  roots: ReadonlyArray<string>,
  models: SchemaModels,
): { readonly models: SchemaModels; readonly missing: ReadonlyArray<string> } => {
  const seen = new Set<string>()
  const missing = new Set<string>()
  const stack = [...roots]
  while (stack.length > 0) {
    const name = stack.pop() as string
    if (seen.has(name) || missing.has(name)) continue
    const model = models[name]
    if (model === undefined) missing.add(name)
    else {
      seen.add(name)
      stack.push(...refsOf(model))
    }
  }
  const out: Record<string, Schema> = {}
  for (const name of [...seen].sort()) out[name] = models[name] as Schema
  return { models: out, missing: [...missing].sort() }
}

/**
 * A schema with every `$ref` turned into a document reference by `toRef` (`#/components/schemas/<name>`
 * in v3); with `inlineAllOf`, a property that is `allOf` one `$ref` becomes that `$ref` beside its own
 * fields, as OpenAPI v2 documents write it.
 */
export const rewriteRefs = (schema: Schema, toRef: (name: string) => string, inlineAllOf = false): Schema => {
  const go = (s: Schema): Schema => {
    const out: Record<string, unknown> = {}
    for (const [key, value] of Object.entries(s)) {
      if (key === '$ref') out[key] = toRef(value as string)
      else if (key === 'properties') out[key] = mapValues(value as Record<string, Schema>, go)
      else if (key === 'items' || (key === 'additionalProperties' && typeof value === 'object')) out[key] = go(value as Schema)
      else if (key === 'allOf') Object.assign(out, allOf(value as ReadonlyArray<Schema>))
      else out[key] = value
    }
    return out as Schema
  }
  const allOf = (list: ReadonlyArray<Schema>): Record<string, unknown> => {
    const only = list[0]
    return inlineAllOf && list.length === 1 && only?.$ref !== undefined ? { $ref: toRef(only.$ref) } : { allOf: list.map(go) }
  }
  return go(schema)
}

const mapValues = <A, B>(record: Readonly<Record<string, A>>, f: (a: A) => B): Record<string, B> => {
  const out: Record<string, B> = {}
  for (const [k, v] of Object.entries(record)) out[k] = f(v)
  return out
}
