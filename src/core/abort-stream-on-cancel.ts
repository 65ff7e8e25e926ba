import { abortHandler } from './abort-handler.js'
import type { CancelToken } from './cancel-token.js'
import type { Chunk } from './response.js'

/**
 * Wraps a streamed body so that, once `token` is cancelled, the pending or next read fails with
 * `abortHandler` (the adapter then cuts the connection or resets the stream) and the inner iterator is
 * closed so its `finally` blocks run. Reads before the cancellation pass through.
 * @example
 * async function* events(): AsyncIterable<Chunk> {
 *   yield '{"type":"ADDED",...}\n'
 * }
 * stream(200, abortStreamOnCancel(events(), req.cancel))
 */
export const abortStreamOnCancel = (chunks: AsyncIterable<Chunk>, token: CancelToken): AsyncIterable<Chunk> => ({
  [Symbol.asyncIterator]: (): AsyncIterator<Chunk> => {
    const it = chunks[Symbol.asyncIterator]()
    return {
      next: () => (token.cancelled ? abort(it) : nextOrAbort(it, token)),
      return: (value?: unknown) => (it.return === undefined ? Promise.resolve({ done: true, value: undefined }) : it.return(value)),
    }
  },
})

const nextOrAbort = (it: AsyncIterator<Chunk>, token: CancelToken): Promise<IteratorResult<Chunk>> =>
  new Promise((resolve, reject) => {
    const unsubscribe = token.onCancel(() => {
      closeQuietly(it)
      reject(abortHandler)
    })
    it.next().then(
      (r) => {
        unsubscribe()
        resolve(r)
      },
      (e: unknown) => {
        unsubscribe()
        reject(e)
      },
    )
  })

const abort = (it: AsyncIterator<Chunk>): Promise<never> => {
  closeQuietly(it)
  return Promise.reject(abortHandler)
}

/** Lets the inner stream clean up (its `finally` blocks run); whatever its `return` does is ignored. */
const closeQuietly = (it: AsyncIterator<Chunk>): void => {
  void Promise.resolve()
    .then(() => it.return?.())
    .catch(() => undefined)
}
