import * as E from 'fp-ts/lib/Either.js'
import type { AuditEvent } from './event.js'

/** What `fill` put in the buffer: `count` lines (`ends[i]` is the byte after line i's newline), and the encoder's error if it threw. */
export interface Filled {
  readonly count: number
  readonly error?: Error
}

/**
 * Event lines encoded as UTF-8 into one buffer that is kept from batch to batch, so a batch is one
 * buffer (and one write) with no allocation, and each line's byte length is known without measuring.
 * `fill` empties it and encodes events from `from` on, each as its line and a newline, until the events
 * end or the next line would take it past `keepBytes` (it always takes one line, however long). An
 * encoder that throws ends the fill; the lines before that event are in the buffer.
 */
export interface LineBuffer {
  readonly fill: (events: ReadonlyArray<AuditEvent>, from: number) => Filled
  /** The buffer the last `fill` wrote into (lines from byte 0). */
  readonly bytes: () => Buffer
  /** `ends[i]`: the byte offset just after line i's newline, for the lines of the last `fill`. */
  readonly ends: ReadonlyArray<number>
}

/**
 * A `LineBuffer` over `encode`. The buffer grows by doubling up to `keepBytes` and stays; a single line
 * longer than that gets a buffer of its own for that fill.
 * @example
 * const lines = lineBuffer(eventEncoder(), 1024 * 1024)
 */
export const lineBuffer = (encode: (e: AuditEvent) => string, keepBytes: number): LineBuffer => {
  let kept = Buffer.allocUnsafe(Math.min(64 * 1024, keepBytes))
  let buf = kept
  const ends: number[] = []
  const room = (used: number, needed: number, first: boolean): boolean => {
    if (!first && used + needed > keepBytes) return false
    if (used + needed <= buf.length) return true
    const size = Math.max(used + needed, Math.min(keepBytes, buf.length * 2))
    const grown = Buffer.allocUnsafe(size)
    buf.copy(grown, 0, 0, used)
    buf = grown
    if (size <= keepBytes) kept = grown
    return true
  }
  const fill = (events: ReadonlyArray<AuditEvent>, from: number): Filled => {
    buf = kept
    ends.length = 0
    let used = 0
    try {
      for (let i = from; i < events.length; i++) {
        const line = encode(events[i] as AuditEvent)
        // UTF-8 takes at most 3 bytes per UTF-16 unit: a line never overruns the room checked for it.
        if (!room(used, line.length * 3 + 1, ends.length === 0)) break
        used += buf.write(line, used)
        buf[used++] = 0x0a
        ends.push(used)
      }
      return { count: ends.length }
    } catch (e) {
      return { count: ends.length, error: E.toError(e) }
    }
  }
  return { fill, bytes: () => buf, ends }
}
