import type { RequestDescriptor } from './apf-state.js'
import type { FairQueue, Waiter } from './fair-queue.js'
import type { QueueSetState } from './queue-set-operations.js'
import { totalWork } from './work-estimate.js'

/** One request a queue set holds, as `dump_requests` shows it. */
export interface RequestView {
  /** Undefined for a waiting request that told nothing about itself. */
  readonly descriptor: RequestDescriptor | undefined
  /** When the queue set received it (ms, its clock). */
  readonly arrivedAt: number
  /** When it was dispatched (ms); undefined while it waits. */
  readonly startedAt: number | undefined
  readonly initialSeats: number
  readonly finalSeats: number
  readonly additionalLatencyMs: number
  /** Virtual times (seat-seconds) its dispatch would start and finish at; only for a waiting request. */
  readonly virtualStart: number | undefined
  readonly virtualFinish: number | undefined
}

/** The requests of one queue: waiting in FIFO order, then the executing ones that carry a descriptor. */
export interface QueueRequests {
  readonly waiting: ReadonlyArray<RequestView>
  readonly executing: ReadonlyArray<RequestView>
}

/**
 * Every request of a queue set: per queue, and those executing outside any queue (an exempt or
 * rejecting level's). Executing requests are listed only when they carry a descriptor.
 */
export interface QueueSetRequests {
  readonly queues: ReadonlyArray<QueueRequests>
  readonly queueless: ReadonlyArray<RequestView>
}

const viewOf = (w: Waiter, virtualStart: number | undefined): RequestView => ({
  descriptor: w.descriptor,
  arrivedAt: w.arrivalMs,
  startedAt: w.state === 'waiting' ? undefined : w.startMs,
  initialSeats: w.work.initialSeats,
  finalSeats: w.work.finalSeats,
  additionalLatencyMs: w.work.additionalLatencyMs,
  virtualStart,
  virtualFinish: virtualStart === undefined ? undefined : virtualStart + totalWork(w.work),
})

// A waiting request starts, in virtual time, where the queue's next dispatch starts plus the work of those ahead of it.
const waitingOf = (q: FairQueue): RequestView[] => {
  let start = q.nextDispatchR
  return q.waiting.map((w) => {
    const view = viewOf(w, start)
    start += totalWork(w.work)
    return view
  })
}

/** Lists the requests of a queue set's state (not on any hot path: it allocates freely). */
export const requestsOf = (s: QueueSetState): QueueSetRequests => {
  const executing = s.queues.map((): RequestView[] => [])
  const queueless: RequestView[] = []
  for (const w of s.running) (w.queue === undefined ? queueless : executing[w.queue.index]!).push(viewOf(w, undefined))
  return { queues: s.queues.map((q, i) => ({ waiting: waitingOf(q), executing: executing[i]! })), queueless }
}
