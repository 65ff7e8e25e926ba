import * as E from 'fp-ts/lib/Either.js'
import type { WebSocket, WebSocketServer } from 'ws'
import { type Logger, silentLogger } from '../core/logger.js'
import { type Request, header } from '../core/request.js'
import { type HttpResponse, type Response, addFinalizer, stream, upgrade, withDeadline } from '../core/response.js'
import { newCancelSource } from '../core/cancel-token.js'
import { type ApiError, type Status, encodeStatus, toResponse } from '../core/status.js'
import type { ConfigMap } from './configmap-codec.js'
import type { ConfigMapStore, StoreEvent } from './configmap-store.js'
import { newEventEncoder } from './event-encoder.js'
import { type CloseCause, type EventQueue, type WatchBounds, newEventQueue, watchBoundsDefaults } from './event-queue.js'

export { encodeEvent } from './event-encoder.js'

/** What a watch asks for: a namespace (`''`: all), where to start, and which objects it selects. */
export interface WatchSpec {
  readonly namespace: string
  readonly resourceVersion: string
  readonly matches: (cm: ConfigMap) => boolean
}

/** How much each watcher may hold unread, and where a watcher closed for holding more is logged. */
export interface WatchOptions {
  readonly bounds: WatchBounds
  readonly log: Logger
}

/**
 * Answers a watch: newline-delimited JSON events (`{"type":"ADDED","object":{...}}`) in a stream that
 * ends when the request is cancelled or the client goes away; for a websocket upgrade, one text message
 * per event. An object that starts or stops matching the selectors arrives as ADDED or DELETED, as
 * upstream's watch cache does. A resourceVersion older than the history is a stream of one ERROR
 * event (410 Expired); one that is not a number is a 422 before streaming.
 * A watcher whose unread events pass `opts.bounds` is closed and logged once, as upstream's cacher
 * closes a watcher whose channel stays full: what it held is dropped, a stream still waiting to write
 * to the client is cut (its `deadline` is cancelled: HTTP/1 connection closed, HTTP/2 stream reset), a
 * websocket is closed. Each event is encoded once for all watchers.
 * Port note: upstream's websocket watch frames carry the same JSON encoding (with its trailing newline).
 * Port note: upstream first waits up to a shared budget (at most 100 ms) for a full channel; a watch
 * here is closed at once, since events are dispatched synchronously by the writer.
 * @example
 * watchResponse(store, wss)(req, { namespace: 'default', resourceVersion: '', matches: () => true })
 */
export const watchResponse = (
  store: ConfigMapStore,
  wss: WebSocketServer,
  opts: WatchOptions = { bounds: watchBoundsDefaults, log: silentLogger },
): ((req: Request, spec: WatchSpec) => Response) => {
  const encode = newEventEncoder()
  return (req: Request, spec: WatchSpec): Response => {
    let unsubscribe: () => void = noop
    let cut: () => void = noop
    const queue = newEventQueue(opts.bounds, (cause) => {
      unsubscribe()
      if (cause._tag === 'Closed') return
      forced(opts, req, spec, cause)
      cut()
    })
    let live = false
    const subscribed = store.watch(spec.namespace, spec.resourceVersion, (e) => {
      const selected = select(e, spec.matches)
      if (selected === undefined) return
      if (live) queue.push(encode(selected))
      else queue.prime(encode(selected))
    })
    live = true
    if (E.isLeft(subscribed)) return failed(req, wss, queue, subscribed.left)
    unsubscribe = subscribed.right
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

const unresponsive = new Error('watcher closed due to unresponsiveness')

/** Logs a watcher closed for holding too much, as upstream's `Forcing ... watcher close due to unresponsiveness`. */
const forced = (opts: WatchOptions, req: Request, spec: WatchSpec, cause: Extract<CloseCause, { _tag: 'Overflow' }>): void =>
  opts.log({
    level: 'info',
    msg: 'forcing configmaps watcher close due to unresponsiveness',
    fields: { url: req.url, namespace: spec.namespace, queuedEvents: cause.queuedEvents, queuedBytes: cause.queuedBytes, maxEvents: opts.bounds.maxEvents, maxBytes: opts.bounds.maxBytes },
  })

const noop = (): void => undefined

const respond = (req: Request, wss: WebSocketServer, queue: EventQueue, stopOnCancel: () => void, onSocket: (ws: WebSocket) => void = noop): Response =>
  isWebsocket(req) ? toUpgrade(wss, queue, stopOnCancel, onSocket) : toStream(queue, stopOnCancel)

/**
 * A watch that cannot start: a 410 Expired is one ERROR event carrying the Status, as upstream's watch
 * cache answers once the request got that far; other errors are their Status response.
 */
const failed = (req: Request, wss: WebSocketServer, queue: EventQueue, err: ApiError): Response => {
  const expired = err._tag === 'Status' && err.status.code === 410
  if (err._tag === 'Status' && expired) queue.prime(Buffer.from(errorEvent(err.status)))
  queue.close()
  return expired ? respond(req, wss, queue, noop) : toResponse(err)
}

/** An ERROR watch event: `{"type":"ERROR","object":<Status>}` and a newline. */
export const errorEvent = (status: Status): string => `{"type":"ERROR","object":${encodeStatus(status).trimEnd()}}\n`

const jsonHeaders = { 'content-type': 'application/json' } as const

const toStream = (queue: EventQueue, stopOnCancel: () => void): HttpResponse =>
  addFinalizer(() => {
    stopOnCancel()
    queue.close()
  })(stream(200, queue.chunks, jsonHeaders))

const toUpgrade = (wss: WebSocketServer, queue: EventQueue, stopOnCancel: () => void, onSocket: (ws: WebSocket) => void): Response =>
  addFinalizer((outcome) => {
    if (outcome === 'finished') return
    stopOnCancel()
    queue.close()
  })(
    upgrade(wss, (ws) => {
      onSocket(ws)
      pump(queue, ws)
    }),
  )

/**
 * Sends each queued event as one text message, the next once the last was written out, so a client
 * that does not read leaves its events in the bounded queue; the socket closing ends the watch, the
 * watch ending closes the socket.
 */
const pump = (queue: EventQueue, ws: WebSocket): void => {
  ws.once('close', queue.close)
  const iterate = async (): Promise<void> => {
    for await (const chunk of queue.chunks) await sent(ws, chunk)
    ws.close()
  }
  iterate().catch(() => ws.terminate())
}

const sent = (ws: WebSocket, chunk: Uint8Array): Promise<void> =>
  new Promise((resolve, reject) => ws.send(chunk, { binary: false }, (err) => (err == null ? resolve() : reject(err))))

/** Whether the request asks for a websocket (`Upgrade: websocket`, any case). */
export const isWebsocket = (req: Request): boolean => (header(req, 'upgrade') ?? '').toLowerCase() === 'websocket'

/** The event a selecting watcher sees, or `undefined` when it sees none (upstream's cacher rules). */
export const select = (e: StoreEvent, matches: (cm: ConfigMap) => boolean): StoreEvent | undefined => {
  if (e.type === 'ADDED') return matches(e.object) ? e : undefined
  const now = e.type === 'MODIFIED' && matches(e.object)
  const before = e.previous !== undefined && matches(e.previous)
  if (e.type === 'DELETED') return before ? e : undefined
  if (now) return before ? e : { type: 'ADDED', object: e.object }
  if (!before) return undefined
  const rv = e.object.metadata.resourceVersion
  return { type: 'DELETED', object: { ...(e.previous as ConfigMap), metadata: { ...(e.previous as ConfigMap).metadata, resourceVersion: rv } } }
}
