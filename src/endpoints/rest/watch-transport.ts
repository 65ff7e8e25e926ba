import type { WebSocket, WebSocketServer } from 'ws'
import { type Request, header } from '../../core/request.js'
import { type HttpResponse, type Response, addFinalizer, stream, upgrade } from '../../core/response.js'
import type { EventQueue } from './event-queue.js'

const jsonHeaders = { 'content-type': 'application/json' } as const

/** Whether the request asks for a websocket (`Upgrade: websocket`, any case). */
export const isWebsocket = (req: Request): boolean => (header(req, 'upgrade') ?? '').toLowerCase() === 'websocket'

/** A watch's events as a streamed JSON response; dropping or ending the response closes the queue. */
export const toStream = (queue: EventQueue, stopOnCancel: () => void): HttpResponse =>
  addFinalizer(() => {
    stopOnCancel()
    queue.close()
  })(stream(200, queue.chunks, jsonHeaders))

/** A watch's events over a websocket upgrade: one text message per event. */
export const toUpgrade = (wss: WebSocketServer, queue: EventQueue, stopOnCancel: () => void, onSocket: (ws: WebSocket) => void): Response =>
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
