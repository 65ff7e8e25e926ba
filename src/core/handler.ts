import type * as T from 'fp-ts/lib/Task.js'
import { answered, mapNow } from './answered.js'
import type { Request } from './request.js'
import { type Finalizer, type Response, isComplete, withFinalizer } from './response.js'

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
 * whose adopted inner promise costs three more microtask turns per request. As with `T.map`,
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
    return mapNow(p, f)
  }

/**
 * Runs `task` and calls `release` exactly once, when the request's work is done: at once (with
 * `'finished'`) when the task gives a complete response (`isComplete`: upstream gives seats and slots back
 * when the inner handler returns), else as a finalizer of the response (a stream, an upgrade or a
 * takeover works on until it ended). If the task throws or rejects (a defect), `release('aborted')` runs
 * at once and the defect goes on outward; a `release` that throws is a defect too.
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
 * inside their own Task (wait group, deadline, max-in-flight: three per request). A complete response
 * answered at once (`answered`) is released in the same turn and its promise returned as it is.
 * @example
 * const release: Finalizer = () => seat.release() // made once, with the filter
 * const seated: Handler = (req) => () => (seat.tryAcquire() ? runReleased(next, req, release) : tooMany())
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

/**
 * `settle`s the response `p` gives; in the same turn, and `p` itself returned, when `p` is `answered` with a
 * complete one. `release` goes to `mapNow` as its context, not in closures: one pair per request and filter.
 */
const releasing = (p: Promise<Response>, release: Finalizer): Promise<Response> => mapNow(p, settle, release, failed)

/** A defect: release with `'aborted'`, then pass the defect on. */
const failed = (e: unknown, release: Finalizer): never => {
  release('aborted')
  throw e
}

/** Releases now for a complete response (and returns it as it is), else adds the release as a finalizer. */
const settle = (res: Response, release: Finalizer): Response => {
  if (!isComplete(res)) return withFinalizer(res, once(release))
  release('finished')
  return res
}

/** `release` that runs on its first call only, so a finalizer list run twice by mistake still releases once. */
const once = (release: Finalizer): Finalizer => {
  let released = false
  return (outcome) => {
    if (released) return
    released = true
    release(outcome)
  }
}
