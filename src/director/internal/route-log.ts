// The routes of a path mux as a persistent log, so that registering one more route is O(1).
//
// Each log is immutable: a linked list of registrations, newest first. A lookup index (path -> route)
// is shared along a lineage and owned by its newest log; appending to the owner moves the index to
// the new log instead of copying it. A log that no longer owns the index (an older value edited again)
// rebuilds its own from its list, so every value keeps exactly its own routes.
import type { Route } from '../path-mux.js'

interface Cell {
  readonly path: string
  readonly route: Route
  readonly prev: Cell | undefined
}

interface Shared {
  readonly index: Map<string, Route>
  owner: RouteLog | undefined
}

/** The registrations of one mux value. */
export interface RouteLog {
  readonly head: Cell | undefined
  shared: Shared
}

const owned = (head: Cell | undefined, index: Map<string, Route>): RouteLog => {
  const log: RouteLog = { head, shared: { index, owner: undefined } }
  log.shared.owner = log
  return log
}

/** A log without routes. */
export const emptyLog = (): RouteLog => owned(undefined, new Map())

/** The routes in registration order. */
export const entries = (log: RouteLog): Array<readonly [string, Route]> => {
  const out: Array<readonly [string, Route]> = []
  for (let c = log.head; c !== undefined; c = c.prev) out.push([c.path, c.route])
  return out.reverse()
}

const indexOf = (log: RouteLog): Map<string, Route> => {
  if (log.shared.owner !== log) log.shared = { index: new Map(entries(log)), owner: log }
  return log.shared.index
}

/** The route registered as `path`, if any. */
export const lookup = (log: RouteLog, path: string): Route | undefined => indexOf(log).get(path)

/** A log with one more route; the caller has checked that `path` is new. */
export const append = (log: RouteLog, path: string, route: Route): RouteLog => {
  const index = indexOf(log)
  index.set(path, route)
  const next: RouteLog = { head: { path, route, prev: log.head }, shared: log.shared }
  log.shared.owner = next
  return next
}

/** A log without the route registered as `path` (copies the log). */
export const remove = (log: RouteLog, path: string): RouteLog => {
  const kept = entries(log).filter(([p]) => p !== path)
  let head: Cell | undefined
  for (const [p, route] of kept) head = { path: p, route, prev: head }
  return owned(head, new Map(kept))
}
