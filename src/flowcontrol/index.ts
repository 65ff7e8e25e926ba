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
export { type LimitResponse, newQueueSet, type QueueSet, type QueueSetDeps, type QueueSetSnapshot } from './queue-set.js'
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
export { type Dealer, hashFlowId, maxHashBits, newDealer, requiredEntropyBits } from './shuffle-sharding.js'
export {
  capFinalSeats,
  estimatedServiceSeconds,
  maxSeats,
  maxSeatsForLevel,
  oneSeat,
  totalWork,
  type WorkEstimate,
} from './work-estimate.js'
