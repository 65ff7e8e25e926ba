// Concurrency primitives shared by filters, chains, lifecycle and audit: latch, the lifecycle signals (named
// latches), wait groups, seats, token bucket, deadline queue. They know nothing of requests' HTTP shape;
// users write filters with them.
export { type Latch, newLatch } from './latch.js'
export { type DeadlineQueue, newDeadlineQueue } from './deadline-queue.js'
export {
  type DrainLimits,
  type RateLimiterFactory,
  type DrainResult,
  type RateLimitedSafeWaitGroup,
  newRateLimitedSafeWaitGroup,
  watchDrainLimits,
} from './rate-limited-wait-group.js'
export { type RequestWaitGroup, type SafeWaitGroup, addAfterWaitForbidden, added, addRefused, newSafeWaitGroup } from './safe-wait-group.js'
export type { SeatCounter } from './seat-counter.js'
export { type RateLimiter, newTokenBucket } from './token-bucket.js'
export { type LifecycleSignals, lifecycleSignalNames, newLifecycleSignals } from './lifecycle-signals.js'
