import type { Cancel, Clock } from '../core/clock.js'

/**
 * Timers for per-request deadlines that share one clock timer per duration. Deadlines of one duration
 * fall due in the order they were scheduled, so each duration keeps a FIFO of entries and one timer
 * armed for its head, so no request arms or clears a node timer of its own.
 */
export interface DeadlineQueue {
  /**
   * Calls `cb` once `durationMs` after `startedAt` (default: now) unless the returned function is
   * called first. Entries of one duration should be scheduled in `startedAt` order; one that is not
   * fires no earlier than its own time and no later than the entry before it.
   */
  readonly schedule: (durationMs: number, cb: () => void, startedAt?: number) => Cancel
}

interface Entry {
  readonly at: number
  cb: (() => void) | undefined // undefined once fired or cancelled
  next: Entry | undefined
}

interface Lane {
  readonly durationMs: number
  head: Entry | undefined
  tail: Entry | undefined
  live: number
  disarm: Cancel | undefined
}

/**
 * Makes a deadline queue over `clock`. Cancelling is O(1): the entry is marked dead and skipped later;
 * the lane's timer stays armed even when no live entry is left (it may fire early and re-arm for the
 * next live entry, or retire the lane). `onError` receives what a callback throws.
 * @example
 * const queue = newDeadlineQueue(deps.clock, (e) => deps.log({ level: 'error', msg: 'deadline callback failed', error: e }))
 * const source = newCancelSource()
 * const cancel = queue.schedule(60_000, () => source.cancel(deadlineExceeded))
 */
export const newDeadlineQueue = (clock: Clock, onError: (e: unknown) => void): DeadlineQueue => {
  const lanes = new Map<number, Lane>()

  const arm = (lane: Lane): void => {
    dropDeadHeads(lane)
    const head = lane.head
    if (head === undefined) return
    lane.disarm = clock.setTimer(() => fire(lane), timerDelay(head.at - clock.now()))
  }

  const fire = (lane: Lane): void => {
    lane.disarm = undefined
    const now = clock.now()
    for (let e = lane.head; e !== undefined && (e.cb === undefined || !(e.at > now)); e = lane.head) {
      unlinkHead(lane)
      const cb = e.cb
      if (cb === undefined) continue
      e.cb = undefined
      lane.live--
      runGuarded(cb, onError)
    }
    if (lane.live === 0) retire(lane)
    else if (lane.disarm === undefined) arm(lane)
  }

  const retire = (lane: Lane): void => {
    lane.disarm?.()
    lane.disarm = undefined
    if (lanes.get(lane.durationMs) === lane) lanes.delete(lane.durationMs)
  }

  // A lane whose last entry is cancelled keeps its timer: under steady traffic lanes empty and refill
  // all the time, and clearing and re-arming a node timer per request is what this queue avoids. The
  // timer retires the lane when it fires with nothing live (once per duration at most).
  const cancel = (lane: Lane, entry: Entry): void => {
    if (entry.cb === undefined) return
    entry.cb = undefined
    lane.live--
    if (entry === lane.head) dropDeadHeads(lane)
  }

  const schedule = (durationMs: number, cb: () => void, startedAt?: number): Cancel => {
    const entry: Entry = { at: (startedAt ?? clock.now()) + durationMs, cb, next: undefined }
    const lane = laneFor(lanes, durationMs)
    if (lane.tail === undefined) lane.head = entry
    else lane.tail.next = entry
    lane.tail = entry
    lane.live++
    if (lane.disarm === undefined) arm(lane)
    return () => cancel(lane, entry)
  }

  return { schedule }
}

const laneFor = (lanes: Map<number, Lane>, durationMs: number): Lane => {
  let lane = lanes.get(durationMs)
  if (lane === undefined) {
    lane = { durationMs, head: undefined, tail: undefined, live: 0, disarm: undefined }
    lanes.set(durationMs, lane)
  }
  return lane
}

const unlinkHead = (lane: Lane): void => {
  lane.head = lane.head?.next
  if (lane.head === undefined) lane.tail = undefined
}

/** Unlinks cancelled entries at the head, so a lane holds little more than its live entries. */
const dropDeadHeads = (lane: Lane): void => {
  while (lane.head !== undefined && lane.head.cb === undefined) unlinkHead(lane)
}

/**
 * Node fires a timer longer than 2^31-1 ms after 1 ms, so long delays are cut to that and re-armed when
 * they fire early; a NaN due time (a NaN duration) is due at once rather than never.
 */
const timerDelay = (ms: number): number => (ms > 0 ? Math.min(ms, maxTimerMs) : 0)

const maxTimerMs = 2 ** 31 - 1

const runGuarded = (cb: () => void, onError: (e: unknown) => void): void => {
  try {
    cb()
  } catch (e) {
    onError(e)
  }
}
