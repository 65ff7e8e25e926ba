import * as E from 'fp-ts/lib/Either.js'
import { goJson } from '../../core/go-json.js'
import type { JsonObject } from '../json-value.js'
import type { ResourceDefinition } from '../resource-definition.js'
import type { Conversion } from '../negotiate-output.js'
import type { IncludeObject } from '../table.js'
import { transformObject } from '../transform-object.js'
import type { ObjectStoreEvent } from './object-store.js'

/** A watch event as it is written: a store change, or a BOOKMARK carrying only a resourceVersion. */
export interface WatchEvent {
  readonly type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK'
  readonly object: JsonObject
}

/** One watch event as upstream's JSON encoder writes it, newline included. */
export const encodeEvent = (e: ObjectStoreEvent<unknown> | WatchEvent): string => `${goJson({ type: e.type, object: e.object })}\n`

/**
 * Makes an encoder that turns an event into its UTF-8 bytes once for every watcher it is dispatched
 * to: the store hands the same event object to each watcher in turn, so the last encoding is kept
 * until another event comes (upstream's cachingObject keeps serializations for one dispatch too).
 * An event a selector rewrote (ADDED or DELETED on a selection change) is a new object, encoded on its own.
 * @example
 * const encode = newEventEncoder()
 * const bytes = encode({ type: 'ADDED', object })
 */
export const newEventEncoder = (): ((e: ObjectStoreEvent<unknown> | WatchEvent) => Uint8Array) => {
  let last: ObjectStoreEvent<unknown> | WatchEvent | undefined
  let lastBytes: Uint8Array = new Uint8Array(0)
  return (e) => {
    if (e !== last) {
      lastBytes = Buffer.from(encodeEvent(e))
      last = e
    }
    return lastBytes
  }
}

/** How a watcher that asked for another form (`as=Table`, `as=PartialObjectMetadata`) gets its events. */
export interface ConvertedEvents {
  readonly convert: Conversion
  readonly includeObject: IncludeObject
  readonly now: () => number
}

/**
 * Makes one watcher's encoder of events in the form it asked for, as upstream's `watchEmbeddedEncoder`:
 * a Table of one row whose first event carries the column definitions and later ones
 * `columnDefinitions: null`, or PartialObjectMetadata. An object that cannot take the form (a
 * PartialObjectMetadataList asked of a watch) is written as it is, as upstream logs and does. Each
 * watcher encodes on its own, since its events depend on its options and on when they are written.
 * @example
 * const encode = newConvertingEventEncoder(configMapDefinition, { convert: { kind: 'Table', version: 'v1' }, includeObject: 'Metadata', now: clock.now })
 */
export const newConvertingEventEncoder = (
  def: ResourceDefinition,
  opts: ConvertedEvents,
): ((e: ObjectStoreEvent<unknown> | WatchEvent) => Uint8Array) => {
  let withColumns = true
  return (e) => {
    const object = e.object as JsonObject
    const converted = transformObject(def, opts.convert, object, { includeObject: opts.includeObject, now: opts.now(), withColumns })
    withColumns = false
    return Buffer.from(encodeEvent({ type: e.type, object: E.isRight(converted) ? converted.right : object }))
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
export const bookmarkEvent = (
  type: { readonly kind: string; readonly apiVersion: string },
  resourceVersion: string,
  initialEventsEnd: boolean,
): WatchEvent => ({
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
