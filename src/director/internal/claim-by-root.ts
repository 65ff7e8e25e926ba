// Which registered web service claims a path: precomputed once, cheap per request.
import type { Handler } from '../../core/index.js'
import type { WebService } from '../director.js'
import { hasPrefix } from './has-prefix.js'
import { lengthTable } from './length-table.js'

/** Returns the handler of the first service (in registration order) that claims the path. */
export type Claim = (path: string) => Handler | undefined

interface Claimant {
  readonly root: string
  readonly below: string
  readonly discovery: boolean
  readonly handler: Handler
  readonly order: number
}

/** Up to this many services are tested one by one; above it the path's own prefixes are looked up. */
const LINEAR_MAX = 16

/** Builds the claim of `services`. */
export const claimByRoot = (services: ReadonlyArray<WebService>): Claim => {
  const claimants = services.map(toClaimant)
  if (claimants.length === 0) return () => undefined
  return claimants.length <= LINEAR_MAX ? scan(claimants) : byRoot(claimants)
}

const toClaimant = (ws: WebService, order: number): Claimant => ({
  root: ws.root,
  below: `${ws.root}/`,
  discovery: ws.root === '/apis',
  handler: ws.handler,
  order,
})

const isDiscovery = (path: string): boolean => path === '/apis' || path === '/apis/'

/** Upstream's rule: `/apis` claims only `/apis` and `/apis/`; any other root claims itself and below. */
const claims = (c: Claimant, path: string): boolean => (c.discovery ? isDiscovery(path) : path === c.root || hasPrefix(path, c.below))

const scan =
  (claimants: ReadonlyArray<Claimant>): Claim =>
  (path) => {
    for (const c of claimants) if (claims(c, path)) return c.handler
    return undefined
  }

/**
 * A root claims a path when it is the path, or the path cut just before one of its `/`. So the
 * candidates are the path's cuts at a `/` (only at lengths some root has), and the earliest registered
 * one wins.
 */
const byRoot = (claimants: ReadonlyArray<Claimant>): Claim => {
  const roots = new Map<string, Claimant>()
  for (const c of claimants) if (!c.discovery && !roots.has(c.root)) roots.set(c.root, c)
  const isRootLength = lengthTable([...roots.keys()])
  const discovery = claimants.find((c) => c.discovery)
  return (path) => {
    let best = roots.get(path)
    for (let i = path.lastIndexOf('/', isRootLength.length - 1); i >= 0; i = i === 0 ? -1 : path.lastIndexOf('/', i - 1)) {
      if (isRootLength[i] === 1) best = earlier(best, roots.get(path.slice(0, i)))
    }
    if (discovery !== undefined && isDiscovery(path)) best = earlier(best, discovery)
    return best?.handler
  }
}

const earlier = (a: Claimant | undefined, b: Claimant | undefined): Claimant | undefined =>
  a === undefined ? b : b === undefined || a.order < b.order ? a : b
