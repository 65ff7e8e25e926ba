import { goJson } from '../core/go-json.js'
import type { JsonObject } from '../endpoints/json-value.js'
import type { ResourceDefinition } from '../endpoints/resource-definition.js'
import { type IncludeObject, toTable } from '../endpoints/table.js'
import type { StoreEvent } from './configmap-store.js'

/** A watch event as it is written: a store change, or a BOOKMARK carrying only a resourceVersion. */
export interface WatchEvent {
  readonly type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK'
  readonly object: JsonObject
}

/** One watch event as upstream's JSON encoder writes it, newline included. */
export const encodeEvent = (e: StoreEvent | WatchEvent): string => `${goJson({ type: e.type, object: e.object })}\n`

/**
 * Makes an encoder that turns an event into its UTF-8 bytes once for every watcher it is dispatched
 * to: the store hands the same event object to each watcher in turn, so the last encoding is kept
 * until another event comes (upstream's cachingObject keeps serializations for one dispatch too).
 * An event a selector rewrote (ADDED or DELETED on a selection change) is a new object, encoded on its own.
 * @example
 * const encode = newEventEncoder()
 * const bytes = encode({ type: 'ADDED', object: cm })
 */
export const newEventEncoder = (): ((e: StoreEvent | WatchEvent) => Uint8Array) => {
  let last: StoreEvent | WatchEvent | undefined
  let lastBytes: Uint8Array = new Uint8Array(0)
  return (e) => {
    if (e !== last) {
      lastBytes = Buffer.from(encodeEvent(e))
      last = e
    }
    return lastBytes
  }
}

/** How a watcher that asked for `as=Table` gets its events: which row objects, which Table version, what time it is. */
export interface TableEvents {
  readonly includeObject: IncludeObject
  readonly version: 'v1' | 'v1beta1'
  readonly now: () => number
}

/**
 * Makes one watcher's encoder of events as Tables of one row, as upstream's `watchEmbeddedEncoder`:
 * the first event's Table carries the column definitions, later ones `columnDefinitions: null`. Each
 * watcher encodes on its own, since its rows depend on its options and on when they are written.
 * @example
 * const encode = newTableEventEncoder(configMapDefinition, { includeObject: 'Metadata', version: 'v1', now: clock.now })
 */
export const newTableEventEncoder = (def: ResourceDefinition, opts: TableEvents): ((e: StoreEvent | WatchEvent) => Uint8Array) => {
  let withColumns = true
  return (e) => {
    const object = e.object as unknown as JsonObject
    const table = toTable(def, [object], { includeObject: opts.includeObject, now: opts.now(), withColumns, version: opts.version })
    withColumns = false
    return Buffer.from(encodeEvent({ type: e.type, object: table }))
  }
}

/** The annotation upstream puts on the BOOKMARK that ends a watch's initial events. */
export const initialEventsEndAnnotation = 'k8s.io/initial-events-end'

/**
 * A BOOKMARK event: an empty object of the watched kind whose metadata holds only the resourceVersion
 * (and `creationTimestamp: null`, as Go writes a zero time), with `k8s.io/initial-events-end: "true"`
 * when it ends the initial events.
 * @example
 * bookmarkEvent({ kind: 'ConfigMap', apiVersion: 'v1' }, '42', false)
 */
export const bookmarkEvent = (type: { readonly kind: string; readonly apiVersion: string }, resourceVersion: string, initialEventsEnd: boolean): WatchEvent => ({
  type: 'BOOKMARK',
  object: {
    kind: type.kind,
    apiVersion: type.apiVersion,
    metadata: {
      resourceVersion,
      creationTimestamp: null,
      ...(initialEventsEnd ? { annotations: { [initialEventsEndAnnotation]: 'true' } } : {}),
    },
  },
})
