// Spec support: steps that record when they run, for exact ordering traces.
import { type Filter, type Handler, type Step, mapAnswer, step, text } from '../../src/core/index.js'

/** A filter that logs `in:<name>` before and `out:<name>` after the inner handler. */
export const tracing =
  (name: string, log: string[]): Filter =>
  (next) =>
  (req) => {
    log.push(`in:${name}`)
    return mapAnswer(next, req, (res) => (log.push(`out:${name}`), res), undefined)
  }

/** A tracing step. */
export const tracingStep = (name: string, log: string[]): Step => step(name, tracing(name, log))

/** An inner handler that logs `handler` and answers 200 `inner`. */
export const tracingHandler =
  (log: string[]): Handler =>
  () => {
    log.push('handler')
    return Promise.resolve(text(200, 'inner'))
  }
