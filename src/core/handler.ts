import type * as T from 'fp-ts/lib/Task.js'
import type { Request } from './request.js'
import type { Response } from './response.js'

/**
 * What a handler gives: the response itself when it has it, or a promise of it when it must wait. A filter
 * handles the first in the same turn and the second with one `then`, through the request-exit protocol
 * (`exit.ts`).
 */
export type Answer = Response | Promise<Response>

/**
 * Answers a request. Never throws or rejects on purpose: a defect is caught by panic recovery and the
 * adapter. `(req) => text(200, 'hi')` and `async (req) => ...` are both handlers.
 */
export type Handler = (req: Request) => Answer

/** Wraps a handler in behaviour. Pure: builds a handler, runs nothing. */
export type Filter = (next: Handler) => Handler

/** The filter that changes nothing. */
export const identity: Filter = (next) => next

/** A handler that always answers `res`, at once. */
export const constant =
  (res: Response): Handler =>
  () =>
    res

/** True for an answer that is still to come (a promise), false for a response given at once. */
export const isPending = (answer: Answer): answer is Promise<Response> => typeof (answer as Partial<Promise<Response>>).then === 'function'

/**
 * Adapts an fp-ts handler, one that gives a `Task`, to a `Handler`: applying it runs the Task.
 * @example
 * const hello: Handler = fromTask((req) => T.of(text(200, `hello ${req.path}`)))
 */
export const fromTask =
  (handler: (req: Request) => T.Task<Response>): Handler =>
  (req) =>
    handler(req)()
