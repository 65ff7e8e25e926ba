// Raw TLS connections to a serve child: what a hostile client writes byte by byte, and when the server hangs up.
import type { Socket } from 'node:net'
import { type TLSSocket, connect } from 'node:tls'
import type { Target } from './https-call.js'

/** A TLS socket and when the server closed it (ms since the socket was opened), if it did. */
export interface RawConn<S extends Socket = TLSSocket> {
  readonly socket: S
  readonly openedAt: number
  /** Resolves with the close time (Date.now()) when the socket closes, by either side. */
  readonly closed: Promise<number>
  isClosed(): boolean
  /** When the socket closed (Date.now()), if it did. */
  closedAt(): number | undefined
}

/** Opens a TLS connection offering `alpn` (unverified certificate); resolves after the handshake. */
export const openTls = (to: Target, alpn: string, timeoutMs = 10_000): Promise<RawConn> =>
  new Promise((resolve, reject) => {
    const socket = connect({ host: to.host, port: to.port, ALPNProtocols: [alpn], rejectUnauthorized: false })
    const conn = track(socket)
    const timer = setTimeout(() => socket.destroy(new Error('tls handshake timeout')), timeoutMs)
    socket.once('secureConnect', () => (clearTimeout(timer), resolve(conn)))
    socket.once('error', (e) => (clearTimeout(timer), reject(e)))
  })

/** Records when `socket` closes; errors after connecting only close it. */
export const track = <S extends Socket>(socket: S): RawConn<S> => {
  let closedAt: number | undefined
  const closed = new Promise<number>((r) => socket.once('close', () => r((closedAt = Date.now()))))
  socket.on('error', () => undefined)
  return { socket, openedAt: Date.now(), closed, isClosed: () => closedAt !== undefined, closedAt: () => closedAt }
}

/** A response head read off a raw HTTP/1 connection. */
export interface Head {
  readonly status: number
  /** Lower-cased names; the last value of a repeated header. */
  readonly headers: Readonly<Record<string, string>>
  /** The bytes read after the head. */
  readonly rest: Buffer
}

/**
 * Reads until the end of a response head; undefined when the socket closed or `ms` passed first. With
 * `pause`, the socket stops reading right after the head (what a client that never reads the body does).
 */
export const readHead = (conn: RawConn, ms: number, pause = false): Promise<Head | undefined> =>
  new Promise((resolve) => {
    let buf: Buffer = Buffer.alloc(0)
    const done = (h: Head | undefined): void => {
      clearTimeout(timer)
      conn.socket.off('data', onData)
      if (pause) conn.socket.pause()
      resolve(h)
    }
    const onData = (c: Buffer): void => {
      buf = Buffer.concat([buf, c])
      const end = buf.indexOf('\r\n\r\n')
      if (end >= 0) done(parseHead(buf.subarray(0, end).toString('latin1'), buf.subarray(end + 4)))
    }
    const timer = setTimeout(() => done(undefined), ms)
    conn.socket.on('data', onData)
    void conn.closed.then(() => done(undefined))
  })

const parseHead = (text: string, rest: Buffer): Head => {
  const [statusLine = '', ...lines] = text.split('\r\n')
  const headers: Record<string, string> = {}
  for (const l of lines) {
    const i = l.indexOf(':')
    if (i > 0) headers[l.slice(0, i).trim().toLowerCase()] = l.slice(i + 1).trim()
  }
  return { status: Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1] ?? 0), headers, rest }
}

/**
 * Reads a paused connection to its end: resolves true when the server ended the response stream (the
 * socket closed, or a chunked body's last chunk came), false when `ms` passed first.
 */
export const drainToEnd = (conn: RawConn, ms: number): Promise<boolean> =>
  new Promise((resolve) => {
    let tail = ''
    const done = (ended: boolean): void => {
      clearTimeout(timer)
      conn.socket.off('data', onData)
      resolve(ended)
    }
    const onData = (c: Buffer): void => {
      tail = (tail + c.toString('latin1')).slice(-16)
      if (tail.endsWith('\r\n0\r\n\r\n')) done(true)
    }
    const timer = setTimeout(() => done(conn.isClosed()), ms)
    conn.socket.on('data', onData)
    conn.socket.resume()
    void conn.closed.then(() => done(true))
  })

/** Destroys every connection still open. */
export const destroyAll = (conns: Iterable<RawConn<Socket>>): void => {
  for (const c of conns) c.socket.destroy()
}
