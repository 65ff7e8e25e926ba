import type * as T from 'fp-ts/lib/Task.js'
import { answerOf, answered } from './answered.js'
import type { Request } from './request.js'
import { type Finalizer, type Response, withFinalizer } from './response.js'

/** Answers a request. Total: the Task never rejects (a defect is caught by panic recovery and the adapter). */
export type Handler = (req: Request) => T.Task<Response>

/** Wraps a handler in behaviour. Pure: builds a handler, runs nothing. */
export type Filter = (next: Handler) => Handler

/** The filter that changes nothing. */
export const identity: Filter = (next) => next

/** A handler that always answers `res`, at once (its promise is `answered`). */
export const constant =
  (res: Response): Handler =>
  () =>
  () =>
    answered(res)

/**
 * `T.map` for a handler's Task, in one promise hop: fp-ts's `T.map` runs `Promise.resolve().then(fa).then(f)`,
 * whose adopted inner promise costs three more microtask turns per request (~0.3 µs here). As with `T.map`,
 * a `task` that throws gives a rejected promise (so does an `f` that throws); unlike it, `task` starts at
 * once, not one turn later, and an `answered` result is mapped in the same turn, giving an `answered` one
 * (the same promise when `f` returns its argument: a header that was already set).
 * @example
 * const withNoCache: Filter = (next) => flow(next, mapResponse(setHeaderIfAbsent('cache-control', 'no-cache')))
 */
export const mapResponse =
  <A, B>(f: (a: A) => B) =>
  (task: T.Task<A>): T.Task<B> =>
  () => {
    let p: Promise<A>
    try {
      p = task()
    } catch (e) {
      return Promise.reject(e)
    }
    const now = answerOf(p)
    if (now === undefined) return p.then(f)
    let out: B
    try {
      out = f(now)
    } catch (e) {
      return Promise.reject(e)
    }
    return (out as unknown) === now ? (p as unknown as Promise<B>) : answered(out)
  }

/**
 * Runs `task` and makes `release` a finalizer of the response it gives, so a seat, slot or timer taken
 * before calling the inner handler is given back when the response really ended. If the task throws or
 * rejects (a defect), `release('aborted')` runs at once and the defect goes on outward.
 */
export const ensureReleased =
  (task: T.Task<Response>, release: Finalizer): T.Task<Response> =>
  () => {
    let p: Promise<Response>
    try {
      p = task()
    } catch (e) {
      release('aborted')
      return Promise.reject(e)
    }
    return releasing(p, release)
  }

/**
 * `ensureReleased(() => next(req)(), release)()` without its two thunks, for filters that take a seat
 * inside their own Task (wait group, deadline, max-in-flight: three per request).
 * @example
 * const seated: Handler = (req) => () => (seat.tryAcquire() ? runReleased(next, req, releaseOnce(seat.release)) : tooMany())
 */
export const runReleased = (next: Handler, req: Request, release: Finalizer): Promise<Response> => {
  let p: Promise<Response>
  try {
    p = next(req)()
  } catch (e) {
    release('aborted')
    return Promise.reject(e)
  }
  return releasing(p, release)
}

/** Adds `release` to the response `p` gives, in the same turn when `p` is `answered`. */
const releasing = (p: Promise<Response>, release: Finalizer): Promise<Response> => {
  const now = answerOf(p)
  if (now !== undefined) return answered(withFinalizer(now, release))
  return p.then(
    (res) => withFinalizer(res, release),
    (e: unknown) => {
      release('aborted')
      throw e
    },
  )
}
