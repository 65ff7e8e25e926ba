import type { Handler } from '../core/index.js'
import type { MuxRef } from './mux-ref.js'
import type { PathMux } from './path-mux.js'

/** A mux, fixed or held in a cell that a running server swaps. */
export type MuxSource = PathMux | MuxRef

/**
 * Serves a mux: exact routes first, then prefix routes by priority, then the not-found handler
 * (`notFound` when given, else the mux's own). A fixed mux is compiled here, once; a cell is read on
 * every request.
 * @example
 * import { constant, text } from 'kubechain/core'
 * import { newPathMux, toHandler } from 'kubechain/director'
 *
 * const fallThrough = toHandler(newPathMux(), constant(text(503, 'not ready')))
 */
export const toHandler = (source: MuxSource, notFound?: Handler): Handler =>
  source._tag === 'PathMux' ? fixed(source, notFound ?? source.notFound) : current(source, notFound)

const fixed = (mux: PathMux, notFound: Handler): Handler => {
  const match = mux.matcher
  return (req) => (match(req.path) ?? notFound)(req)
}

const current = (ref: MuxRef, notFound: Handler | undefined): Handler => {
  if (notFound !== undefined) {
    return (req) => (ref.get().matcher(req.path) ?? notFound)(req)
  }
  return (req) => {
    const mux = ref.get()
    return (mux.matcher(req.path) ?? mux.notFound)(req)
  }
}
