import * as E from 'fp-ts/lib/Either.js'
import type { Handler } from '../core/index.js'
import { compileMatcher } from './internal/compile-matcher.js'
import { type RouteLog, append, emptyLog, entries, lookup, remove } from './internal/route-log.js'
import type { MuxError } from './mux-error.js'
import { notFoundHandler } from './not-found.js'

/** A registered route: exact or prefix, listed at `/` or not. */
export interface Route {
  readonly kind: 'exact' | 'prefix'
  readonly handler: Handler
  readonly listed: boolean
}

/** Finds the handler a path is routed to, or `undefined` when no route matches. */
export type Matcher = (path: string) => Handler | undefined

/**
 * Upstream's `PathRecorderMux` as an immutable value: exact and prefix routes, listed or not, and a
 * not-found fallback. Every edit returns a new mux and leaves the old one as it was.
 */
export interface PathMux {
  readonly _tag: 'PathMux'
  /** Answers requests that no route matches. */
  readonly notFound: Handler
  /** Routes by path string, in registration order; exact and prefix routes share one namespace. */
  readonly routes: ReadonlyMap<string, Route>
  /** The route lookup, compiled on first read and kept (muxes are compiled when they are installed). */
  readonly matcher: Matcher
  /** The registrations behind `routes`; internal to the director. */
  readonly log: RouteLog
}

/** An edit of a mux that may be refused, data-last for `pipe` and `E.chain`. */
export type MuxEdit = (mux: PathMux) => E.Either<MuxError, PathMux>

const make = (log: RouteLog, notFound: Handler, compiled?: Matcher): PathMux => {
  let matcher = compiled
  let routes: ReadonlyMap<string, Route> | undefined
  return {
    _tag: 'PathMux',
    notFound,
    log,
    get routes() {
      return (routes ??= new Map(entries(log)))
    },
    get matcher() {
      return (matcher ??= compileMatcher(entries(log)))
    },
  }
}

/**
 * A mux without routes whose fallback is Go's plain 404 (upstream `NewPathRecorderMux`).
 * @example
 * import * as E from 'fp-ts/lib/Either.js'
 * import { pipe } from 'fp-ts/lib/function.js'
 * import { constant, text } from 'kubechain/core'
 * import { handle, handlePrefix, newPathMux } from 'kubechain/director'
 *
 * const mux = pipe(
 *   newPathMux(),
 *   handle('/version', constant(text(200, 'v1.0.0'))),
 *   E.chain(handlePrefix('/logs/', constant(text(200, 'logs')))),
 * )
 */
export const newPathMux = (): PathMux => make(emptyLog(), notFoundHandler)

const register =
  (kind: Route['kind'], listed: boolean) =>
  (path: string, handler: Handler): MuxEdit =>
  (mux) => {
    if (kind === 'prefix' && !path.endsWith('/')) return E.left({ _tag: 'MissingTrailingSlash', path })
    if (lookup(mux.log, path) !== undefined) return E.left({ _tag: 'DuplicatePath', path })
    return E.right(make(append(mux.log, path, { kind, handler, listed }), mux.notFound))
  }

/** Routes exactly `path` to `handler` and lists it; a path already registered is a `DuplicatePath`. */
export const handle: (path: string, handler: Handler) => MuxEdit = register('exact', true)

/** Routes exactly `path` to `handler` without listing it. */
export const unlistedHandle: (path: string, handler: Handler) => MuxEdit = register('exact', false)

/** Routes every path starting with `path` (which must end in `/`) to `handler` and lists it. */
export const handlePrefix: (path: string, handler: Handler) => MuxEdit = register('prefix', true)

/** Routes every path starting with `path` (which must end in `/`) to `handler` without listing it. */
export const unlistedHandlePrefix: (path: string, handler: Handler) => MuxEdit = register('prefix', false)

/** Removes the route registered as `path` (exact or prefix); an unknown path leaves the mux as it was. */
export const unregister =
  (path: string) =>
  (mux: PathMux): PathMux =>
    lookup(mux.log, path) === undefined ? mux : make(remove(mux.log, path), mux.notFound)

/** Replaces the fallback for paths no route matches (upstream `NotFoundHandler`). */
export const withNotFound =
  (handler: Handler) =>
  (mux: PathMux): PathMux =>
    make(mux.log, handler, mux.matcher)

/** The listed paths, sorted (upstream `ListedPaths`). */
export const listedPaths = (mux: PathMux): ReadonlyArray<string> =>
  entries(mux.log)
    .filter(([, route]) => route.listed)
    .map(([path]) => path)
    .sort()
