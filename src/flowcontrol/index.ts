// API Priority and Fairness, the queueing core: shuffle sharding, the queue set of one priority level (fair
// queuing by virtual finish time with seats), concurrency limits from nominal shares with lending and
// borrowing, the queue-wait limit, and the Retry-After of rejections. Everything runs on an injected clock; nothing here knows HTTP.
export {
  type Admission,
  type Decision,
  type Dispatched,
  type Queued,
  type QueueRequest,
  type Rejected,
  type RejectReason,
  rejected,
} from './admission.js'
export { borrowingAdjustmentPeriodMs, type LevelState, type Rebalanced, rebalanceLimits } from './borrowing.js'
export { type Allocation, type AllocationItem, computeConcurrencyAllocation, minTarget } from './concurrency-allocation.js'
export { type ConcurrencyController, type CurrentLimit, newConcurrencyController } from './concurrency-controller.js'
export { type DroppedRequestsTracker, maxRetryAfterSeconds, newDroppedRequestsTracker } from './dropped-requests-tracker.js'
export { type LevelLimits, type LevelShares, nominalLimits, serverConcurrencyLimit } from './concurrency-limits.js'
export {
  type LimitResponse as QueueSetResponse,
  newQueueSet,
  type QueueSet,
  type QueueSetDeps,
  type QueueSetSnapshot,
} from './queue-set.js'
export { maxRequestWaitLimitMs, requestWaitDeadline } from './request-wait-limit.js'
export {
  type IntegratorResults,
  newSeatDemandIntegrator,
  noSeatDemand,
  type SeatDemandIntegrator,
  type SeatDemandStats,
  seatDemandSmoothing,
  updateSeatDemandStats,
} from './seat-demand.js'
export { type Dealer, hashFlowId, maxHashBits, maxRememberedHands, newDealer, requiredEntropyBits } from './shuffle-sharding.js'
export {
  capFinalSeats,
  estimatedServiceSeconds,
  maxSeats,
  maxSeatsForLevel,
  oneSeat,
  totalWork,
  type WorkEstimate,
} from './work-estimate.js'
export {
  flowcontrolGroup,
  flowcontrolV1,
  Int32,
  ObjectMeta,
  Subject,
  ResourcePolicyRule,
  NonResourcePolicyRule,
  PolicyRulesWithSubjects,
  FlowDistinguisherMethod,
  FlowSchemaSpec,
  Condition,
  FlowSchema,
  QueuingConfiguration,
  LimitResponse,
  LimitedPriorityLevelConfiguration,
  ExemptPriorityLevelConfiguration,
  PriorityLevelConfigurationSpec,
  PriorityLevelConfiguration,
  type FlowcontrolObject,
} from './flowcontrol-types.js'
export { flowcontrolDefaults, defaultFlowSchema, defaultPriorityLevel } from './flowcontrol-defaults.js'
export { validateFlowSchema, validatePriorityLevel } from './flowcontrol-validation.js'
export { decodeFlowcontrolDocument } from './decode-flowcontrol-document.js'
export {
  autoUpdateAnnotation,
  exemptPriorityLevel,
  catchAllPriorityLevel,
  mandatoryPriorityLevels,
  suggestedPriorityLevels,
} from './bootstrap-priority-levels.js'
export { exemptFlowSchema, catchAllFlowSchema, mandatoryFlowSchemas, suggestedFlowSchemas } from './bootstrap-flow-schemas.js'
export { type FlowcontrolConfig, type GivenObject, bootstrapFlowcontrolConfig, withObjects } from './flowcontrol-config.js'
export { flowcontrolConfigFlag, parseFlowcontrolConfig } from './parse-flowcontrol-config.js'
export { matchesFlowSchema, matchesSubject } from './matches-flow-schema.js'
export { type Classification, type Classifier, byMatchingOrder, classifier } from './classify-request.js'
export { type StampDeps, servedFlowcontrolObjects } from './served-flowcontrol-objects.js'
export type { ApfState, RunningLevel, RequestDescriptor } from './apf-state.js'
export { type ApfLevel, type ApfRuntime, type ApfRuntimeDeps, newApfRuntime } from './apf-runtime.js'
export { type ObjectCount, type WorkEstimator, objectsPerSeat, workEstimator } from './estimate-request-work.js'
export { dumpPriorityLevels, dumpQueues, dumpRequests } from './debug-dumps.js'
export type { QueueRequests, QueueSetRequests, RequestView } from './queue-set-requests.js'
