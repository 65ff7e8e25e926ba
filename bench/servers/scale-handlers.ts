// The scaling cases as handlers, for the loopback servers (`scale-rbac.ts`, `scale-routes.ts`) and the
// in-process bench (`bench/micro/scale.ts`): the secure chain with `n` other RBAC bindings, or in front of
// `n` registered web services or exact mux routes.
import * as E from 'fp-ts/lib/Either.js'
import { buildSecureHandlerChain, standaloneContext } from '../../src/chains/index.js'
import type { Handler } from '../../src/core/index.js'
import { type PathMux, handle, newApiServerHandler, newPathMux } from '../../src/director/index.js'
import { routePath, routeRoot, scaleParts } from './scale-parts.js'
import { hello } from './hello-server.js'
import { defaultConfig } from './secure-parts.js'

/** The secure chain over hello with `n` ClusterRoleBindings that do not match before the one that does. */
export const rbacHandler = (n: number): Handler => buildSecureHandlerChain(hello, standaloneContext(), defaultConfig(), scaleParts(n))

/** Where the routes are registered: as web services (claimed by root) or as exact mux routes. */
export type RouteKind = 'services' | 'mux'

const routes = (n: number): PathMux => {
  let mux = newPathMux()
  for (let i = 0; i < n; i++) {
    const next = handle(routePath(i), hello)(mux)
    if (E.isLeft(next)) throw new Error(`route ${i} refused`)
    mux = next.right
  }
  return mux
}

/** `newApiServerHandler` with `n` routes of `kind` behind the secure chain; hello at each route. */
export const routesHandler = (kind: RouteKind, n: number): Handler => {
  const cfg = defaultConfig()
  const parts = scaleParts(0)
  const server = newApiServerHandler({
    name: 'bench-scale',
    ...(kind === 'services'
      ? { services: Array.from({ length: n }, (_, i) => ({ root: routeRoot(i), handler: hello })) }
      : { mux: routes(n) }),
    buildHandlerChain: (director) => buildSecureHandlerChain(director, standaloneContext(), cfg, parts),
  })
  if (E.isLeft(server)) throw new Error('bench scale server does not build')
  return server.right.fullHandlerChain
}
