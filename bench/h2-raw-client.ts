// A load-generating HTTP/2 client connection written at the frame level, for the in-process rig: it
// sends one pre-encoded GET at a time (HEADERS with END_STREAM, HPACK literals never indexed, so its
// encoding costs nothing), reads frame headers only (a response ends at END_STREAM; 200 is HPACK's
// static index 8, the first byte of the block), acknowledges SETTINGS and PING, and returns the
// connection's flow-control window. It costs a few µs per request, so the rig measures the server.
import { type Socket, connect as connectTcp } from 'node:net'
import { connect as connectTls } from 'node:tls'
import { frame, preface } from '../spec/support/raw-h2.js'

/** One connection: `send` asks for the next response; `onDone` hears each response's end. */
export interface RawH2Connection {
  readonly send: () => void
  onDone: (ok: boolean) => void
}

/** Opens a connection to 127.0.0.1:`port` (TLS with ALPN h2, or h2c) that GETs with `fields`. */
export const rawH2Connection = (tls: boolean, port: number, fields: ReadonlyArray<readonly [string, string]>): Promise<RawH2Connection> =>
  new Promise((resolve, reject) => {
    const socket: Socket = tls
      ? connectTls({ host: '127.0.0.1', port, ALPNProtocols: ['h2'], rejectUnauthorized: false }, () => ready())
      : connectTcp({ host: '127.0.0.1', port }, () => ready())
    socket.setNoDelay(true)
    socket.once('error', reject)
    const template = headersFrame(tls, fields)
    let next = 1
    const conn: RawH2Connection = {
      send: () => {
        const f = Buffer.from(template)
        f.writeUInt32BE(next, 5)
        next += 2
        socket.write(f)
      },
      onDone: () => undefined,
    }
    const ready = (): void => {
      socket.write(preface)
      readFrames(socket, conn)
      resolve(conn)
    }
  })

/** Reads the server's frames off `socket`, answering what HTTP/2 requires and reporting each response's end. */
const readFrames = (socket: Socket, conn: RawH2Connection): void => {
  let pending: Buffer = Buffer.alloc(0)
  let unacked = 0
  const status = new Map<number, boolean>()
  socket.on('data', (chunk: Buffer) => {
    pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk])
    let at = 0
    while (pending.length - at >= 9) {
      const length = pending.readUIntBE(at, 3)
      if (pending.length - at < 9 + length) break
      const type = pending[at + 3]
      const flags = pending[at + 4] ?? 0
      const stream = pending.readUInt32BE(at + 5) & 0x7fffffff
      const payload = at + 9
      at += 9 + length
      if (type === 1) status.set(stream, pending[payload] === 0x88)
      else if (type === 0) unacked += length
      else if (type === 4 && (flags & 1) === 0) socket.write(frame(4, 1, 0))
      else if (type === 6 && (flags & 1) === 0) socket.write(frame(6, 1, 0, pending.subarray(payload, payload + 8)))
      else if (type === 3) status.set(stream, false)
      if (((flags & 1) !== 0 && (type === 0 || type === 1)) || type === 3) {
        const ok = status.get(stream) === true && type !== 3
        status.delete(stream)
        conn.onDone(ok)
      }
    }
    pending = at === pending.length ? Buffer.alloc(0) : pending.subarray(at)
    if (unacked >= 16384) {
      socket.write(windowUpdate(unacked))
      unacked = 0
    }
  })
}

const windowUpdate = (n: number): Buffer => {
  const b = Buffer.alloc(4)
  b.writeUInt32BE(n)
  return frame(8, 0, 0, b)
}

/** HEADERS (END_STREAM, END_HEADERS) of a GET with `fields`: method and scheme indexed, the rest literals never indexed. */
const headersFrame = (tls: boolean, fields: ReadonlyArray<readonly [string, string]>): Buffer => {
  const literal = (name: string, value: string): Buffer =>
    Buffer.concat([Buffer.from([0x10, name.length]), Buffer.from(name), Buffer.from([value.length]), Buffer.from(value)])
  const all = [[':authority', '127.0.0.1'] as const, ...fields]
  const block = Buffer.concat([Buffer.from([0x82, tls ? 0x87 : 0x86]), ...all.map(([n, v]) => literal(n, v))])
  return frame(1, 0x5, 0, block)
}
