import type { CancelToken, Chunk, Ended } from '../core/index.js'
import type { Report } from './listener-options.js'

/** How a streamed body handed to a fetch server ends, and what can cut it. */
export interface PullEnds {
  /** Runs once, with how the body ended. */
  readonly finish: (outcome: Ended) => void
  /** The consumer cancelled the body: the client went away. */
  readonly left: (reason: unknown) => void
  /** Cuts the body when cancelled: the response's deadline. */
  readonly deadline: CancelToken | undefined
  /** Cuts the body when cancelled: the request's own token (its client went away). */
  readonly gone: CancelToken
  readonly report: Report
}

/**
 * A Web ReadableStream that pulls one chunk of `chunks` each time its consumer wants one (high-water
 * mark 0: nothing is read ahead, so a slow consumer slows the producer). Strings are encoded as UTF-8;
 * empty chunks are skipped. `finish('finished')` once the consumer read the last chunk; `'aborted'` when
 * the consumer cancels (then `left`), when the iterator throws (the stream errors), or when `deadline` or
 * `gone` is cancelled first (the stream errors). On any early end the iterator's `return` is called,
 * not awaited (a producer blocked on its next event returns when it wakes).
 */
export const pullStream = (chunks: AsyncIterable<Chunk>, ends: PullEnds): ReadableStream<Uint8Array> => {
  let it: AsyncIterator<Chunk> | undefined
  let over = false
  const stops: Array<() => void> = []
  const end = (outcome: Ended): void => {
    if (over) return
    over = true
    for (const stop of stops) stop()
    if (outcome !== 'finished' && it !== undefined) stopIterating(it, ends.report)
    ends.finish(outcome)
  }
  return new ReadableStream<Uint8Array>(
    {
      start: (controller) => {
        const cut = (reason: unknown): void => {
          if (over) return
          controller.error(reason)
          end('aborted')
        }
        if (ends.deadline !== undefined) stops.push(ends.deadline.onCancel(() => cut(new Error('the response deadline passed'))))
        stops.push(ends.gone.onCancel((reason) => cut(clientGone(reason))))
      },
      pull: async (controller) => {
        try {
          it ??= chunks[Symbol.asyncIterator]()
          for (;;) {
            const next = await it.next()
            if (over) return
            if (next.done === true) {
              controller.close()
              return end('finished')
            }
            if (next.value.length === 0) continue
            return controller.enqueue(typeof next.value === 'string' ? Buffer.from(next.value) : next.value)
          }
        } catch (e) {
          if (over) return
          ends.report('the response stream failed', e)
          controller.error(e)
          end('aborted')
        }
      },
      cancel: (reason) => {
        end('aborted')
        ends.left(reason ?? new Error('client disconnected'))
      },
    },
    { highWaterMark: 0 },
  )
}

/**
 * The error a body is cut with when its client went away: node's own for a peer that left
 * (`ERR_STREAM_PREMATURE_CLOSE`), which servers such as `@hono/node-server` take as a client abort, not a failure to log.
 */
const clientGone = (reason: unknown): Error =>
  Object.assign(new Error('client disconnected', { cause: reason }), { code: 'ERR_STREAM_PREMATURE_CLOSE' })

/** Lets a producer stop; its `return` may wait for the producer's next event, so it is not awaited. */
const stopIterating = (it: AsyncIterator<Chunk>, report: Report): void => {
  try {
    it.return?.()?.catch((e: unknown) => report('a response stream failed to stop', e))
  } catch (e) {
    report('a response stream failed to stop', e)
  }
}
