// HTTP/2 frames written by hand, so a client can misbehave as node's own client never would.

/** The client connection preface. */
export const preface = Buffer.from('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n', 'latin1')

/** Frame types used here. */
export const FrameType = { data: 0, headers: 1, rstStream: 3, settings: 4, ping: 6, goaway: 7, windowUpdate: 8, continuation: 9 } as const

/** HTTP/2 error codes named in the table. */
export const errorName = (code: number): string =>
  [
    'NO_ERROR',
    'PROTOCOL_ERROR',
    'INTERNAL_ERROR',
    'FLOW_CONTROL_ERROR',
    'SETTINGS_TIMEOUT',
    'STREAM_CLOSED',
    'FRAME_SIZE_ERROR',
    'REFUSED_STREAM',
    'CANCEL',
    'COMPRESSION_ERROR',
    'CONNECT_ERROR',
    'ENHANCE_YOUR_CALM',
    'INADEQUATE_SECURITY',
    'HTTP_1_1_REQUIRED',
  ][code] ?? `0x${code.toString(16)}`

/** One frame: a 9-byte header and its payload. */
export const frame = (type: number, flags: number, streamId: number, payload: Buffer = Buffer.alloc(0)): Buffer => {
  const h = Buffer.alloc(9)
  h.writeUIntBE(payload.length, 0, 3)
  h[3] = type
  h[4] = flags
  h.writeUInt32BE(streamId & 0x7fffffff, 5)
  return Buffer.concat([h, payload])
}

/** An empty SETTINGS frame (the defaults), or its ACK. */
export const settings = (ack = false): Buffer => frame(FrameType.settings, ack ? 1 : 0, 0)

/** RST_STREAM with `code` (8 is CANCEL). */
export const rstStream = (streamId: number, code = 8): Buffer => {
  const p = Buffer.alloc(4)
  p.writeUInt32BE(code, 0)
  return frame(FrameType.rstStream, 0, streamId, p)
}

/** HEADERS then CONTINUATION frames carrying `block`, at most 16 KiB each (the default SETTINGS_MAX_FRAME_SIZE). */
export const headers = (streamId: number, block: Buffer, endStream: boolean): Buffer => {
  const max = 16_384
  const parts: Buffer[] = []
  for (let at = 0; at === 0 || at < block.length; at += max) {
    const last = at + max >= block.length
    const type = at === 0 ? FrameType.headers : FrameType.continuation
    const flags = (last ? 4 : 0) | (at === 0 && endStream ? 1 : 0)
    parts.push(frame(type, flags, streamId, block.subarray(at, at + max)))
  }
  return Buffer.concat(parts)
}

/** An HPACK block of literal fields without indexing, new names, no Huffman coding. */
export const hpack = (fields: ReadonlyArray<readonly [string, string]>): Buffer =>
  Buffer.concat(fields.flatMap(([n, v]) => [Buffer.from([0]), hpackString(n), hpackString(v)]))

/** The fields of a GET of `path` (pseudo-headers first) followed by `extra`. */
export const request = (path: string, authority: string, extra: ReadonlyArray<readonly [string, string]> = [], method = 'GET'): Buffer =>
  hpack([[':method', method], [':scheme', 'https'], [':path', path], [':authority', authority], ...extra])

const hpackString = (s: string): Buffer => {
  const bytes = Buffer.from(s, 'latin1')
  return Buffer.concat([hpackInt(bytes.length, 7, 0), bytes])
}

/** HPACK integer with an N-bit prefix (RFC 7541 5.1); `high` holds the bits above the prefix. */
const hpackInt = (value: number, bits: number, high: number): Buffer => {
  const max = (1 << bits) - 1
  if (value < max) return Buffer.from([high | value])
  const out = [high | max]
  for (let v = value - max; ; v = Math.floor(v / 128)) {
    if (v < 128) return (out.push(v), Buffer.from(out))
    out.push((v % 128) + 128)
  }
}

/** A frame as read. */
export interface Frame {
  readonly type: number
  readonly flags: number
  readonly streamId: number
  readonly payload: Buffer
}

/** Splits a byte stream into frames; feed it every chunk after the server's first bytes. */
export const frameReader = (onFrame: (f: Frame) => void): ((chunk: Buffer) => void) => {
  let buf: Buffer = Buffer.alloc(0)
  return (chunk) => {
    buf = buf.length === 0 ? chunk : Buffer.concat([buf, chunk])
    while (buf.length >= 9) {
      const len = buf.readUIntBE(0, 3)
      if (buf.length < 9 + len) return
      onFrame({ type: buf[3] ?? 0, flags: buf[4] ?? 0, streamId: buf.readUInt32BE(5) & 0x7fffffff, payload: buf.subarray(9, 9 + len) })
      buf = buf.subarray(9 + len)
    }
  }
}

/** The error code of a GOAWAY or RST_STREAM payload. */
export const errorCodeOf = (f: Frame): number => (f.type === FrameType.goaway ? f.payload.readUInt32BE(4) : f.payload.readUInt32BE(0))
