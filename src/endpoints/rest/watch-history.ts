import type { ApiError } from '../../core/status.js'
import { resourceExpired } from '../api-errors.js'
import { metaString, objectBytes } from './object-meta.js'
import type { ObjectStoreEvent } from './object-store.js'

interface Recorded {
  readonly rv: number
  readonly event: ObjectStoreEvent
  readonly bytes: number
}

/** The past events of a store a watch may resume from, bounded by count and bytes (the oldest go first). */
export interface WatchHistory {
  readonly record: (rv: number, event: ObjectStoreEvent) => void
  /** 410 Expired when the history no longer reaches back to `from`. */
  readonly expired: (from: number) => ApiError | undefined
  readonly since: (from: number, namespace: string, onEvent: (e: ObjectStoreEvent) => void) => void
}

/**
 * Makes an empty history of at most `maxEvents` events holding at most `maxBytes` of objects (as
 * `objectBytes` estimates them; the newest event is kept whatever its size).
 * @example
 * const history = newWatchHistory(1000, defaultHistoryBytes)
 */
export const newWatchHistory = (maxEvents: number, maxBytes: number): WatchHistory => {
  const events: Recorded[] = []
  let bytes = 0
  let oldestKept = 1
  const forget = (): void => {
    const oldest = events.shift() as Recorded
    bytes -= oldest.bytes
    oldestKept = oldest.rv + 1
  }
  return {
    record: (rv: number, event: ObjectStoreEvent): void => {
      const size = objectBytes(event.object)
      events.push({ rv, event, bytes: size })
      bytes += size
      while (events.length > maxEvents || (bytes > maxBytes && events.length > 1)) forget()
    },
    expired: (from: number): ApiError | undefined =>
      from > 0 && from + 1 < oldestKept ? resourceExpired(`too old resource version: ${from} (${oldestKept - 1})`) : undefined,
    since: (from: number, namespace: string, onEvent: (e: ObjectStoreEvent) => void): void => {
      for (const h of events) if (h.rv > from && inNamespace(namespace, h.event)) onEvent(h.event)
    },
  }
}

/** Whether an event is of `namespace` (`''`: of every namespace). */
export const inNamespace = (namespace: string, e: ObjectStoreEvent): boolean =>
  namespace === '' || metaString(e.object, 'namespace') === namespace
