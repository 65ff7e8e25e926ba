/**
 * The protobuf wire format read as gogo-generated `Unmarshal` methods read it, failing with their words.
 * A failure is thrown as a `WireError` inside this module's callers and caught at their one entry
 * (`decodeMessage`), as Go returns it up the call stack.
 */

/** A decoding failure carrying the text of upstream's error. */
export interface WireError {
  readonly _tag: 'WireError'
  readonly message: string
}

/** A read position in a message's bytes. */
export interface Cursor {
  readonly buf: Buffer
  pos: number
}

/** `io.ErrUnexpectedEOF`. */
export const errUnexpectedEOF = 'unexpected EOF'
/** `ErrInvalidLengthGenerated`. */
export const errInvalidLength = 'proto: negative length found during unmarshaling'
/** `ErrIntOverflowGenerated`. */
export const errIntOverflow = 'proto: integer overflow'
/** `ErrUnexpectedEndOfGroupGenerated`. */
export const errEndOfGroup = 'proto: unexpected end of group'

const maxInt64 = (1n << 63n) - 1n

/** Stops decoding with upstream's error text. */
export const fail = (message: string): never => {
  throw { _tag: 'WireError', message } satisfies WireError
}

/** Whether a thrown value is a `WireError`. */
export const isWireError = (e: unknown): e is WireError =>
  typeof e === 'object' && e !== null && (e as { _tag?: unknown })._tag === 'WireError'

/** A varint as Go's `uint64` (bits past 64 dropped); more than ten bytes overflow, a cut one is EOF. */
export const varint = (c: Cursor, end: number): bigint => {
  let v = 0n
  for (let shift = 0n; ; shift += 7n) {
    if (shift >= 64n) return fail(errIntOverflow)
    if (c.pos >= end) return fail(errUnexpectedEOF)
    const b = c.buf[c.pos++] as number
    v |= BigInt(b & 0x7f) << shift
    if (b < 0x80) return BigInt.asUintN(64, v)
  }
}

/**
 * A varint of at most seven bytes (below 2^49, exact as a number), moving past it; `undefined`, without
 * moving, for a longer or cut one, which `varint` then reads. Most varints are short: this spares BigInt.
 */
export const shortVarint = (c: Cursor, end: number): number | undefined => {
  const buf = c.buf
  let v = 0
  let mul = 1
  for (let i = c.pos; i < end && i < c.pos + 7; i++) {
    const b = buf[i] as number
    v += (b & 0x7f) * mul
    if (b < 0x80) {
      c.pos = i + 1
      return v
    }
    mul *= 128
  }
  return undefined
}

/** A varint as `shortVarint` or, when longer, `varint` reads it. */
export const anyVarint = (c: Cursor, end: number): number | bigint => shortVarint(c, end) ?? varint(c, end)

/** A tag's field number (Go's `int32(wire >> 3)`) and wire type. */
export const splitTag = (wire: number | bigint): readonly [fieldNum: number, wireType: number] =>
  typeof wire === 'number' ? [Math.floor(wire / 8) | 0, wire % 8] : [Number(BigInt.asIntN(32, wire >> 3n)), Number(wire & 7n)]

/**
 * Reads a length prefix and returns where the length-delimited value ends: a negative length (as Go's
 * `int`) or one that overflows is `ErrInvalidLengthGenerated`, one past `end` is `io.ErrUnexpectedEOF`.
 */
export const lengthEnd = (c: Cursor, end: number): number => {
  const short = shortVarint(c, end)
  if (short !== undefined) return c.pos + short > end ? fail(errUnexpectedEOF) : c.pos + short
  const length = BigInt.asIntN(64, varint(c, end))
  if (length < 0n || BigInt(c.pos) + length > maxInt64) return fail(errInvalidLength)
  if (BigInt(c.pos) + length > BigInt(end)) return fail(errUnexpectedEOF)
  return c.pos + Number(length)
}

/** The bytes `[c.pos, post)` read by `lengthEnd`, moving the cursor past them. */
export const lengthDelimited = (c: Cursor, end: number): Uint8Array => {
  const post = lengthEnd(c, end)
  const out = c.buf.subarray(c.pos, post)
  c.pos = post
  return out
}

/** A string field's value; invalid UTF-8 becomes U+FFFD, as Go's JSON encoder writes it. */
export const readString = (c: Cursor, end: number): string => {
  const post = lengthEnd(c, end)
  const text = c.buf.toString('utf8', c.pos, post)
  c.pos = post
  return text
}

/**
 * Skips the field whose tag starts at `c.pos` (`skipGenerated`, groups included), failing unless it
 * ends by `limit`: upstream reads up to `end` and then checks the field against `limit`.
 */
export const skipField = (c: Cursor, end: number, limit: number): void => {
  const start = c.pos
  const skipped = skipLength(c, end)
  if (BigInt(start) + skipped > BigInt(limit)) fail(errUnexpectedEOF)
  c.pos = start + Number(skipped)
}

/** `skipGenerated`: how many bytes the field at `c.pos` spans, which may reach past `end`. */
const skipLength = (c: Cursor, end: number): bigint => {
  const start = c.pos
  let rel = 0n
  let depth = 0
  while (c.pos < end) {
    const wireType = Number(varint(c, end) & 7n)
    rel = BigInt(c.pos - start)
    if (wireType === 0) {
      varint(c, end)
      rel = BigInt(c.pos - start)
    } else if (wireType === 1 || wireType === 5) rel += wireType === 1 ? 8n : 4n
    else if (wireType === 2) {
      const length = BigInt.asIntN(64, varint(c, end))
      if (length < 0n) return fail(errInvalidLength)
      rel = BigInt(c.pos - start) + length
    } else if (wireType === 3) depth++
    else if (wireType === 4) {
      if (depth === 0) return fail(errEndOfGroup)
      depth--
    } else return fail(`proto: illegal wireType ${wireType}`)
    if (rel > maxInt64) return fail(errInvalidLength)
    if (depth === 0) return rel
    c.pos = start + Number(rel)
  }
  return fail(errUnexpectedEOF)
}
