import type { RequestDescriptor } from './apf-state.js'
import type { WorkEstimate } from './work-estimate.js'

/**
 * Why a queue set turned a request away, with upstream's `apiserver_flowcontrol_rejected_requests_total`
 * reasons: `concurrency-limit` (a level that rejects instead of queuing is full), `queue-full` (its queue is
 * at `queueLengthLimit` and every seat is taken), `time-out` (it waited past its limit), `cancelled` (its
 * client went away while it waited).
 */
export type RejectReason = 'concurrency-limit' | 'queue-full' | 'time-out' | 'cancelled'

/** The request may run now; `finish` gives its seats back (once; later calls do nothing; it may be called unbound). */
export interface Dispatched {
  readonly _tag: 'Dispatched'
  /** Milliseconds the request waited in its queue (0 when it never queued). */
  readonly waitedMs: number
  readonly finish: () => void
}

/** The request must not run; the filter answers 429. */
export interface Rejected {
  readonly _tag: 'Rejected'
  readonly reason: RejectReason
}

/** The final word on a request. */
export type Decision = Dispatched | Rejected

/** The request waits in a queue; `decided` settles when it is dispatched or rejected. */
export interface Queued {
  readonly _tag: 'Queued'
  readonly decided: Promise<Decision>
  /** The client went away: a waiting request leaves its queue, rejected as `cancelled`; after dispatch it does nothing. */
  readonly cancel: () => void
}

/** What `startRequest` answers at once: a decision, or a place in a queue. */
export type Admission = Decision | Queued

/** One request offered to a queue set. */
export interface QueueRequest {
  /** The flow's hash (see `hashFlowId`); it picks the request's hand of queues. */
  readonly flowHash: bigint
  readonly work: WorkEstimate
  /** How long it may wait in a queue before it is rejected as `time-out`. */
  readonly waitLimitMs: number
  /** Called with the decision of a request that queued, once, after the queue set's own bookkeeping. */
  readonly onDecided?: (d: Decision) => void
  /** Who sent it and what it asks, kept while it waits or runs so `dump_requests` can list it. */
  readonly descriptor?: RequestDescriptor
}

/** Makes a rejection. */
export const rejected = (reason: RejectReason): Rejected => ({ _tag: 'Rejected', reason })
