import type { Finalizer } from '../core/response.js'

/**
 * A finalizer that calls `release` the first time it runs and ignores later runs, so a seat or a
 * wait-group slot is given back exactly once whatever the adapter and outer filters do.
 * @example
 * ensureReleased(() => next(req)(), releaseOnce(() => wg.done()))
 */
export const releaseOnce = (release: () => void): Finalizer => {
  let released = false
  return () => {
    if (released) return
    released = true
    release()
  }
}
