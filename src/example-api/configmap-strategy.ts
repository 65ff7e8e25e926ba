import * as E from 'fp-ts/lib/Either.js'
import type { JsonObject } from '../endpoints/json-value.js'
import type { ResourceStrategy } from '../endpoints/rest/resource-strategy.js'
import { type ConfigMap, decodeConfigMap } from './configmap-codec.js'
import { configMapFieldOrder } from './configmap-store.js'
import { validateConfigMap, validateConfigMapUpdate } from './configmap-validation.js'

/**
 * How ConfigMaps are written: bodies typed by `decodeConfigMap` (422 per field), validated by
 * `validateConfigMap` and `validateConfigMapUpdate` (immutability), fields in `core/v1.ConfigMap`'s order.
 * @example
 * restHandler(configMapDefinition, store, configMapStrategy, deps)
 */
export const configMapStrategy: ResourceStrategy = {
  decode: (object) => E.map((input) => input as JsonObject)(decodeConfigMap(object)),
  validate: (object) => validateConfigMap(object as unknown as ConfigMap),
  validateUpdate: (object, old) => validateConfigMapUpdate(object as unknown as ConfigMap, old as unknown as ConfigMap),
  fieldOrder: configMapFieldOrder,
}
