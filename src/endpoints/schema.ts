/** A group, version and kind (`x-kubernetes-group-version-kind`; the core group is `''`). */
export interface GroupVersionKind {
  readonly group: string
  readonly version: string
  readonly kind: string
}

/**
 * An OpenAPI v3 schema as upstream publishes its models (the subset this library uses). A `$ref` holds
 * a model's name (`io.k8s.api.core.v1.ConfigMap`), not a document path: each OpenAPI document writes
 * its own prefix (`#/definitions/` in v2, `#/components/schemas/` in v3).
 */
export interface Schema {
  readonly type?: 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean'
  readonly format?: string
  readonly description?: string
  readonly properties?: Readonly<Record<string, Schema>>
  readonly additionalProperties?: Schema | boolean
  readonly items?: Schema
  readonly required?: ReadonlyArray<string>
  readonly $ref?: string
  readonly allOf?: ReadonlyArray<Schema>
  readonly default?: unknown
  readonly enum?: ReadonlyArray<unknown>
  readonly 'x-kubernetes-group-version-kind'?: ReadonlyArray<GroupVersionKind>
  /** Strategic merge patch: `merge`, `replace`, `retainKeys` or `merge,retainKeys`. */
  readonly 'x-kubernetes-patch-strategy'?: string
  readonly 'x-kubernetes-patch-merge-key'?: string
  /** Server-side apply: `atomic`, `set` or `map`. */
  readonly 'x-kubernetes-list-type'?: 'atomic' | 'set' | 'map'
  readonly 'x-kubernetes-list-map-keys'?: ReadonlyArray<string>
  /** Server-side apply: `atomic` or `granular`. */
  readonly 'x-kubernetes-map-type'?: 'atomic' | 'granular'
  readonly 'x-kubernetes-int-or-string'?: boolean
  readonly 'x-kubernetes-preserve-unknown-fields'?: boolean
  readonly 'x-kubernetes-embedded-resource'?: boolean
}

/** Named models: the schemas `$ref`s point at. */
export type SchemaModels = Readonly<Record<string, Schema>>

/** The model a `$ref` names, or the schema itself when it is not a reference. */
export const resolveSchema = (schema: Schema, models: SchemaModels): Schema | undefined =>
  schema.$ref === undefined ? schema : models[schema.$ref]
