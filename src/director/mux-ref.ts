import * as E from 'fp-ts/lib/Either.js'
import type * as IO from 'fp-ts/lib/IO.js'
import type { MuxError } from './mux-error.js'
import type { PathMux } from './path-mux.js'

/**
 * A cell holding the current mux of a running server. Handlers built over it read the current value
 * on every request; `set` and `modify` swap it in one step, so a request sees the old mux or the new
 * one, never a mix. The new mux is compiled before it is installed, never on a request.
 */
export interface MuxRef {
  readonly _tag: 'MuxRef'
  /** The mux installed now. */
  readonly get: IO.IO<PathMux>
  /** Installs `mux`, replacing everything, not-found handler included. */
  readonly set: (mux: PathMux) => void
  /** Installs the result of editing the current mux; a refused edit leaves the current mux installed. */
  readonly modify: (edit: (mux: PathMux) => E.Either<MuxError, PathMux>) => E.Either<MuxError, PathMux>
}

/**
 * Makes a cell holding `initial`.
 * @example
 * import { constant, text } from 'kubechain/core'
 * import { handle, newMuxRef, newPathMux, toHandler } from 'kubechain/director'
 *
 * const ref = newMuxRef(newPathMux())
 * const handler = toHandler(ref)
 * ref.modify(handle('/healthz', constant(text(200, 'ok'))))
 */
export const newMuxRef = (initial: PathMux): MuxRef => {
  let current = install(initial)
  const set = (mux: PathMux): void => {
    current = install(mux)
  }
  return {
    _tag: 'MuxRef',
    get: () => current,
    set,
    modify: (edit) => {
      const next = edit(current)
      if (E.isRight(next)) set(next.right)
      return next
    },
  }
}

const install = (mux: PathMux): PathMux => {
  void mux.matcher
  return mux
}
