import type { Admission, Decision, Dispatched, QueueRequest, RejectReason, Rejected } from './admission.js'
import { rejected } from './admission.js'
import {
  addRunning,
  removeRunning,
  boundNextDispatch,
  earliestFinish,
  type FairQueue,
  isActive,
  newWaiter,
  pushWaiter,
  removeWaiter,
  settle,
  shortestOfHand,
  type Waiter,
} from './fair-queue.js'
import type { LimitResponse, QueueSetDeps } from './queue-set.js'
import type { Dealer } from './shuffle-sharding.js'
import { capFinalSeats, estimatedServiceSeconds, maxSeats, totalWork } from './work-estimate.js'

/** Mutable state of a queue set, one record so its operations stay small. */
export interface QueueSetState {
  readonly response: LimitResponse
  readonly dealer: Dealer | undefined
  readonly queues: FairQueue[]
  limit: number
  currentR: number
  /** The clock's reading when the current operation began. */
  lastMs: number
  robinIndex: number
  enqueues: number
  activeQueues: number
  waiting: number
  seatsWaiting: number
  executing: number
  seatsInUse: number
  dispatched: number
  readonly rejected: Record<RejectReason, number>
  /** The executing requests that carry a descriptor (the others are only counted). */
  readonly running: Waiter[]
  /** Decisions to deliver once the current operation's bookkeeping is done. */
  readonly outbox: Array<() => void>
}

/**
 * The operations of a queue set over its state. Every entry point runs between `begin` (virtual time
 * catches up with the clock) and `end` (seat demand is reported, then decisions are delivered), so a
 * listener that starts or finishes a request sees consistent bookkeeping.
 */
