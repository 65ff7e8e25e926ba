import type { Answer, Handler } from './handler.js'
import { isPending } from './handler.js'
import type { Request } from './request.js'
import { type Ended, type Response, isComplete, withFinalizer } from './response.js'

/**
 * The request-exit protocol: the one place that runs an inner handler and learns how it finished. Filters
 * that act after their inner handler use it and write no `then` or try/catch of their own.
 *
 * Two moments, one outcome type each:
 * - **done** (`whenDone`, `Done`): the request's work is over. `'answered'` when a complete response
 *   (`isComplete`) was answered, `'defect'` when the handler threw or rejected, else (a stream, a large
 *   body, an upgrade, a takeover works on) how that response ended. Seats, wait-group slots, deadlines and
 *   watch slots are released here, as upstream releases them when the inner handler returns.
 * - **ended** (`whenEnded`, `Ended`): the response ended on the wire (written, aborted, discarded), or the
 *   handler failed with a defect and there is no response. HTTP logging reports here.
 * Panic recovery catches defects with `exit`'s `defect`.
 */
export type Done = 'answered' | 'defect' | Ended

/** What a filter does with its inner handler's result: `c` is handed back, so the hot path needs no closure. */
export interface Exit<C> {
  /** The inner handler answered `res` (at once or later); gives the response to pass outward. */
  readonly answered: (res: Response, c: C) => Response
  /** The inner handler threw or rejected: gives the answer outward, or throws to pass the defect on. */
  readonly defect: (error: unknown, c: C) => Answer
}

/**
 * Runs `next(req)` and hands its result to `on`: in the same turn for a response given at once, with one
 * `then` for a promise. A throw of `on.answered` is a defect like any other and goes outward.
 */
export const exit = <C>(next: Handler, req: Request, on: Exit<C>, c: C): Answer => run(next, req, on.answered, on.defect, c)

/** `exit` with its two cases as arguments: the one try/catch and the one `then` around an inner handler. */
const run = <C>(next: Handler, req: Request, answered: Exit<C>['answered'], defect: Exit<C>['defect'], c: C): Answer => {
  let answer: Answer
  try {
    answer = next(req)
  } catch (e) {
    return defect(e, c)
  }
  if (isPending(answer))
    return answer.then(
      (res) => answered(res, c),
      (e: unknown) => defect(e, c),
    )
  return answered(answer, c)
}

/**
 * Watches an answer without changing it: `onResponse` or `onDefect` runs once it settled (in the same turn
 * for a response given at once). For a filter that races its inner answer against something else.
 */
export const settle = (answer: Answer, onResponse: (res: Response) => void, onDefect: (error: unknown) => void): void => {
  if (isPending(answer)) void answer.then(onResponse, onDefect)
  else onResponse(answer)
}

/** `exit` that maps the response with `f` (a header, say); defects go on outward as they are. */
export const mapAnswer = <C>(next: Handler, req: Request, f: (res: Response, c: C) => Response, c: C): Answer =>
  run(next, req, f, rethrow, c)

/** A filter that maps every response of its inner handler with `f`. */
export const mapResponse =
  (f: (res: Response) => Response) =>
  (next: Handler): Handler =>
  (req) =>
    mapAnswer(next, req, apply, f)

const apply = (res: Response, f: (res: Response) => Response): Response => f(res)

const rethrow = (error: unknown): never => {
  throw error
}

/**
 * Runs `next(req)` and calls `onDone` exactly once, when the request's work is done (see `Done`). A defect
 * goes on outward after `onDone('defect')`; an `onDone` that throws is a defect too.
 * @example
 * let inFlight = 0
 * const release = (): void => void inFlight-- // made once, with the filter
 * const counted: Filter = (next) => (req) => (inFlight++, whenDone(next, req, release))
 */
export const whenDone = (next: Handler, req: Request, onDone: (done: Done) => void): Answer => exit(next, req, doneExit, onDone)

/** A response with `onDone` run now for a complete one, else when it ended (at most once). */
export const doneWith = (res: Response, onDone: (done: Done) => void): Response => {
  if (!isComplete(res)) return withFinalizer(res, once(onDone))
  onDone('answered')
  return res
}

const doneExit: Exit<(done: Done) => void> = {
  answered: doneWith,
  defect: (error, onDone) => {
    onDone('defect')
    throw error
  },
}

/**
 * Runs `next(req)` and calls `onEnded` once the response ended on the wire, with the response and how it
 * ended, or at once with `undefined` and `'defect'` when the handler failed (the defect goes on outward).
 */
export const whenEnded = (next: Handler, req: Request, onEnded: (res: Response | undefined, ended: Ended | 'defect') => void): Answer =>
  exit(next, req, endedExit, onEnded)

type OnEnded = (res: Response | undefined, ended: Ended | 'defect') => void

const endedExit: Exit<OnEnded> = {
  answered: (res, onEnded) => withFinalizer(res, (ended) => onEnded(res, ended)),
  defect: (error, onEnded) => {
    onEnded(undefined, 'defect')
    throw error
  },
}

/** `f` that runs on its first call only, so a finalizer list run twice by mistake still releases once. */
const once = (f: (done: Done) => void): ((done: Done) => void) => {
  let called = false
  return (done) => {
    if (called) return
    called = true
    f(done)
  }
}
