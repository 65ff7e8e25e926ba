// Spec support: HTTP/2 frames written by hand, for clients that break the protocol on purpose.

/** One frame: 9-byte header (length, type, flags, stream id) and the payload. */
export const frame = (type: number, flags: number, stream: number, payload: Buffer = Buffer.alloc(0)): Buffer => {
  const head = Buffer.alloc(9)
  head.writeUIntBE(payload.length, 0, 3)
  head[3] = type
  head[4] = flags
  head.writeUInt32BE(stream, 5)
  return Buffer.concat([head, payload])
}

/** The client preface and an empty SETTINGS frame. */
export const preface = Buffer.concat([Buffer.from('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n'), frame(4, 0, 0)])

/** HPACK's integer with a 7-bit prefix. */
const int7 = (n: number): Buffer => {
  if (n < 127) return Buffer.from([n])
  const out = [127]
  let rest = n - 127
  while (rest >= 128) {
    out.push((rest & 127) | 128)
    rest >>= 7
  }
  out.push(rest)
  return Buffer.from(out)
}

/** A literal header field without indexing, new name, no Huffman coding. */
const literal = (name: string, value: string): Buffer =>
  Buffer.concat([Buffer.from([0]), int7(name.length), Buffer.from(name), int7(value.length), Buffer.from(value)])

/**
 * A GET / on `stream` (END_STREAM) with `extra` header fields, split into HEADERS and CONTINUATION frames
 * of at most 16 KiB. A field value over 64 KiB makes node's HPACK decoder fail: a COMPRESSION_ERROR.
 */
export const getWith = (stream: number, extra: ReadonlyArray<readonly [string, string]> = []): Buffer => {
  const block = Buffer.concat([
    Buffer.from([0x82, 0x87, 0x84]),
    literal(':authority', 'localhost'),
    ...extra.map(([n, v]) => literal(n, v)),
  ])
  const frames: Buffer[] = []
  for (let i = 0; i < block.length; i += 16384) {
    const part = block.subarray(i, i + 16384)
    const last = i + 16384 >= block.length
    frames.push(i === 0 ? frame(1, (last ? 4 : 0) | 1, stream, part) : frame(9, last ? 4 : 0, stream, part))
  }
  return Buffer.concat(frames)
}

/** A POST on `stream` (HEADERS without END_STREAM) and its whole `body` in one DATA frame with END_STREAM. */
export const postWith = (stream: number, body: Buffer): Buffer =>
  Buffer.concat([
    frame(1, 4, stream, Buffer.concat([Buffer.from([0x83, 0x87, 0x84]), literal(':authority', 'localhost')])),
    frame(0, 1, stream, body),
  ])

/** RST_STREAM with CANCEL (8). */
export const reset = (stream: number): Buffer => {
  const code = Buffer.alloc(4)
  code.writeUInt32BE(8)
  return frame(3, 0, stream, code)
}

/** SETTINGS with ACK. */
export const settingsAck = frame(4, 1, 0)

/** What a client read back, frame by frame: responses (HEADERS) by stream, resets and GOAWAYs with their codes. */
export interface ReadFrames {
  readonly responses: ReadonlyArray<number>
  readonly resets: ReadonlyArray<{ readonly stream: number; readonly code: number }>
  readonly goaways: ReadonlyArray<{ readonly lastStream: number; readonly code: number }>
}

/** Splits `bytes` into frames and keeps the ones `ReadFrames` names. */
export const readFrames = (bytes: Buffer): ReadFrames => {
  const responses: number[] = []
  const resets: Array<{ stream: number; code: number }> = []
  const goaways: Array<{ lastStream: number; code: number }> = []
  for (let off = 0; off + 9 <= bytes.length; ) {
    const length = bytes.readUIntBE(off, 3)
    const type = bytes[off + 3]
    const stream = bytes.readUInt32BE(off + 5) & 0x7fffffff
    const payload = bytes.subarray(off + 9, off + 9 + length)
    if (type === 1) responses.push(stream)
    if (type === 3 && payload.length >= 4) resets.push({ stream, code: payload.readUInt32BE(0) })
    if (type === 7 && payload.length >= 8) goaways.push({ lastStream: payload.readUInt32BE(0) & 0x7fffffff, code: payload.readUInt32BE(4) })
    off += 9 + length
  }
  return { responses, resets, goaways }
}
