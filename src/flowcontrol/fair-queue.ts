import type { Decision } from './admission.js'
import type { RequestDescriptor } from './apf-state.js'
import { maxSeats, totalWork, type WorkEstimate } from './work-estimate.js'

/** A request while the queue set tracks it. */
export interface Waiter {
  work: WorkEstimate
  seats: number
  /** The set's virtual time (seat-seconds per queue) when it arrived. */
  readonly arrivalR: number
  readonly arrivalMs: number
  readonly queue: FairQueue | undefined
  state: 'waiting' | 'executing' | 'done'
  startMs: number
  disarm: (() => void) | undefined
  /** Where a later decision goes; undefined while `startRequest` still runs, which returns the decision itself. */
  deliver: ((d: Decision) => void) | undefined
  /** A decision reached while `startRequest` still runs. */
  early: Decision | undefined
  /** What the request told about itself, for the debug dumps; undefined when it told nothing. */
  readonly descriptor: RequestDescriptor | undefined
  /** Its place in the set's list of executing described requests; -1 when not there. */
  runningAt: number
}

/** One queue of a set: its FIFO of waiters, what it runs, and its virtual start of the next dispatch. */
export interface FairQueue {
  readonly index: number
  readonly waiting: Waiter[]
  executing: number
  seatsInUse: number
  nextDispatchR: number
  /** Sum of `totalWork` over the waiting requests, in seat-seconds. */
  waitingWork: number
}

/** Makes `n` empty queues. */
export const newQueues = (n: number): FairQueue[] =>
  Array.from({ length: n }, (_, index) => ({ index, waiting: [], executing: 0, seatsInUse: 0, nextDispatchR: 0, waitingWork: 0 }))

/** A queue is active while it has a request waiting or executing; virtual time is shared among active queues. */
export const isActive = (q: FairQueue): boolean => q.waiting.length > 0 || q.executing > 0

/** Makes a waiter for `work` arriving now. */
export const newWaiter = (
  work: WorkEstimate,
  queue: FairQueue | undefined,
  arrivalR: number,
  arrivalMs: number,
  descriptor: RequestDescriptor | undefined,
): Waiter => ({
  work,
  seats: maxSeats(work),
  arrivalR,
  arrivalMs,
  queue,
  state: 'waiting',
  startMs: arrivalMs,
  disarm: undefined,
  deliver: undefined,
  early: undefined,
  descriptor,
  runningAt: -1,
})

/** Hands `d` to the waiter's listener, or keeps it for `startRequest` to return. */
export const settle = (w: Waiter, d: Decision): void => {
  if (w.deliver === undefined) w.early = d
  else w.deliver(d)
}

/** Appends `w` to `q`, taking the virtual time as the queue's start when the queue was idle (upstream). */
export const pushWaiter = (q: FairQueue, w: Waiter, currentR: number): void => {
  if (!isActive(q)) q.nextDispatchR = currentR
  q.waiting.push(w)
  q.waitingWork += totalWork(w.work)
}

/** Takes `w` out of `q`'s FIFO; false when it was not there. */
export const removeWaiter = (q: FairQueue, w: Waiter): boolean => {
  if (q.waiting[0] === w) q.waiting.shift()
  else {
    const at = q.waiting.indexOf(w)
    if (at < 0) return false
    q.waiting.splice(at, 1)
  }
  q.waitingWork = q.waiting.length === 0 ? 0 : q.waitingWork - totalWork(w.work)
  return true
}

/**
 * Anti-windup (upstream `boundNextDispatchLocked`): a queue's next dispatch never starts, in virtual time,
 * before its oldest waiting request arrived, so a queue that could not use its share banks no credit.
 */
export const boundNextDispatch = (q: FairQueue): void => {
  const head = q.waiting[0]
  if (head !== undefined && q.nextDispatchR < head.arrivalR) q.nextDispatchR = head.arrivalR
}

/**
 * The queue of the hand that holds the least waiting work (upstream `shuffleShardLocked`). The scan starts
 * at `offset` (the set's enqueue count modulo the hand size) and only a strictly smaller sum wins, so ties
 * rotate through the hand.
 */
export const shortestOfHand = (queues: ReadonlyArray<FairQueue>, hand: ReadonlyArray<number>, offset: number): FairQueue => {
  let best: FairQueue | undefined
  for (let i = 0; i < hand.length; i++) {
    const q = queues[hand[(offset + i) % hand.length]!]!
    if (best === undefined || q.waitingWork < best.waitingWork) best = q
  }
  return best!
}

/**
 * The queue whose oldest request has the earliest virtual finish (next dispatch start plus its work),
 * scanning round-robin after `robinIndex` so equal finishes take turns (upstream `findDispatchQueueToBoundLocked`).
 */
export const earliestFinish = (queues: ReadonlyArray<FairQueue>, robinIndex: number): FairQueue | undefined => {
  let best: FairQueue | undefined
  let bestFinish = Number.POSITIVE_INFINITY
  for (let i = 1; i <= queues.length; i++) {
    const q = queues[(robinIndex + i) % queues.length]!
    const head = q.waiting[0]
    if (head === undefined) continue
    const finish = q.nextDispatchR + totalWork(head.work)
    if (finish < bestFinish) {
      bestFinish = finish
      best = q
    }
  }
  return best
}

/** Adds an executing waiter to `running` (a list with O(1) removal: each waiter knows its place). */
export const addRunning = (running: Waiter[], w: Waiter): void => {
  w.runningAt = running.length
  running.push(w)
}

/** Takes a waiter out of `running`: the last one moves into its place. */
export const removeRunning = (running: Waiter[], w: Waiter): void => {
  if (w.runningAt < 0) return
  const last = running.pop() as Waiter
  if (last !== w) {
    running[w.runningAt] = last
    last.runningAt = w.runningAt
  }
  w.runningAt = -1
}
