import * as E from 'fp-ts/lib/Either.js'
import type { WebSocket, WebSocketServer } from 'ws'
import { newCancelSource } from '../../core/cancel-token.js'
import { type Clock, systemClock } from '../../core/clock.js'
import { type Logger, silentLogger } from '../../core/logger.js'
import type { Request } from '../../core/request.js'
import { type Response, withDeadline } from '../../core/response.js'
import { type ApiError, type Status, encodeStatus, toResponse } from '../../core/status.js'
import type { Conversion } from '../negotiate-output.js'
import type { IncludeObject } from '../table.js'
import { bookmarkPeriodDefaultMs, scheduleWatchTimers, watchTimeoutMs } from '../watch-timers.js'
import type { JsonObject } from '../json-value.js'
import { type ResourceDefinition, apiVersionOf } from '../resource-definition.js'
import type { ObjectStore, ObjectStoreEvent } from './object-store.js'
import { withMeta } from './object-meta.js'
import { type WatchEvent, bookmarkEvent, newConvertingEventEncoder, newEventEncoder } from './event-encoder.js'
import { type CloseCause, type EventQueue, type WatchBounds, newEventQueue, watchBoundsDefaults } from './event-queue.js'
import { isWebsocket, toStream, toUpgrade } from './watch-transport.js'

export { encodeEvent } from './event-encoder.js'
export { isWebsocket } from './watch-transport.js'

/**
 * What a watch asks for: a namespace (`''`: all), where to start, which objects it selects, and its
 * list options (spread `watchParameters(req)` in): initial events, bookmarks, a timeout, and whether
 * its events take another form (a negotiated `as=Table` or `as=PartialObjectMetadata`).
 */
export interface WatchSpec {
  readonly namespace: string
  readonly resourceVersion: string
  readonly matches: (object: JsonObject) => boolean
  readonly sendInitialEvents?: boolean | undefined
  readonly allowWatchBookmarks?: boolean
  readonly timeoutSeconds?: number | undefined
  /** The negotiated conversion (`negotiateWatchOutput(req, ...).convert`) and `includeObjectOf(req)`; absent: the objects as they are. */
  readonly convert?: { readonly conversion: Conversion; readonly includeObject: IncludeObject } | undefined
}

/**
 * How much each watcher may hold unread and where a watcher closed for holding more is logged; the
 * clock of timeouts, bookmarks and Table ages (the system's by default); the bookmark period (a
 * minute, as upstream's watch cache); the server's watch timeout for a watch without `timeoutSeconds`
 * (upstream's min-request-timeout times a random factor in [1, 2); none by default); and where the
 * store's current resourceVersion is read for bookmarks.
 */
export interface WatchOptions {
  readonly bounds: WatchBounds
  readonly log: Logger
  readonly clock?: Clock
  readonly bookmarkPeriodMs?: number
  readonly defaultTimeout?: { readonly minRequestTimeoutSeconds: number; readonly random: () => number }
  readonly resourceVersion?: () => string
}

/**
 * Answers a watch: newline-delimited JSON events (`{"type":"ADDED","object":{...}}`) in a stream that
 * ends when the request is cancelled, the client goes away or the timeout passes; for a websocket
 * upgrade, one text message per event. An object that starts or stops matching the selectors arrives
 * as ADDED or DELETED, as upstream's watch cache does. A resourceVersion older than the history is a
 * stream of one ERROR event (410 Expired); one that is not a number is a 422 before streaming.
 * `sendInitialEvents=true` starts with the current objects, then (with `allowWatchBookmarks`) a BOOKMARK
 * annotated `k8s.io/initial-events-end`; `false` starts from now. `allowWatchBookmarks` adds a BOOKMARK
 * each period. A watch asking for Tables gets each object as a one-row Table, headers in the first only; one asking
 * for PartialObjectMetadata gets each object's metadata.
 * A watcher whose unread events pass `opts.bounds` is closed and logged once, as upstream's cacher
 * closes a watcher whose channel stays full: what it held is dropped, a stream still waiting to write
 * to the client is cut (its `deadline` is cancelled: HTTP/1 connection closed, HTTP/2 stream reset), a
 * websocket is closed. Each JSON event is encoded once for all watchers; a converting watcher encodes its own.
 * Port note: upstream's websocket watch frames carry the same JSON encoding (with its trailing newline).
 * Port note: upstream first waits up to a shared budget (at most 100 ms) for a full channel; a watch
 * here is closed at once, since events are dispatched synchronously by the writer.
 * @example
 * import { WebSocketServer } from 'ws'
 * watchResponse(configMapDefinition, store, new WebSocketServer({ noServer: true }))(req, { namespace: 'default', resourceVersion: '', matches: () => true })
 */
