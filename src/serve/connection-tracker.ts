import type { ServerResponse } from 'node:http'
import type { Http2Session } from 'node:http2'
import type { Server as NetServer, Socket } from 'node:net'
import { peerKey } from './peer-key.js'

/** What graceful close needs to know about a server's connections. */
export interface ConnectionTracker {
  /** Stops keep-alive: idle HTTP/1 connections close now, busy ones after their response, HTTP/2 gets GOAWAY. */
  readonly drain: (onDrained: () => void) => void
  /** Cuts every tracked connection (the shutdown timeout). */
  readonly destroyAll: () => void
}

const KEEP_ALIVE_MS = 3 * 60_000

/**
 * Tracks the connections of a node http, https or http2 server (upstream's `Shutdown` bookkeeping):
 * sets TCP keep-alive (3 minutes) on each accepted socket, keeps the open connections and HTTP/2
 * sessions, and forgets upgraded (hijacked) sockets. Nothing is done per request while serving: at
 * drain, an HTTP/1 connection is busy when node has a response in flight on it (`inFlight`); busy ones
 * finish that response with `Connection: close` (or are ended right after it when its headers were
 * already sent, or after the pipelined responses queued behind it), idle ones close at once, and
 * requests that arrive later answer with `Connection: close`.
 * Must be installed before the server listens; the `'upgrade'` hook is only added when the server
 * already has an upgrade listener.
 */
export const trackConnections = (server: NetServer, secure: boolean): ConnectionTracker => {
  const conns = new Set<Socket>()
  const sessions = new Set<Http2Session>()
  let onDrained: (() => void) | undefined
  const check = (): void => {
    if (onDrained === undefined || conns.size > 0 || sessions.size > 0) return
    const done = onDrained
    onDrained = () => undefined
    done()
  }
  function forget(this: Socket): void {
    conns.delete(this)
    check()
  }
  function sessionClosed(this: Http2Session): void {
    sessions.delete(this)
    check()
  }
  const add = (s: Socket): void => {
    conns.add(s)
    s.on('close', forget)
  }
  server.on('connection', (s: Socket) => {
    s.setKeepAlive(true, KEEP_ALIVE_MS)
    if (!secure) add(s)
  })
  if (secure) server.on('secureConnection', add)
  server.on('session', (s: Http2Session) => {
    sessions.add(s)
    s.once('close', sessionClosed)
    if (onDrained !== undefined) s.close()
  })
  if (server.listenerCount('upgrade') > 0) {
    server.prependListener('upgrade', (req: { socket: Socket }) => {
      req.socket.off('close', forget)
      conns.delete(req.socket)
    })
  }
  return {
    drain: (cb) => {
      onDrained = cb
      // a server without one serves no HTTP/1 (and adding one would install node's HTTP/2 compatibility layer)
      if (server.listenerCount('request') > 0) server.prependListener('request', closeAfterResponse)
      const h2 = new Set([...sessions].map((x) => peerKey(x.socket)))
      for (const s of sessions) s.close()
      for (const s of conns) {
        if (h2.has(peerKey(s))) continue
        const res = inFlight(s)
        if (res === undefined) s.destroy()
        else closeAfterResponse(res.req, res)
      }
      check()
    },
    destroyAll: () => {
      for (const s of sessions) s.destroy()
      for (const s of conns) s.destroy()
    },
  }
}

/**
 * The HTTP/1 response node is writing on a socket, if any. Node keeps it as `socket._httpMessage` from
 * `assignSocket` until the response finished (as graceful-close libraries such as http-terminator read it):
 * reading it at drain costs nothing per request, so serving keeps no bookkeeping per response.
 */
const inFlight = (s: Socket): ServerResponse | undefined => {
  const res = (s as Socket & { _httpMessage?: ServerResponse | null })._httpMessage
  return res === null || res === undefined || res.writableFinished ? undefined : res
}

/**
 * Makes an HTTP/1 response the last of its connection: `Connection: close` while its headers are not
 * sent (node then closes the connection after it); otherwise the connection is ended once it finished,
 * or, when node moved on to a pipelined request, that response is made the last. HTTP/2 requests are
 * left alone (GOAWAY covers them).
 */
function closeAfterResponse(req: { httpVersionMajor: number }, res: ServerResponse): void {
  if (req.httpVersionMajor !== 1) return
  if (!res.headersSent) return void res.setHeader('connection', 'close')
  const socket = res.socket
  res.once('close', () => {
    if (socket === null || socket.destroyed) return
    const next = inFlight(socket) // a pipelined request node answers next
    if (next === undefined) socket.end()
    else closeAfterResponse(next.req, next)
  })
}
