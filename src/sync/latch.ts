import type * as IO from 'fp-ts/lib/IO.js'

/** A named one-shot latch (upstream lifecycle signal): fires once, observable as a promise or a flag. */
export interface Latch {
  readonly name: string
  /** Fires the latch; later calls do nothing. */
  readonly fire: IO.IO<void>
  /** Resolves when the latch fires. */
  readonly fired: Promise<void>
  /** True once fired. */
  readonly isFired: IO.IO<boolean>
}

/**
 * Makes a latch.
 * @example
 * const notAcceptingNewRequest = newLatch('NotAcceptingNewRequest')
 * notAcceptingNewRequest.fire()
 */
export const newLatch = (name: string): Latch => {
  let done = false
  let resolve: () => void = () => undefined
  const fired = new Promise<void>((r) => (resolve = r))
  return {
    name,
    fire: () => {
      if (done) return
      done = true
      resolve()
    },
    fired,
    isFired: () => done,
  }
}
