export { withAuditInit, auditInitStep, auditIdForLog } from './with-audit-init.js'
export { withCacheControl, cacheControlStep } from './with-cache-control.js'
export { ContentTypeConfig, withContentType, contentTypeStep } from './with-content-type.js'
export { CorsConfig, corsDefaults, corsAllowedOriginsHelpText, withCors, corsStep, validateCorsAllowedOrigins } from './with-cors.js'
export { GoawayConfig, goawayDefaults, withGoaway, goawayStep, validateGoawayChance } from './with-goaway.js'
export { HstsConfig, hstsDefaults, withHsts, hstsStep, validateHstsDirectives } from './with-hsts.js'
export { HttpLoggingConfig, httpLoggingDefaults, withHttpLogging, httpLoggingStep } from './with-http-logging.js'
export {
  type LatencyTrackers,
  latencyTrackersKey,
  trackLatency,
  withLatencyTrackers,
  latencyTrackersStep,
} from './with-latency-trackers.js'
export {
  MaxInFlightConfig,
  maxInFlightDefaults,
  type MaxInFlightSeats,
  maxInFlightSeats,
  withMaxInFlightLimit,
  maxInFlightStep,
} from './with-max-in-flight.js'
export { type PriorityAndFairnessOptions, withPriorityAndFairness, priorityAndFairnessStep } from './with-priority-and-fairness.js'
export { muxIncompleteKey, withMuxAndDiscoveryComplete, muxAndDiscoveryCompleteStep } from './with-mux-and-discovery-complete.js'
export { withPanicRecovery, panicRecoveryStep } from './with-panic-recovery.js'
export { RequestBodyLimitConfig, requestBodyLimitDefaults, withRequestBodyLimit, requestBodyLimitStep } from './with-request-body-limit.js'
export {
  RequestDeadlineConfig,
  requestDeadlineDefaults,
  deadlineExceeded,
  contextCanceled,
  withRequestDeadline,
  requestDeadlineStep,
} from './with-request-deadline.js'
export { withRequestInfo, requestInfoStep } from './with-request-info.js'
export { withRequestReceivedTimestamp, requestReceivedTimestampStep } from './with-request-received-timestamp.js'
export { withRetryAfter, retryAfterStep } from './with-retry-after.js'
export { withTimeout, timeoutStep } from './with-timeout.js'
export { waitGroupShuttingDown, noRequestInfoMessage, withWaitGroup, waitGroupStep } from './with-wait-group.js'
export { withWarningRecorder, warningRecorderStep } from './with-warning-recorder.js'
export {
  WatchTerminationConfig,
  watchTerminationDefaults,
  serverShutdownSignalKey,
  withWatchTerminationDuringShutdown,
  watchTerminationStep,
} from './with-watch-termination.js'
export { withAudit, auditStep } from './with-audit.js'
export { withFailedAuthenticationAudit, authMethods } from './with-failed-authentication-audit.js'
export {
  AuthenticationConfig,
  authenticationDefaults,
  withAuthentication,
  authenticationStep,
  unauthorizedHandler,
} from './with-authentication.js'
export {
  authorizationAnnotations,
  withAuthorization,
  authorizationStep,
  forbiddenResponse,
  forbiddenMessage,
} from './with-authorization.js'
export { withImpersonation, impersonationStep } from './with-impersonation.js'
export { instrumentedPaths, withRequestMetrics, requestMetricsStep } from './with-request-metrics.js'
export { withTracing, tracingStep, tracingScope } from './with-tracing.js'
export { withPhaseSpan, withPhaseSpans, mayRecord, phaseScope } from './with-phase-span.js'
