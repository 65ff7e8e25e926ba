import type * as T from 'fp-ts/lib/Task.js'
import type { Request } from './request.js'
import { type Finalizer, type Response, addFinalizer } from './response.js'

/** Answers a request. Total: the Task never rejects (a defect is caught by panic recovery and the adapter). */
export type Handler = (req: Request) => T.Task<Response>

/** Wraps a handler in behaviour. Pure: builds a handler, runs nothing. */
export type Filter = (next: Handler) => Handler

/** The filter that changes nothing. */
export const identity: Filter = (next) => next

/** A handler that always answers `res`. */
export const constant =
  (res: Response): Handler =>
  () =>
  () =>
    Promise.resolve(res)

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
    return p.then(addFinalizer(release), (e: unknown) => {
      release('aborted')
      throw e
    })
  }
