// The API machinery handlers share: what a user writing their own resources on kubechain needs.
export { type JsonObject, type JsonValue, isJsonObject } from './json-value.js'
export { type GroupVersionKind, type Schema, type SchemaModels, resolveSchema } from './schema.js'
export { type ResourceDefinition, type TableColumn, apiVersionOf } from './resource-definition.js'
export {
  alreadyExists,
  conflict,
  genericServerResponse,
  invalid,
  methodNotAllowed,
  resourceExpired,
  routeNotFound,
  staleObjectMessage,
} from './api-errors.js'
export {
  type FieldError,
  type FieldErrorType,
  forbiddenField,
  invalidField,
  notSupportedField,
  requiredField,
  tooLongField,
} from './field-error.js'
export { type BodyFormat, type Decoded, checkStrict, decodeObject, typeMetaMismatch } from './decode-object.js'
export { unknownFields } from './unknown-fields.js'
export { duplicateFields } from './duplicate-fields.js'
export { type FieldValidation, type OptionsKind, type WriteOptions, writeOptions } from './write-options.js'
export { maxRequestBodyBytes, readObject } from './read-object.js'
export { type DeleteOptions, preconditionFailure, readDeleteOptions } from './delete-options.js'
export { type AcceptClause, admits, parseAccept } from './media-types.js'
export { type InputFormat, type InputMediaType, inputMediaTypes, negotiateInput, parseMediaType } from './negotiate-input.js'
export {
  type Conversion,
  type OutputFormat,
  type OutputOptions,
  type OutputTarget,
  isPrettyPrint,
  jsonTarget,
  negotiateOutput,
  negotiateWatchOutput,
  outputMediaTypes,
} from './negotiate-output.js'
export { notAcceptable, unsupportedMediaType } from './negotiate-errors.js'
export { encodeOutput, toYaml } from './encode-output.js'
export { type ObjectResponder, negotiateResponse } from './object-response.js'
export { type IncludeObject, type TableOptions, asPartialObjectMetadata, toTable } from './table.js'
export { includeObjectOf } from './table-options.js'
export { type TransformOptions, transformObject } from './transform-object.js'
export { ageSince, humanDuration } from './human-duration.js'
export { type WatchParameters, sendsInitialEvents, watchParameters } from './watch-parameters.js'
export { type WatchRequest, watchRequest } from './watch-request.js'
export { bookmarkPeriodDefaultMs, scheduleWatchTimers, watchTimeoutMs } from './watch-timers.js'
export { type PatchType, patchTypeOf, supportedPatchTypes, unsupportedPatchType } from './patch/patch-type.js'
export { type ApplyConflict, applyConflict, patchOptionErrors } from './patch/patch-errors.js'
export { applyJsonPatch, maxJsonPatchOperations } from './patch/json-patch.js'
export { applyMergePatch } from './patch/merge-patch.js'
export { applyStrategicMergePatch } from './patch/strategic-merge-patch.js'
export { type ApplyOptions, decodeApplyPatch, serverSideApply } from './patch/server-side-apply.js'
export { recordUpdate } from './patch/managed-fields.js'
export { checkPatchedObject } from './patch/check-patched-object.js'
export { managerOrUserAgent } from './patch/manager-or-user-agent.js'
export { type DecodedProtobuf, protobufPrefix } from './protobuf/decode-protobuf.js'
export { decodeProtobufDeleteOptions, decodeProtobufObject } from './protobuf/decode-protobuf-object.js'
export { isKubernetesProtobuf, kubernetesProtobufMediaType } from './protobuf/media-type.js'
export { metaModels } from './models/meta-models.js'
export {
  type ApiGroup,
  type ApiResource,
  apiGroupHandler,
  apiGroupListHandlerOf,
  apiGroupOf,
  apiResourceOf,
  constantDocument,
  getOnly,
  resourceListHandler,
} from './discovery.js'
export { type OpenApiOptions, type ServedGroupVersion, openApiServices } from './openapi/openapi-services.js'
export type { ServedResource } from './openapi/served-resource.js'
export { openApiV2Document } from './openapi/openapi-v2-document.js'
export { openApiV3Document } from './openapi/openapi-v3-document.js'
export { type RestDeps, restHandler } from './rest/rest-handler.js'
export { type RestWrites, type WriteDeps, restWrites } from './rest/rest-writes.js'
export { type ResourceStrategy, defaultStrategy, validateObjectMeta } from './rest/resource-strategy.js'
export {
  type Draft,
  type Listed,
  type ObjectStore,
  type ObjectStoreOptions,
  type ObjectStoreEvent,
  type StoreDeps,
  defaultHistoryBytes,
  newObjectStore,
} from './rest/object-store.js'
export { inGoOrder, labelsOf, metaOf, metaString, objectBytes, objectMetaOrder, rfc3339, withMeta } from './rest/object-meta.js'
export { type StoreOptions, deletedStatus, toDraft } from './rest/write-draft.js'
export { type PatchDeps, patchObject } from './rest/patch-object.js'
export { parseResourceVersion } from './rest/resource-version.js'
export { type WatchHistory, inNamespace, newWatchHistory } from './rest/watch-history.js'
export { type Selection, compileSelection } from './rest/list-selection.js'
export { type LabelMatcher, compileLabelSelector } from './rest/label-matcher.js'
export { dns1123SubdomainErrors, validateAnnotations, validateLabels, validateObjectName } from './rest/object-meta-validation.js'
export { type WatchOptions, type WatchSpec, errorEvent, select, watchResponse } from './rest/watch-response.js'
export {
  type ConvertedEvents,
  type WatchEvent,
  bookmarkEvent,
  initialEventsEndAnnotation,
  newConvertingEventEncoder,
  newEventEncoder,
} from './rest/event-encoder.js'
export { type CloseCause, type EventQueue, WatchBounds, newEventQueue, watchBoundsDefaults } from './rest/event-queue.js'
export { isWebsocket, toStream, toUpgrade } from './rest/watch-transport.js'
