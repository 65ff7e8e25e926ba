import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import type { WebSocket } from 'ws'
import {
  type Handler,
  type Request,
  type Response,
  type UpgradeResponse,
  bytes,
  isAbortHandler,
  parseTarget,
  plainError,
  toResponse,
} from '../core/index.js'
import { Exchange, type Probe, reporter } from './exchange.js'
import { defectResponse } from './last-resort.js'
import { type ListenerOptions, loggerOf, report } from './listener-options.js'
import { writeSocketResponse } from './socket-response.js'
import { toRequest } from './to-request.js'
import { type AddUpgradeHeaders, upgradeHeaders } from './upgrade-headers.js'

/** An `'upgrade'` listener for node:http and node:https servers. */
export type NodeUpgradeListener = (req: IncomingMessage, socket: Duplex, head: Buffer) => void

/**
 * Runs a Handler for the `'upgrade'` requests of a node server, so websockets pass the same chain. An
 * Upgrade response hands the socket to its `ws` server (made with `noServer: true`), with the response's
 * headers on the 101; its finalizers run when the socket closes (`'finished'`), or with `'aborted'` if
 * the handshake failed. Any other Http response (a 401 from authentication, say) is written as plain
 * HTTP/1.1 with `connection: close` and the socket is closed. Defects answer `defectResponse` (500)
 * if nothing was written yet. A Takeover cannot answer an upgrade: 501, its finalizers `'discarded'`.
 *
 * @example
 * import { createServer } from 'node:http'
 * import { WebSocketServer } from 'ws'
 * import { constant, upgrade } from 'kubechain/core'
 * import { toUpgradeListener } from 'kubechain/serve'
 *
 * const wss = new WebSocketServer({ noServer: true })
 * const echo = constant(upgrade(wss, (ws) => ws.on('message', (m) => ws.send(m))))
 * createServer().on('upgrade', toUpgradeListener(echo)).listen(8080, '127.0.0.1')
 */
export const toUpgradeListener = (handler: Handler, opts: ListenerOptions = {}): NodeUpgradeListener => {
  const log = loggerOf(opts)
  const addHeaders = upgradeHeaders()
  const onWebSocket = opts.onWebSocket
  return (req, socket, head) => {
    socket.on('error', destroyOnError)
    const target = parseTarget(req.url ?? '/')
    if (target._tag === 'Left') return writeSocketResponse(socket, badRequest, (msg, e) => report(log, req, msg, e))
    const ex = new Exchange<Duplex>(req, socket, socketProbe, log)
    void serve(ex, handler, toRequest(ex, target.right), { head, addHeaders, onWebSocket })
  }
}

interface Handshake {
  readonly head: Buffer
  readonly addHeaders: AddUpgradeHeaders
  readonly onWebSocket: ((ws: WebSocket) => void) | undefined
}

/** Runs the handler and answers on the socket; total: every failure ends in `answerDefect`. */
const serve = async (ex: Exchange<Duplex>, handler: Handler, request: Request, hs: Handshake): Promise<void> => {
  try {
    respond(ex, await handler(request), request, hs)
  } catch (e) {
    answerDefect(ex, e)
  }
}

const respond = (ex: Exchange<Duplex>, response: Response, request: Request, hs: Handshake): void => {
  if (response._tag === 'Takeover') {
    ex.discard(response)
    return writeSocketResponse(ex.target, notImplemented, reporter(ex))
  }
  if (response._tag === 'Upgrade') return accept(ex, response, request, hs)
  ex.settle(response)
  writeSocketResponse(ex.target, response, reporter(ex))
}

/** Hands the socket to `ws`; `onConnection` runs once the 101 is written. */
const accept = (ex: Exchange<Duplex>, r: UpgradeResponse, request: Request, hs: Handshake): void => {
  const req = ex.req as IncomingMessage
  ex.upgrade = 'asked'
  ex.settle(r)
  hs.addHeaders(r.server, req, r.headers)
  ex.upgrade = 'pending'
  r.server.handleUpgrade(req, ex.target, hs.head, (ws) => {
    ex.upgrade = 'done'
    hs.onWebSocket?.(ws)
    connected(ex, r, ws, request)
  })
}

const connected = (ex: Exchange<Duplex>, r: UpgradeResponse, ws: WebSocket, request: Request): void => {
  try {
    r.server.emit('connection', ws, ex.req)
    r.onConnection(ws, request)
  } catch (e) {
    ex.report('the websocket handler failed', e)
    ex.failed = true
    ws.terminate()
  }
}

/** Logs a defect; writes `defectResponse` unless the socket went to `ws` or is gone, else destroys it. */
const answerDefect = (ex: Exchange<Duplex>, error: unknown): void => {
  ex.report('the upgrade handler failed', error)
  ex.failed = true
  const socket = ex.target
  if (isAbortHandler(error) || ex.upgrade === 'pending' || ex.upgrade === 'done' || !socket.writable) return void socket.destroy()
  try {
    writeSocketResponse(socket, defectResponse, reporter(ex))
  } catch (e) {
    ex.report('writing the error response failed', e)
    socket.destroy()
  }
}

/** For an upgrade, `completed` means `ws` accepted the socket; otherwise that the response was written. */
const socketProbe: Probe<Duplex> = {
  isClosed: (socket) => socket.destroyed,
  completed: (socket, ex) => (ex.upgrade === 'none' ? socket.writableFinished : ex.upgrade === 'done'),
  follow: (socket) => {
    socket.on('readable', peekForEnd)
    socket.once('end', destroyAtEnd)
  },
  unfollow: (socket) => {
    socket.off('readable', peekForEnd)
    socket.off('end', destroyAtEnd)
  },
}

/**
 * After `'upgrade'` nobody reads the socket, so a client that leaves is not noticed. While a cancel
 * subscriber waits on the handler, the socket is read in paused mode: data stays buffered for `ws`,
 * and an empty read at EOF emits `'end'`, which closes the socket and so cancels the request.
 */
function peekForEnd(this: Duplex): void {
  if (this.readableLength === 0) this.read()
}

function destroyAtEnd(this: Duplex): void {
  this.destroy()
}

function destroyOnError(this: Duplex): void {
  this.destroy()
}

const badRequest = bytes(400, '400 Bad Request', { 'content-type': 'text/plain; charset=utf-8' })

const notImplemented = toResponse(plainError(501, 'expected an http or upgrade response to an upgrade request, got a takeover'))
