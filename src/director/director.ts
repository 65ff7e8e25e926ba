import type { Handler } from '../core/index.js'
import { claimByRoot } from './internal/claim-by-root.js'
import { type MuxSource, toHandler } from './mux-handler.js'

/**
 * A registered API web service (the stand-in for a go-restful `WebService`): it claims every request
 * under its root path and answers it completely (404/405 for paths and methods it does not know).
 */
export interface WebService {
  readonly root: string
  readonly handler: Handler
}

/** What a director routes between. */
export interface DirectorOptions {
  /** Web services in registration order; the first that claims a path gets it. */
  readonly services?: ReadonlyArray<WebService>
  /** The non-go-restful mux, fixed or in a cell that a running server swaps. */
  readonly mux: MuxSource
  /** Answers what nothing else matched instead of the mux's own not-found handler: the next server's director. */
  readonly delegate?: Handler
}

/**
 * Upstream's director: the first web service whose root claims the path (segment boundary, so
 * `/apis/apps/v1x` is not under `/apis/apps/v1`; a root of exactly `/apis` claims only `/apis` and
 * `/apis/`), else the mux (exact routes, then prefixes by priority), else the delegate or the mux's
 * not-found handler. Routing tables are built here, once; a request costs a few map lookups.
 * @example
 * import { constant, text } from 'kubechain/core'
 * import { director, newPathMux } from 'kubechain/director'
 *
 * const apps = constant(text(200, 'apps/v1'))
 * const handler = director({ services: [{ root: '/apis/apps/v1', handler: apps }], mux: newPathMux() })
 */
export const director = (opts: DirectorOptions): Handler => {
  const claim = claimByRoot(opts.services ?? [])
  const rest = toHandler(opts.mux, opts.delegate)
  return (req) => {
    const service = claim(req.path)
    return service === undefined ? rest(req) : service(req)
  }
}
