import * as E from 'fp-ts/lib/Either.js'
import type { ApiError } from '../../core/status.js'
import type { FieldError } from '../field-error.js'
import type { JsonObject } from '../json-value.js'
import { labelsOf, metaOf, metaString } from './object-meta.js'
import { validateAnnotations, validateLabels, validateObjectName } from './object-meta-validation.js'

/**
 * How one kind is written, as data (upstream's `RESTCreateStrategy` and `RESTUpdateStrategy`):
 * `decode` checks a decoded body's types (a wrong one is 422 naming the field: `<Kind> "<name>" is
 * invalid`), `validate` and `validateUpdate` list what is wrong with an object about to be stored
 * (422 when any), `prepareForCreate` and `prepareForUpdate` reset what clients may not set, and
 * `fieldOrder` lists the kind's own fields in Go's struct order (others are dropped; without it an
 * object keeps the order it was decoded with). Table columns come from the `ResourceDefinition`.
 */
export interface ResourceStrategy {
  readonly decode: (object: JsonObject) => E.Either<ApiError, JsonObject>
  readonly validate: (object: JsonObject) => ReadonlyArray<FieldError>
  readonly validateUpdate: (object: JsonObject, old: JsonObject) => ReadonlyArray<FieldError>
  readonly prepareForCreate?: (object: JsonObject) => JsonObject
  readonly prepareForUpdate?: (object: JsonObject, old: JsonObject) => JsonObject
  readonly fieldOrder?: ReadonlyArray<string>
}

/**
 * What upstream's `ValidateObjectMeta` checks of every object: a DNS-subdomain name (or a
 * `generateName`), qualified label keys and values, qualified annotation keys.
 * @example
 * validateObjectMeta({ metadata: { name: 'Web' } }) // [metadata.name: Invalid value: "Web": a lowercase RFC 1123 subdomain ...]
 */
export const validateObjectMeta = (object: JsonObject): ReadonlyArray<FieldError> => {
  const annotations = metaOf(object)['annotations'] as Readonly<Record<string, string>> | undefined
  return [
    ...validateObjectName(metaString(object, 'name'), metaString(object, 'generateName') !== ''),
    ...validateLabels(labelsOf(object), 'metadata.labels'),
    ...validateAnnotations(annotations, 'metadata.annotations'),
  ]
}

/**
 * A strategy for kinds whose bodies the model already checks (see `readObject`): any decoded object
 * is accepted, and only its metadata is validated (`validateObjectMeta`), on create and on update.
 * @example
 * restHandler(configMapDefinition, store, defaultStrategy, { ...deps, models })
 */
export const defaultStrategy: ResourceStrategy = {
  decode: E.right,
  validate: validateObjectMeta,
  validateUpdate: (object) => validateObjectMeta(object),
}
