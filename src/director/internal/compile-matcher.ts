// Builds the per-request route lookup of a path mux once, when the mux value is first served.
import type { Handler } from '../../core/index.js'
import type { Matcher, Route } from '../path-mux.js'
import { hasPrefix } from './has-prefix.js'
import { lengthTable } from './length-table.js'

/** Up to this many prefix routes are tried one by one; above it the path's own prefixes are looked up. */
const LINEAR_MAX = 16

/**
 * Compiles routes into a matcher: one Map lookup on the whole path (exact routes, and prefix routes
 * whose string is the whole path), then the prefix routes in upstream's priority order.
 */
export const compileMatcher = (routes: Iterable<readonly [string, Route]>): Matcher => {
  const all = new Map<string, Handler>()
  const prefixes = new Map<string, Handler>()
  for (const [path, route] of routes) {
    all.set(path, route.handler)
    if (route.kind === 'prefix') prefixes.set(path, route.handler)
  }
  if (prefixes.size === 0) return (path) => all.get(path)
  const byPrefix = prefixes.size <= LINEAR_MAX ? linearScan(prefixes) : ownPrefixes(prefixes)
  return (path) => all.get(path) ?? byPrefix(path)
}

/** Upstream's `byPrefixPriority`, highest first: more `/` first, then longer, then lexically greater. */
export const byPrefixPriority = (a: string, b: string): number =>
  slashCount(b) - slashCount(a) || b.length - a.length || (a < b ? 1 : a > b ? -1 : 0)

const slashCount = (s: string): number => {
  let n = 0
  for (let i = s.indexOf('/'); i >= 0; i = s.indexOf('/', i + 1)) n++
  return n
}

/** Tries every prefix in priority order; the first one the path starts with wins. */
const linearScan = (prefixes: ReadonlyMap<string, Handler>): Matcher => {
  const keys = [...prefixes.keys()].sort(byPrefixPriority)
  const handlers = keys.map((k) => prefixes.get(k) as Handler)
  return (path) => {
    for (let i = 0; i < keys.length; i++) if (hasPrefix(path, keys[i] as string)) return handlers[i]
    return undefined
  }
}

/**
 * Looks up the path's own prefixes that end in `/` (only at lengths some prefix route has), longest
 * first. Every prefix route the path starts with is one of them, and among those the longest also has
 * the most slashes, so the first hit is the route upstream's priority order would pick.
 */
const ownPrefixes = (prefixes: ReadonlyMap<string, Handler>): Matcher => {
  const isLength = lengthTable([...prefixes.keys()])
  return (path) => {
    for (let i = path.lastIndexOf('/', isLength.length - 2); i >= 0; i = i === 0 ? -1 : path.lastIndexOf('/', i - 1)) {
      const handler = isLength[i + 1] === 1 ? prefixes.get(path.slice(0, i + 1)) : undefined
      if (handler !== undefined) return handler
    }
    return undefined
  }
}
