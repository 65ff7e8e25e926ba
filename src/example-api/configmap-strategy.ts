import * as E from 'fp-ts/lib/Either.js'
import type { JsonObject } from '../endpoints/json-value.js'
import type { ResourceStrategy } from '../endpoints/rest/resource-strategy.js'
import { type ConfigMap, type ConfigMapInput, decodeConfigMap } from './configmap-codec.js'
import { configMapFieldOrder } from './configmap-store.js'
import { validateConfigMap, validateConfigMapUpdate } from './configmap-validation.js'

/**
 * How ConfigMaps are written: bodies typed by `decodeConfigMap` (422 per field; empty `data` and
 * `binaryData` dropped, as Go's `omitempty` drops them), validated by
 * `validateConfigMap` and `validateConfigMapUpdate` (immutability), fields in `core/v1.ConfigMap`'s order.
 * @example
 * restHandler(configMapDefinition, store, configMapStrategy, { ...deps, models })
 */
export const configMapStrategy: ResourceStrategy = {
  decode: (object) => E.map(withoutEmptyMaps)(decodeConfigMap(object)),
  validate: (object) => validateConfigMap(object as unknown as ConfigMap),
  validateUpdate: (object, old) => validateConfigMapUpdate(object as unknown as ConfigMap, old as unknown as ConfigMap),
  fieldOrder: configMapFieldOrder,
}

/** The body without empty `data` and `binaryData` maps, which upstream never writes back. */
const withoutEmptyMaps = (input: ConfigMapInput): JsonObject => {
  const { data, binaryData, ...rest } = input
  return {
    ...(rest as JsonObject),
    ...(data !== undefined && Object.keys(data).length > 0 ? { data } : {}),
    ...(binaryData !== undefined && Object.keys(binaryData).length > 0 ? { binaryData } : {}),
  }
}