export const watchResponse = <A>(
  def: ResourceDefinition,
  typedStore: ObjectStore<A>,
  wss: WebSocketServer,
  opts: WatchOptions = { bounds: watchBoundsDefaults, log: silentLogger },
): ((req: Request, spec: WatchSpec) => Response) => {
  const store = typedStore as unknown as ObjectStore
  const type = { kind: def.kind, apiVersion: apiVersionOf(def) }
  const shared = newEventEncoder()
  const clock = opts.clock ?? systemClock
  const currentRv = opts.resourceVersion ?? (() => store.list('').resourceVersion)
  return (req: Request, spec: WatchSpec): Response => {
    const c = spec.convert
    const encode =
      c === undefined ? shared : newConvertingEventEncoder(def, { convert: c.conversion, includeObject: c.includeObject, now: clock.now })
    let unsubscribe: () => void = noop
    let cut: () => void = noop
    let stopTimers: () => void = noop
    const queue = newEventQueue(opts.bounds, (cause) => {
      stopTimers()
      unsubscribe()
      if (cause._tag === 'Closed') return
      forced(def, opts, req, spec, cause)
      cut()
    })
    let live = false
    const subscribed = store.watch(spec.namespace, startFrom(spec, currentRv), (e) => {
      const selected = select(e, spec.matches)
      if (selected === undefined) return
      if (live) queue.push(encode(selected))
      else queue.prime(encode(selected))
    })
    live = true
    if (E.isLeft(subscribed)) return failed(req, wss, queue, subscribed.left)
    unsubscribe = subscribed.right
    const bookmark = (end: boolean): WatchEvent => bookmarkEvent(type, currentRv(), end)
    if (spec.sendInitialEvents === true && spec.allowWatchBookmarks === true) queue.prime(encode(bookmark(true)))
    stopTimers = scheduleWatchTimers(
      clock,
      {
        timeoutMs: watchTimeoutMs(
          spec.timeoutSeconds,
          opts.defaultTimeout?.minRequestTimeoutSeconds,
          opts.defaultTimeout?.random ?? noRandom,
        ),
        bookmarkPeriodMs: spec.allowWatchBookmarks === true ? (opts.bookmarkPeriodMs ?? bookmarkPeriodDefaultMs) : undefined,
      },
      { onTimeout: queue.close, onBookmark: () => void queue.push(encode(bookmark(false))) },
    )
    if (isWebsocket(req)) {
      const onSocket = (ws: WebSocket): void => void (cut = () => ws.close())
      return toUpgrade(wss, queue, req.cancel.onCancel(queue.close), onSocket)
    }
    // a stream's last write may wait for a client that never reads: the adapter cuts it once forced
    const forcedClose = newCancelSource()
    cut = () => forcedClose.cancel(unresponsive)
    return withDeadline(toStream(queue, req.cancel.onCancel(queue.close)), forcedClose.token)
  }
}

/**
 * Where the store's watch starts: `''` (the current objects first) for `sendInitialEvents=true`;
 * the current resourceVersion (nothing before now) for `sendInitialEvents=false` without a
 * resourceVersion; else the asked resourceVersion.
 * Port note: with `sendInitialEvents=true` a resourceVersion newer than the store's is not waited for.
 */
const startFrom = (spec: WatchSpec, currentRv: () => string): string => {
  if (spec.sendInitialEvents === true) return ''
  const legacy = spec.resourceVersion === '' || spec.resourceVersion === '0'
  return spec.sendInitialEvents === false && legacy ? currentRv() : spec.resourceVersion
}

const unresponsive = new Error('watcher closed due to unresponsiveness')

const noRandom = (): number => 0

/** Logs a watcher closed for holding too much, as upstream's `Forcing ... watcher close due to unresponsiveness`. */
const forced = (
  def: ResourceDefinition,
  opts: WatchOptions,
  req: Request,
  spec: WatchSpec,
  cause: Extract<CloseCause, { _tag: 'Overflow' }>,
): void =>
  opts.log({
    level: 'info',
    v: 1,
    msg: `forcing ${def.resource} watcher close due to unresponsiveness`,
    fields: {
      url: req.url,
      namespace: spec.namespace,
      queuedEvents: cause.queuedEvents,
      queuedBytes: cause.queuedBytes,
      maxEvents: opts.bounds.maxEvents,
      maxBytes: opts.bounds.maxBytes,
    },
  })

const noop = (): void => undefined

/**
 * A watch that cannot start: a 410 Expired is one ERROR event carrying the Status, as upstream's watch
 * cache answers once the request got that far; other errors are their Status response.
 */
const failed = (req: Request, wss: WebSocketServer, queue: EventQueue, err: ApiError): Response => {
  const expired = err._tag === 'Status' && err.status.code === 410
  if (err._tag === 'Status' && expired) queue.prime(Buffer.from(errorEvent(err.status)))
  queue.close()
  if (!expired) return toResponse(err)
  return isWebsocket(req) ? toUpgrade(wss, queue, noop, noop) : toStream(queue, noop)
}

/** An ERROR watch event: `{"type":"ERROR","object":<Status>}` and a newline. */
export const errorEvent = (status: Status): string => `{"type":"ERROR","object":${encodeStatus(status).trimEnd()}}\n`

/** The event a selecting watcher sees, or `undefined` when it sees none (upstream's cacher rules). */
export const select = <A>(e: ObjectStoreEvent<A>, matches: (object: A) => boolean): ObjectStoreEvent<A> | undefined => {
  if (e.type === 'ADDED') return matches(e.object) ? e : undefined
  const now = e.type === 'MODIFIED' && matches(e.object)
  const before = e.previous !== undefined && matches(e.previous)
  if (e.type === 'DELETED') return before ? e : undefined
  if (now) return before ? e : { type: 'ADDED', object: e.object }
  if (!before) return undefined
  const rv = (e.object as unknown as { readonly metadata: { readonly resourceVersion: string } }).metadata.resourceVersion
  return { type: 'DELETED', object: withMeta(e.previous as unknown as JsonObject, { resourceVersion: rv }) as unknown as A }
}
