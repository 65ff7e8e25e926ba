// A hand-driven HTTP/2 connection: preface and SETTINGS sent, the server's SETTINGS and PINGs acknowledged,
// and a record of what the server answered per stream.
import { FrameType, type Frame, errorCodeOf, frame, frameReader, preface, settings } from './h2-frames.js'
import type { Target } from './https-call.js'
import { type RawConn, openTls } from './raw-tls.js'

/** What the server sent on one connection. */
export interface H2Record {
  /** Error codes of the GOAWAY frames received. */
  readonly goaways: number[]
  /** Stream id to the error code of its RST_STREAM. */
  readonly resets: Map<number, number>
  /** Stream id to the first byte of its response header block (0x88 is `:status: 200` indexed). */
  readonly answered: Map<number, number>
}

/** An open hand-driven HTTP/2 connection. */
export interface H2Conn extends RawConn {
  readonly record: H2Record
  write(b: Buffer): void
}

/** Opens TLS with ALPN h2 and sends the preface and an empty SETTINGS frame. */
export const openH2 = async (to: Target): Promise<H2Conn> => {
  const conn = await openTls(to, 'h2')
  if (conn.socket.alpnProtocol !== 'h2')
    throw (conn.socket.destroy(), new Error(`expected ALPN h2, got ${String(conn.socket.alpnProtocol)}`))
  const record: H2Record = { goaways: [], resets: new Map(), answered: new Map() }
  const write = (b: Buffer): void => {
    if (!conn.socket.destroyed) conn.socket.write(b)
  }
  conn.socket.on(
    'data',
    frameReader((f) => onFrame(f, record, write)),
  )
  write(Buffer.concat([preface, settings()]))
  return { ...conn, record, write }
}

const onFrame = (f: Frame, r: H2Record, write: (b: Buffer) => void): void => {
  if (f.type === FrameType.settings && (f.flags & 1) === 0) write(settings(true))
  else if (f.type === FrameType.ping && (f.flags & 1) === 0) write(frame(FrameType.ping, 1, 0, f.payload))
  else if (f.type === FrameType.goaway) r.goaways.push(errorCodeOf(f))
  else if (f.type === FrameType.rstStream) r.resets.set(f.streamId, errorCodeOf(f))
  else if (f.type === FrameType.headers && !r.answered.has(f.streamId))
    r.answered.set(f.streamId, f.payload[((f.flags & 8) !== 0 ? 1 : 0) + ((f.flags & 0x20) !== 0 ? 5 : 0)] ?? 0)
}
