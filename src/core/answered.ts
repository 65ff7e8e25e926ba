import type * as T from 'fp-ts/lib/Task.js'

/** The mark an `answered` promise carries: the value it is fulfilled with. */
const answerKey: unique symbol = Symbol('kubechain.answered')

/** A promise that may carry the value it is already fulfilled with. */
type Marked<A> = Promise<A> & { [answerKey]?: A }

/**
 * A promise fulfilled with `value` that says so synchronously: `answerOf` reads the value back without
 * waiting. Filters that work on the inner response (`mapResponse`, `runReleased`, panic recovery, the
 * timeout, the warning recorder, `toNodeListener`) then do that work in the same turn instead of one
 * promise hop per filter. To everybody else it is an ordinary fulfilled promise.
 */
export const answered = <A>(value: A): Promise<A> => {
  const p: Marked<A> = Promise.resolve(value)
  p[answerKey] = value
  return p
}

/**
 * The value an `answered` promise is fulfilled with, or `undefined` for any other promise (pending,
 * rejected, or simply not marked); `undefined` only means "not known yet": wait for the promise.
 */
export const answerOf = <A>(p: Promise<A>): A | undefined => (p as Marked<A>)[answerKey]

/**
 * `T.of` whose promise is `answered`: a handler that has its response at once returns `answer(res)`, and
 * the filters around it finish the request in the same turn.
 * @example
 * const echoPath: Handler = (req) => answer(text(200, req.path))
 */
export const answer =
  <A>(value: A): T.Task<A> =>
  () =>
    answered(value)

/**
 * `p.then((a) => f(a, c), (e) => onRejected(e, c))` that maps an `answered` promise in the same turn: the
 * result is `answered`, or `p` itself when `f` returns its argument; an `f` that throws gives a rejected
 * promise, as `then` does. Any other promise takes `then`. `onRejected` only matters there: an `answered`
 * promise is fulfilled. `c` is handed to `f` and `onRejected`, so that a caller on the hot path needs no
 * closure per request: the two closures are made only for a promise that is not answered yet.
 * @example
 * const withNoCache = (p: Promise<Response>) => mapNow(p, setHeaderIfAbsent('cache-control', 'no-cache'))
 */
export const mapNow = <A, B, C = undefined>(
  p: Promise<A>,
  f: (a: A, c: C) => B,
  c?: C,
  onRejected?: (e: unknown, c: C) => never,
): Promise<B> => {
  const now = answerOf(p)
  if (now === undefined) return p.then((a) => f(a, c as C), onRejected === undefined ? undefined : (e) => onRejected(e, c as C))
  let out: B
  try {
    out = f(now, c as C)
  } catch (e) {
    return Promise.reject(e)
  }
  return (out as unknown) === now ? (p as unknown as Promise<B>) : answered(out)
}
