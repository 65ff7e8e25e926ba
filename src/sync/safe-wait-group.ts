import * as E from 'fp-ts/lib/Either.js'

/**
 * What the wait-group and watch-termination filters need from a wait group (upstream's
 * `RequestWaitGroup`): `add` counts one more request or fails once the group's `wait` has started;
 * `done` gives the count back.
 */
export interface RequestWaitGroup {
  /** Counts one more request; `left` with upstream's message once `wait` has started. */
  readonly add: () => E.Either<string, void>
  /** Counts one request less. */
  readonly done: () => void
}

/** Upstream `SafeWaitGroup`: a request counter whose `wait` also closes it to new requests. */
export interface SafeWaitGroup extends RequestWaitGroup {
  /** Closes the group to `add` and resolves when the count is zero. */
  readonly wait: () => Promise<void>
  /** Requests counted and not yet done. */
  readonly count: () => number
}

/** What `add` answers once `wait` has started (upstream's error text). */
export const addAfterWaitForbidden = 'add with positive delta after Wait is forbidden'

/** `add`'s answers, made once: adding allocates nothing. */
export const added: E.Either<string, void> = E.right(undefined)
/** `add`'s refusal once `wait` has started, made once. */
export const addRefused: E.Either<string, void> = E.left(addAfterWaitForbidden)

/**
 * Makes a SafeWaitGroup. `done` without a matching `add` throws (upstream panics on a negative counter).
 * @example
 * const wg = newSafeWaitGroup()
 * if (E.isRight(wg.add())) wg.done()
 * await wg.wait()
 */
export const newSafeWaitGroup = (): SafeWaitGroup => {
  let count = 0
  let waiting = false
  let drained: Array<() => void> = []
  const done = (): void => {
    if (count === 0) throw new Error('negative wait group counter')
    count -= 1
    if (count > 0 || drained.length === 0) return
    const resolve = drained
    drained = []
    for (const r of resolve) r()
  }
  const wait = (): Promise<void> => {
    waiting = true
    return count === 0 ? Promise.resolve() : new Promise((resolve) => void drained.push(resolve))
  }
  return {
    add: () => {
      if (waiting) return addRefused
      count += 1
      return added
    },
    done,
    wait,
    count: () => count,
  }
}
