import type { SchemaModels } from '../schema.js'
import { objectMetaModels } from './object-meta-models.js'
import { operationModels } from './operation-models.js'

/**
 * The `meta/v1` (and `runtime`) models every API group's OpenAPI documents reference: object and list
 * metadata, `Status`, `DeleteOptions`, `WatchEvent`, `Patch`, discovery's `APIResourceList`, ... as
 * upstream publishes them (`$ref` holds a model's name).
 */
export const metaModels: SchemaModels = { ...objectMetaModels, ...operationModels }
