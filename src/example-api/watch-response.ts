import * as E from 'fp-ts/lib/Either.js'
import type { WebSocket, WebSocketServer } from 'ws'
import { goJson } from '../core/go-json.js'
import { type Request, header } from '../core/request.js'
import { type Response, addFinalizer, stream, upgrade } from '../core/response.js'
import { type ApiError, type Status, encodeStatus, toResponse } from '../core/status.js'
import type { ConfigMap } from './configmap-codec.js'
import type { ConfigMapStore, StoreEvent } from './configmap-store.js'
import { newEventQueue, type EventQueue } from './event-queue.js'

/** What a watch asks for: a namespace (`''`: all), where to start, and which objects it selects. */
export interface WatchSpec {
  readonly namespace: string
  readonly resourceVersion: string
  readonly matches: (cm: ConfigMap) => boolean
}

/**
 * Answers a watch: newline-delimited JSON events (`{"type":"ADDED","object":{...}}`) in a stream that
 * ends when the request is cancelled or the client goes away; for a websocket upgrade, one text message
 * per event. An object that starts or stops matching the selectors arrives as ADDED or DELETED, as
 * upstream's watch cache does. A resourceVersion older than the history is a stream of one ERROR
 * event (410 Expired); one that is not a number is a 422 before streaming.
 * Port note: upstream's websocket watch frames carry the same JSON encoding (with its trailing newline).
 * @example
 * watchResponse(store, wss)(req, { namespace: 'default', resourceVersion: '', matches: () => true })
 */
export const watchResponse =
  (store: ConfigMapStore, wss: WebSocketServer) =>
  (req: Request, spec: WatchSpec): Response => {
    let unsubscribe: () => void = noop
    const queue = newEventQueue(() => unsubscribe())
    const subscribed = store.watch(spec.namespace, spec.resourceVersion, (e) => {
      const selected = select(e, spec.matches)
      if (selected !== undefined) queue.push(encodeEvent(selected))
    })
    if (E.isLeft(subscribed)) return failed(req, wss, queue, subscribed.left)
    unsubscribe = subscribed.right
    return respond(req, wss, queue, req.cancel.onCancel(queue.close))
  }

const noop = (): void => undefined

const respond = (req: Request, wss: WebSocketServer, queue: EventQueue, stopOnCancel: () => void): Response =>
  isWebsocket(req) ? toUpgrade(wss, queue, stopOnCancel) : toStream(queue, stopOnCancel)

/**
 * A watch that cannot start: a 410 Expired is one ERROR event carrying the Status, as upstream's watch
 * cache answers once the request got that far; other errors are their Status response.
 */
const failed = (req: Request, wss: WebSocketServer, queue: EventQueue, err: ApiError): Response => {
  const expired = err._tag === 'Status' && err.status.code === 410
  if (err._tag === 'Status' && expired) queue.push(errorEvent(err.status))
  queue.close()
  return expired ? respond(req, wss, queue, noop) : toResponse(err)
}

/** An ERROR watch event: `{"type":"ERROR","object":<Status>}` and a newline. */
export const errorEvent = (status: Status): string => `{"type":"ERROR","object":${encodeStatus(status).trimEnd()}}\n`

const jsonHeaders = { 'content-type': 'application/json' } as const

const toStream = (queue: EventQueue, stopOnCancel: () => void): Response =>
  addFinalizer(() => {
    stopOnCancel()
    queue.close()
  })(stream(200, queue.chunks, jsonHeaders))

const toUpgrade = (wss: WebSocketServer, queue: EventQueue, stopOnCancel: () => void): Response =>
  addFinalizer((outcome) => {
    if (outcome === 'finished') return
    stopOnCancel()
    queue.close()
  })(upgrade(wss, (ws) => pump(queue, ws)))

/** Sends each queued event as one text message; the socket closing ends the watch, the watch ending closes the socket. */
const pump = (queue: EventQueue, ws: WebSocket): void => {
  ws.once('close', queue.close)
  const iterate = async (): Promise<void> => {
    for await (const chunk of queue.chunks) ws.send(chunk)
    ws.close()
  }
  iterate().catch(() => ws.terminate())
}

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

/** One watch event as upstream's JSON encoder writes it, newline included. */
export const encodeEvent = (e: StoreEvent): string => `${goJson({ type: e.type, object: e.object })}\n`
