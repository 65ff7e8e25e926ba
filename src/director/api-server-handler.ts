import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import * as t from 'io-ts'
import { type Filter, type Handler, identity } from '../core/index.js'
import { type DelegationTarget, emptyDelegate } from './delegation-target.js'
import { type WebService, director } from './director.js'
import { chainIndexLister, delegateMiss } from './chain-paths.js'
import { indexLister, unionPaths } from './index-lister.js'
import type { MuxError } from './mux-error.js'
import { type MuxRef, newMuxRef } from './mux-ref.js'
import { type PathMux, listedPaths, newPathMux, unlistedHandle, withNotFound } from './path-mux.js'

/** The decodable part of a server's handler options. */
export const ApiServerHandlerConfig = t.readonly(t.type({ enableIndex: t.boolean }))
export type ApiServerHandlerConfig = t.TypeOf<typeof ApiServerHandlerConfig>

/** Upstream's defaults: the index is on. */
export const apiServerHandlerDefaults: ApiServerHandlerConfig = { enableIndex: true }

/** What `newApiServerHandler` builds a server's handlers from. */
export interface ApiServerHandlerOptions extends Partial<ApiServerHandlerConfig> {
  /** The server's name, for logs and traces. */
  readonly name: string
  /** Web services in registration order. */
  readonly services?: ReadonlyArray<WebService>
  /** The initial non-go-restful mux; `/` and `/index.html` are added to it when the index is on. */
  readonly mux?: PathMux
  /** The next server; its director answers what this server does not. Defaults to `emptyDelegate`. */
  readonly delegate?: DelegationTarget
  /** Wraps the director in the server's filter chain (e.g. `build(secureChain(ctx, cfg, parts))`). */
  readonly buildHandlerChain?: Filter
}

/** A server's handlers (upstream `APIServerHandler`); also the delegation target for the server in front. */
export interface ApiServerHandler extends DelegationTarget {
  readonly name: string
  /** Routes between services, the mux and the delegate; no filters. */
  readonly director: Handler
  /** The director again, under upstream's `DelegationTarget` name. */
  readonly unprotectedHandler: Handler
  /** The filter chain around the director: what the server serves. */
  readonly fullHandlerChain: Handler
  /** The non-go-restful mux; add routes at run time with `mux.modify(handle(...))`. */
  readonly mux: MuxRef
  readonly services: ReadonlyArray<WebService>
}

/**
 * Builds a server's handlers over a delegate (upstream `NewAPIServerHandler` plus the routing part of
 * `New`). Not-found goes to the delegate's director; at the end of a chain with the index on, to a
 * 404 index listing of every path in the whole chain, else Go's plain 404. With the index on, `/` and `/index.html` answer 200 with the
 * listed paths of this server and its delegates. A path already in `mux` is refused.
 * @example
 * import { constant, text } from 'kubechain/core'
 * import { newApiServerHandler } from 'kubechain/director'
 *
 * const ext = newApiServerHandler({ name: 'extensions', services: [{ root: '/apis/example.io/v1', handler: constant(text(200, 'ok')) }] })
 */
export const newApiServerHandler = (opts: ApiServerHandlerOptions): E.Either<MuxError, ApiServerHandler> => {
  const enableIndex = opts.enableIndex ?? apiServerHandlerDefaults.enableIndex
  const services = opts.services ?? []
  const delegate = opts.delegate ?? emptyDelegate
  const ref = newMuxRef(newPathMux())
  const listed = (): ReadonlyArray<string> =>
    unionPaths(
      services.map((s) => s.root),
      listedPaths(ref.get()),
      delegate.listedPaths(),
    )
  return pipe(
    opts.mux ?? newPathMux(),
    enableIndex ? installIndex(indexLister(200, listed)) : E.right,
    E.map(fallThrough(delegate, listed, enableIndex ? chainIndexLister(listed) : undefined)),
    E.map((mux) => {
      ref.set(mux)
      return assemble(opts, services, ref, listed)
    }),
  )
}

const assemble = (
  opts: ApiServerHandlerOptions,
  services: ReadonlyArray<WebService>,
  mux: MuxRef,
  listedPaths: () => ReadonlyArray<string>,
): ApiServerHandler => {
  const d = director({ services, mux })
  const fullHandlerChain = (opts.buildHandlerChain ?? identity)(d)
  return { name: opts.name, director: d, unprotectedHandler: d, fullHandlerChain, mux, services, listedPaths }
}

const installIndex =
  (index: Handler) =>
  (mux: PathMux): E.Either<MuxError, PathMux> =>
    pipe(mux, unlistedHandle('/', index), E.chain(unlistedHandle('/index.html', index)))

/**
 * The delegate's director (told this server's listed paths, so the end of the chain can list them);
 * at the end of the chain, the 404 index of the whole chain if on, else the mux's own not-found.
 */
const fallThrough =
  (delegate: DelegationTarget, listed: () => ReadonlyArray<string>, notFoundIndex: Handler | undefined) =>
  (mux: PathMux): PathMux => {
    const next = delegate.unprotectedHandler
    const last = next === undefined ? notFoundIndex : delegateMiss(listed, next)
    return last === undefined ? mux : withNotFound(last)(mux)
  }
