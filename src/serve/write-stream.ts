import type { EventEmitter } from 'node:events'
import type { Chunk } from '../core/index.js'
import type { Report } from './listener-options.js'

/** Something chunks can be written to with backpressure: a node response or a socket. */
export interface Sink extends EventEmitter {
  write(chunk: Chunk): boolean
}

/** How a streamed body ends on a given sink. */
export interface StreamEnds<S extends Sink> {
  /** True once nothing more can be written to the sink. */
  readonly isClosed: (sink: S) => boolean
  /** Ends the sink after the last chunk. */
  readonly end: (sink: S) => void
  /** Cuts the sink off after the stream threw (headers are already out). */
  readonly fail: (error: unknown) => void
  readonly report: Report
}

/**
 * Writes every chunk of `chunks` to `sink`, waiting for `'drain'` whenever a write says the buffer is full;
 * empty chunks are skipped (they send nothing, and node 20's HTTP/2 stream can send garbage for the other
 * chunks of a batch that holds one).
 * Stops iterating (calls the iterator's `return`) when the sink closes first; a throw inside the stream
 * goes to `ends.fail`. Never rejects.
 */
export const writeStream = async <S extends Sink>(sink: S, chunks: AsyncIterable<Chunk>, ends: StreamEnds<S>): Promise<void> => {
  let it: AsyncIterator<Chunk> | undefined
  let done = false
  try {
    it = chunks[Symbol.asyncIterator]()
    done = await pump(sink, it, ends.isClosed)
    if (done) ends.end(sink)
  } catch (e) {
    ends.fail(e)
  }
  if (!done && it !== undefined) await stopIterating(it, ends.report)
}

/** Lets go of a stream that will not be read (a HEAD request): its iterator is returned unstarted. */
export const discardStream = (chunks: AsyncIterable<Chunk>, report: Report): Promise<void> => {
  try {
    return stopIterating(chunks[Symbol.asyncIterator](), report)
  } catch (e) {
    report('a response stream failed to start', e)
    return Promise.resolve()
  }
}

/** True when the stream ended, false when the sink closed first. */
const pump = async <S extends Sink>(sink: S, it: AsyncIterator<Chunk>, isClosed: (sink: S) => boolean): Promise<boolean> => {
  for (;;) {
    const next = await it.next()
    if (next.done === true) return true
    if (isClosed(sink)) return false
    if (next.value.length === 0) continue // nothing to send; node 20's HTTP/2 writes can lose the bytes batched with an empty chunk
    if (!sink.write(next.value) && !(await drained(sink, isClosed))) return false
  }
}

/** Resolves true on `'drain'`, false when the sink closed instead. */
const drained = <S extends Sink>(sink: S, isClosed: (sink: S) => boolean): Promise<boolean> =>
  new Promise((resolve) => {
    if (isClosed(sink)) return resolve(false)
    const settle = (): void => {
      sink.off('drain', settle)
      sink.off('close', settle)
      resolve(!isClosed(sink))
    }
    sink.on('drain', settle)
    sink.on('close', settle)
  })

const stopIterating = async (it: AsyncIterator<Chunk>, report: Report): Promise<void> => {
  try {
    await it.return?.()
  } catch (e) {
    report('a response stream failed to stop', e)
  }
}
