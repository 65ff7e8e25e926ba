import { goJson } from '../core/go-json.js'
import type { StoreEvent } from './configmap-store.js'

/** One watch event as upstream's JSON encoder writes it, newline included. */
export const encodeEvent = (e: StoreEvent): string => `${goJson({ type: e.type, object: e.object })}\n`

/**
 * Makes an encoder that turns an event into its UTF-8 bytes once for every watcher it is dispatched
 * to: the store hands the same event object to each watcher in turn, so the last encoding is kept
 * until another event comes (upstream's cachingObject keeps serializations for one dispatch too).
 * An event a selector rewrote (ADDED or DELETED on a selection change) is a new object, encoded on its own.
 * @example
 * const encode = newEventEncoder()
 * const bytes = encode({ type: 'ADDED', object: cm })
 */
export const newEventEncoder = (): ((e: StoreEvent) => Uint8Array) => {
  let last: StoreEvent | undefined
  let lastBytes: Uint8Array = new Uint8Array(0)
  return (e) => {
    if (e !== last) {
      lastBytes = Buffer.from(encodeEvent(e))
      last = e
    }
    return lastBytes
  }
}
