import * as t from 'io-ts'

const PositiveInt = t.refinement(t.Int, (n) => n >= 1, 'a positive integer')

/**
 * How much one watcher may hold queued and unread before it is closed: events and bytes, whichever
 * bound is reached first. Upstream bounds the count only (the watch cache's per-watcher channel).
 */
export const WatchBounds = t.readonly(t.type({ maxEvents: PositiveInt, maxBytes: PositiveInt }))
export type WatchBounds = t.TypeOf<typeof WatchBounds>

/**
 * Upstream's largest per-watcher channel for a resource without an index (100 events), and 2 MiB so
 * that a stalled watcher of 1 MB objects holds about two of them before it is closed.
 */
export const watchBoundsDefaults: WatchBounds = { maxEvents: 100 as t.Int, maxBytes: (2 * 1024 * 1024) as t.Int }

/** Why a queue closed: ended by its producer or consumer, or found over its bounds by a push. */
export type CloseCause =
  | { readonly _tag: 'Closed' }
  | { readonly _tag: 'Overflow'; readonly queuedEvents: number; readonly queuedBytes: number }

/** A one-consumer queue of chunks read as an async iterable; `close` ends it after what is queued. */
export interface EventQueue {
  /** Queues a watch's initial events (the current objects, or the history it resumes from): not bounded, as a list is not. */
  readonly prime: (chunk: Uint8Array) => void
  /**
   * Queues a live event. One that would pass a bound drops everything queued and closes the queue
   * (`Overflow`); answers false then, and for every push to a closed queue.
   */
  readonly push: (chunk: Uint8Array) => boolean
  /** Ends the stream after what is queued (idempotent). */
  readonly close: () => void
  readonly chunks: AsyncIterable<Uint8Array>
}

const closedByOwner: CloseCause = { _tag: 'Closed' }

/**
 * Makes a queue; `onClose` runs once, with the cause, when the queue is closed by its producer, by an
 * overflow, or when the consumer stops iterating early (a `return()` from `for await ... break` or
 * from the adapter). A live event always enters a queue that holds no live events, so one event
 * larger than `maxBytes` still reaches a reader that keeps up.
 * @example
 * const q = newEventQueue(watchBoundsDefaults, (cause) => console.log('watch closed:', cause))
 * q.push(Buffer.from('{"type":"ADDED",...}\n')); q.close()
 */
export const newEventQueue = (bounds: WatchBounds, onClose: (cause: CloseCause) => void): EventQueue => {
  const initial: Uint8Array[] = []
  const live: Uint8Array[] = []
  let liveBytes = 0
  let waiting: ((r: IteratorResult<Uint8Array>) => void) | undefined
  let closed = false
  const end = (cause: CloseCause): void => {
    if (closed) return
    closed = true
    onClose(cause)
    if (waiting !== undefined && initial.length + live.length === 0) settle({ done: true, value: undefined })
  }
  const settle = (r: IteratorResult<Uint8Array>): void => {
    const w = waiting as (r: IteratorResult<Uint8Array>) => void
    waiting = undefined
    w(r)
  }
  const drop = (): void => {
    initial.length = 0
    live.length = 0
    liveBytes = 0
  }
  const overflows = (size: number): boolean => live.length > 0 && (live.length + 1 > bounds.maxEvents || liveBytes + size > bounds.maxBytes)
  const enqueue = (chunk: Uint8Array): void => {
    live.push(chunk)
    liveBytes += chunk.byteLength
  }
  const overflow = (): void => {
    const cause: CloseCause = { _tag: 'Overflow', queuedEvents: live.length, queuedBytes: liveBytes }
    drop()
    end(cause)
  }
  const prime = (chunk: Uint8Array): void => {
    if (closed) return
    if (waiting !== undefined) return settle({ done: false, value: chunk })
    initial.push(chunk)
  }
  const push = (chunk: Uint8Array): boolean => {
    if (closed) return false
    if (waiting !== undefined) settle({ done: false, value: chunk })
    else if (!overflows(chunk.byteLength)) enqueue(chunk)
    else overflow()
    return !closed
  }
  const next = (): Promise<IteratorResult<Uint8Array>> => {
    if (initial.length > 0) return Promise.resolve({ done: false, value: initial.shift() as Uint8Array })
    if (live.length > 0) {
      const chunk = live.shift() as Uint8Array
      liveBytes -= chunk.byteLength
      return Promise.resolve({ done: false, value: chunk })
    }
    if (closed) return Promise.resolve({ done: true, value: undefined })
    return new Promise((resolve) => (waiting = resolve))
  }
  const iterator: AsyncIterator<Uint8Array> = {
    next,
    return: () => {
      drop()
      end(closedByOwner)
      return Promise.resolve({ done: true, value: undefined })
    },
  }
  return { prime, push, close: () => end(closedByOwner), chunks: { [Symbol.asyncIterator]: () => iterator } }
}
