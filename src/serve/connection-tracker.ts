import type { ServerResponse } from 'node:http'
import type { Http2Session } from 'node:http2'
import type { Server as NetServer, Socket } from 'node:net'

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
 * sets TCP keep-alive (3 minutes) on each accepted socket, counts in-flight HTTP/1 responses and HTTP/2
 * sessions, and forgets upgraded (hijacked) sockets. Must be installed before the server listens;
 * the `'upgrade'` hook is only added when the server already has an upgrade listener.
 */
export const trackConnections = (server: NetServer, secure: boolean): ConnectionTracker => {
  const conns = new Set<Socket>()
  const sessions = new Set<Http2Session>()
  const active = new Set<ServerResponse>()
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
  function responseClosed(this: ServerResponse): void {
    active.delete(this)
    if (onDrained !== undefined) closeWhenIdle(this.req.socket as Socket, active)
  }
  const add = (s: Socket): void => {
    conns.add(s)
    s.once('close', forget)
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
  server.on('request', (req: { httpVersionMajor: number }, res: ServerResponse) => {
    if (req.httpVersionMajor !== 1) return
    active.add(res)
    res.once('close', responseClosed)
    if (onDrained !== undefined && !res.headersSent) res.setHeader('connection', 'close')
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
      const h2 = new Set([...sessions].map((x) => peerKey(x.socket)))
      for (const s of sessions) s.close()
      for (const res of active) if (!res.headersSent) res.setHeader('connection', 'close')
      const busy = new Set<unknown>([...active].map((r) => r.req.socket))
      for (const s of conns) if (!busy.has(s) && !h2.has(peerKey(s))) s.destroy()
      check()
    },
    destroyAll: () => {
      for (const s of sessions) s.destroy()
      for (const s of conns) s.destroy()
    },
  }
}

/** A socket's peer; node hands out a proxy as `session.socket`, so identity cannot be used. */
const peerKey = (s: { remoteAddress?: string | undefined; remotePort?: number | undefined } | undefined): string =>
  s === undefined ? '' : `${s.remoteAddress}:${s.remotePort}`

/** After a response during drain: ends its socket once no other response of it is in flight. */
const closeWhenIdle = (socket: Socket | null, active: ReadonlySet<ServerResponse>): void => {
  if (socket === null || socket.destroyed) return
  for (const res of active) if (res.req.socket === socket) return
  socket.end()
}
