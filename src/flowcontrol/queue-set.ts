import * as E from 'fp-ts/lib/Either.js'
import type { Clock } from '../core/clock.js'
import type { Admission, QueueRequest, RejectReason } from './admission.js'
import { newQueues } from './fair-queue.js'
import { operations, type QueueSetState } from './queue-set-operations.js'
import { type QueueSetRequests, requestsOf } from './queue-set-requests.js'
import { newDealer } from './shuffle-sharding.js'
import { maxSeats } from './work-estimate.js'

/**
 * How a priority level limits its requests (upstream `limitResponse`, plus `Exempt`): never (`Exempt`), by
 * turning away what does not fit (`Reject`), or by fair queuing (`Queue`).
 */
export type LimitResponse =
  | { readonly _tag: 'Exempt' }
  | { readonly _tag: 'Reject' }
  | { readonly _tag: 'Queue'; readonly queues: number; readonly handSize: number; readonly queueLengthLimit: number }

/** The counts of a queue set, for dumps and metrics. */
export interface QueueSetSnapshot {
  readonly concurrencyLimit: number
  readonly waiting: number
  readonly executing: number
  readonly seatsInUse: number
  readonly seatsWaiting: number
  /** Virtual time: seat-seconds granted to each active queue so far. */
  readonly currentR: number
  readonly queues: ReadonlyArray<{
    readonly waiting: number
    readonly executing: number
    readonly seatsInUse: number
    readonly nextDispatchR: number
    /** Sums over the waiting requests: initial seats, seats held (max of the two phases), work in seat-seconds. */
    readonly initialSeatsSum: number
    readonly maxSeatsSum: number
    readonly totalWorkSum: number
  }>
  readonly dispatched: number
  readonly rejected: Readonly<Record<RejectReason, number>>
}

/** The requests of one priority level: admission, fair queuing by virtual finish time, seats. */
export interface QueueSet {
  /** Dispatches, rejects or queues a request. */
  readonly startRequest: (r: QueueRequest) => Admission
  /** Sets the seats the level may use now (its current concurrency limit) and dispatches what then fits. */
  readonly setConcurrencyLimit: (seats: number) => void
  readonly snapshot: () => QueueSetSnapshot
  /** The requests it holds, per queue, with their descriptors (for `dump_requests`). */
  readonly requests: () => QueueSetRequests
}

/** What a queue set needs from outside. */
export interface QueueSetDeps {
  readonly clock: Clock
  /** Told the seat demand (seats in use plus seats waiting) after every change; feeds the level's borrowing. */
  readonly onSeatDemand?: (seats: number) => void
}

/**
 * Makes the queue set of one priority level with `concurrencyLimit` seats, or says why its queuing is
 * unusable (shuffle sharding's messages).
 * @example
 * const qs = newQueueSet({ _tag: 'Queue', queues: 64, handSize: 6, queueLengthLimit: 50 }, 10, { clock: systemClock })
 */
export const newQueueSet = (response: LimitResponse, concurrencyLimit: number, deps: QueueSetDeps): E.Either<string, QueueSet> => {
  const dealer = response._tag === 'Queue' ? newDealer(response.queues, response.handSize) : E.right(undefined)
  if (E.isLeft(dealer)) return dealer
  const s: QueueSetState = {
    response,
    dealer: dealer.right,
    queues: response._tag === 'Queue' ? newQueues(response.queues) : [],
    limit: concurrencyLimit,
    currentR: 0,
    lastMs: deps.clock.now(),
    robinIndex: -1,
    enqueues: 0,
    activeQueues: 0,
    waiting: 0,
    seatsWaiting: 0,
    executing: 0,
    seatsInUse: 0,
    dispatched: 0,
    rejected: { 'concurrency-limit': 0, 'queue-full': 0, 'time-out': 0, cancelled: 0 },
    outbox: [],
    running: [],
  }
  const ops = operations(s, deps)
  return E.right({
    startRequest: (r) => {
      ops.begin()
      const admission = ops.start(r)
      ops.end()
      return admission
    },
    setConcurrencyLimit: (seats) => {
      ops.begin()
      s.limit = seats
      ops.dispatchAll()
      ops.end()
    },
    snapshot: () => snapshotOf(s),
    requests: () => requestsOf(s),
  })
}

const snapshotOf = (s: QueueSetState): QueueSetSnapshot => ({
  concurrencyLimit: s.limit,
  waiting: s.waiting,
  executing: s.executing,
  seatsInUse: s.seatsInUse,
  seatsWaiting: s.seatsWaiting,
  currentR: s.currentR,
  queues: s.queues.map((q) => ({
    waiting: q.waiting.length,
    executing: q.executing,
    seatsInUse: q.seatsInUse,
    nextDispatchR: q.nextDispatchR,
    initialSeatsSum: q.waiting.reduce((n, w) => n + w.work.initialSeats, 0),
    maxSeatsSum: q.waiting.reduce((n, w) => n + maxSeats(w.work), 0),
    totalWorkSum: q.waitingWork,
  })),
  dispatched: s.dispatched,
  rejected: { ...s.rejected },
})