export const operations = (s: QueueSetState, deps: QueueSetDeps) => {
  const { clock } = deps

  // Virtual time advances, per active queue, by the seats the set could use (at most its limit) shared
  // equally among the active queues (upstream `getVirtualTimeRatioLocked`).
  const begin = (): void => {
    const now = clock.now()
    const ratio = s.activeQueues === 0 ? 0 : Math.min(s.seatsInUse + s.seatsWaiting, s.limit) / s.activeQueues
    s.currentR += (ratio * (now - s.lastMs)) / 1000
    s.lastMs = now
  }

  const end = (): void => {
    deps.onSeatDemand?.(s.seatsInUse + s.seatsWaiting)
    for (let next = s.outbox.shift(); next !== undefined; next = s.outbox.shift()) next()
  }

  const noteActivity = (q: FairQueue, was: boolean): void => {
    s.activeQueues += Number(isActive(q)) - Number(was)
  }

  const reject = (reason: RejectReason): Rejected => {
    s.rejected[reason]++
    return rejected(reason)
  }

  const canAccommodate = (seats: number): boolean => {
    if (s.response._tag === 'Exempt') return true
    // A request wider than the whole limit runs alone rather than never (upstream).
    if (seats > s.limit) return s.executing === 0
    return s.seatsInUse + seats <= s.limit
  }

  // A method, not an arrow property: one closure per request either way, without a name to set on it.
  const dispatchedOf = (w: Waiter): Dispatched => ({
    _tag: 'Dispatched',
    waitedMs: w.startMs - w.arrivalMs,
    finish() {
      finish(w)
    },
  })

  const release = (w: Waiter): void => {
    s.seatsInUse -= w.seats
    if (w.queue !== undefined) w.queue.seatsInUse -= w.seats
  }

  // The measured service time replaces the estimate charged at dispatch; seats held for the additional
  // latency are released when it has passed.
  const finish = (w: Waiter): void => {
    if (w.state !== 'executing') return
    begin()
    w.state = 'done'
    s.executing--
    if (w.descriptor !== undefined) removeRunning(s.running, w)
    const q = w.queue
    if (q !== undefined) {
      const was = isActive(q)
      q.executing--
      noteActivity(q, was)
      q.nextDispatchR -= w.work.initialSeats * (estimatedServiceSeconds - (s.lastMs - w.startMs) / 1000)
      boundNextDispatch(q)
    }
    if (w.work.additionalLatencyMs > 0) clock.setTimer(() => (begin(), release(w), dispatchAll(), end()), w.work.additionalLatencyMs)
    else release(w)
    dispatchAll()
    end()
  }

  const dispatchSansQueue = (r: QueueRequest): Dispatched => {
    const w = newWaiter(r.work, undefined, s.currentR, s.lastMs, r.descriptor)
    w.state = 'executing'
    s.executing++
    if (w.descriptor !== undefined) addRunning(s.running, w)
    s.seatsInUse += w.seats
    s.dispatched++
    return dispatchedOf(w)
  }

  const dispatchOne = (): boolean => {
    const q = earliestFinish(s.queues, s.robinIndex)
    const w = q?.waiting[0]
    if (q === undefined || w === undefined || !canAccommodate(w.seats)) return false
    dispatchHead(q, w)
    return true
  }

  // Takes `w`, the head of `q`, from waiting to executing.
  const dispatchHead = (q: FairQueue, w: Waiter): void => {
    removeWaiter(q, w)
    q.executing++ // the queue stays active
    s.waiting--
    s.seatsWaiting -= w.seats
    w.work = capFinalSeats(w.work, s.limit)
    w.seats = maxSeats(w.work)
    s.executing++
    s.seatsInUse += w.seats
    q.seatsInUse += w.seats
    s.dispatched++
    s.robinIndex = q.index
    q.nextDispatchR += totalWork(w.work)
    boundNextDispatch(q)
    w.state = 'executing'
    w.startMs = s.lastMs
    if (w.descriptor !== undefined) addRunning(s.running, w)
    w.disarm?.()
    settle(w, dispatchedOf(w))
  }

  const dispatchAll = (): void => {
    // no guard on seats in use: a level whose limit is 0 (it lent all) still runs one request when none runs (upstream)
    while (s.waiting > 0 && dispatchOne()) {}
  }

  const leave = (w: Waiter, reason: RejectReason): void => {
    const q = w.queue
    if (w.state !== 'waiting' || q === undefined) return
    const was = isActive(q)
    removeWaiter(q, w)
    noteActivity(q, was)
    s.waiting--
    s.seatsWaiting -= w.seats
    w.state = 'done'
    w.disarm?.()
    boundNextDispatch(q)
    settle(w, reject(reason))
    dispatchAll() // a wide request leaving the head may let narrower ones behind it fit
  }

  const enqueue = (r: QueueRequest, dealer: Dealer, queueLengthLimit: number): Admission => {
    const q = shortestOfHand(s.queues, dealer.deal(r.flowHash), s.enqueues++ % dealer.handSize)
    if (s.seatsInUse >= s.limit && q.waiting.length >= queueLengthLimit) return reject('queue-full')
    const w = newWaiter(r.work, q, s.currentR, s.lastMs, r.descriptor)
    const was = isActive(q)
    pushWaiter(q, w, s.currentR)
    noteActivity(q, was)
    s.waiting++
    s.seatsWaiting += w.seats
    boundNextDispatch(q)
    // With no other request waiting, this one is the earliest finish: dispatch it without scanning the queues.
    if (s.waiting === 1 && canAccommodate(w.seats)) dispatchHead(q, w)
    else dispatchAll()
    return w.early ?? queued(w, r)
  }

  const queued = (w: Waiter, r: QueueRequest): Admission => {
    let resolve: (d: Decision) => void = () => {}
    const decided = new Promise<Decision>((res) => (resolve = res))
    w.deliver = (d) => s.outbox.push(() => (resolve(d), r.onDecided?.(d)))
    w.disarm = clock.setTimer(() => (begin(), leave(w, 'time-out'), end()), r.waitLimitMs)
    return { _tag: 'Queued', decided, cancel: () => (begin(), leave(w, 'cancelled'), end()) }
  }

  const start = (r: QueueRequest): Admission => {
    const response = s.response
    if (response._tag === 'Exempt') return dispatchSansQueue(r)
    if (response._tag === 'Reject') return canAccommodate(maxSeats(r.work)) ? dispatchSansQueue(r) : reject('concurrency-limit')
    return enqueue(r, s.dealer!, response.queueLengthLimit)
  }

  return { begin, end, start, dispatchAll }
}
