// Spec support for the node adapters: handlers that answer a fixed response, finalizers that record.
import { type Handler, type LogEntry, type Ended, type Response, addFinalizer } from '../../src/core/index.js'
import { deferred } from './http-client.js'

/**
 * A handler that answers `res` to every request through a promise, so the adapter takes its path for
 * answers that come later; `constant(res)` takes the same-turn path.
 */
export const answerLater =
  (res: Response): Handler =>
  () =>
    Promise.resolve(res)

/** `res` with a finalizer that records each outcome; `ended` resolves on the first. */
export interface Finalized {
  readonly res: Response
  readonly outcomes: Ended[]
  readonly ended: Promise<void>
}

/** Adds a recording finalizer to `res`. */
export const finalized = (res: Response): Finalized => {
  const outcomes: Ended[] = []
  const done = deferred()
  const withFinalizer = addFinalizer((o) => {
    outcomes.push(o)
    done.resolve()
  })(res)
  return { res: withFinalizer, outcomes, ended: done.promise }
}

/** A log entry as one line: `level msg: METHOD URI` (the adapters log upstream's `method` and `URI` fields). */
export const logLine = (e: LogEntry): string => `${e.level} ${e.msg}: ${String(e.fields?.['method'])} ${String(e.fields?.['URI'])}`
