export { type RequestInfo, requestInfoKey } from './request-info.js'
export { type RequestInfoError, requestInfoError } from './request-info-error.js'
export {
  RequestInfoResolverConfig,
  type RequestInfoResolver,
  requestInfoResolverDefaults,
  newRequestInfoResolver,
  resolveRequestInfo,
} from './request-info-resolver.js'
export { type RequestResolver, cachedResolver } from './cached-resolver.js'
export {
  LongRunningConfig,
  type LongRunningRequestCheck,
  longRunningDefaults,
  basicLongRunningRequestCheck,
} from './long-running.js'
export {
  type FieldOperator,
  type FieldRequirement,
  type FieldSelector,
  parseFieldSelector,
  requiresExactMatch,
} from './field-selector.js'
export { validateLabelSelector } from './label-selector.js'
export { auditIdKey, receivedTimestampKey, deadlineKey } from './facts.js'
export { type WarningRecorder, warningRecorderKey, addWarning } from './warnings.js'
export { type HttpLogValues, httpLogValuesKey, addHttpLogKeyValue } from './http-log-values.js'
export { isExemptFromShutdownRejection } from './shutdown-exemption.js'
export {
  type WarningLimits,
  warningLimits,
  newWarningHeader,
  runeCount,
  truncateRunes,
  type WarningHeaderList,
  newWarningHeaderList,
} from './warning-header.js'
export { traceContextKey } from './trace-context.js'
export { spanName, requestTraceAttributes, responseTraceAttributes } from './trace-attributes.js'
export { remoteSpanContext } from './w3c-trace-context.js'
