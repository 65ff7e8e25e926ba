/** A one-consumer queue of chunks read as an async iterable; `close` ends it after what is queued. */
export interface EventQueue {
  readonly push: (chunk: string) => void
  /** Ends the stream (idempotent); runs the `onClose` callback once. */
  readonly close: () => void
  readonly chunks: AsyncIterable<string>
}

/**
 * Makes a queue; `onClose` runs once when the queue is closed by its producer or when the consumer
 * stops iterating early (a `return()` from `for await ... break` or from the adapter).
 * @example
 * const q = newEventQueue(() => unsubscribe())
 * q.push('{"type":"ADDED",...}\n'); q.close()
 */
export const newEventQueue = (onClose: () => void): EventQueue => {
  const buffered: string[] = []
  let waiting: ((r: IteratorResult<string>) => void) | undefined
  let closed = false
  const close = (): void => {
    if (closed) return
    closed = true
    onClose()
    if (waiting !== undefined && buffered.length === 0) {
      const w = waiting
      waiting = undefined
      w({ done: true, value: undefined })
    }
  }
  const push = (chunk: string): void => {
    if (closed) return
    if (waiting === undefined) return void buffered.push(chunk)
    const w = waiting
    waiting = undefined
    w({ done: false, value: chunk })
  }
  const next = (): Promise<IteratorResult<string>> => {
    if (buffered.length > 0) return Promise.resolve({ done: false, value: buffered.shift() as string })
    if (closed) return Promise.resolve({ done: true, value: undefined })
    return new Promise((resolve) => (waiting = resolve))
  }
  const iterator: AsyncIterator<string> = {
    next,
    return: () => {
      buffered.length = 0
      close()
      return Promise.resolve({ done: true, value: undefined })
    },
  }
  return { push, close, chunks: { [Symbol.asyncIterator]: () => iterator } }
}
