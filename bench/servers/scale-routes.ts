// Scaling row "routes": newApiServerHandler with SCALE_ROUTES web services (SCALE_KIND=services) or
// exact mux routes (SCALE_KIND=mux), behind the secure chain; the bench hits the last one registered.
import * as E from 'fp-ts/lib/Either.js'
import { buildSecureHandlerChain, standaloneContext } from '../../src/chains/index.js'
import { type PathMux, handle, newApiServerHandler, newPathMux } from '../../src/director/index.js'
import { toNodeListener } from '../../src/serve/index.js'
import { hello, serve } from './hello-server.js'
import { defaultConfig } from './secure-parts.js'
import { envCount, routePath, routeRoot, scaleParts } from './scale-parts.js'

const n = envCount('SCALE_ROUTES')
const asServices = process.env['SCALE_KIND'] !== 'mux'

const routes = (): PathMux => {
  let mux = newPathMux()
  for (let i = 0; i < n; i++) {
    const next = handle(routePath(i), hello)(mux)
    if (E.isLeft(next)) throw new Error(`route ${i} refused`)
    mux = next.right
  }
  return mux
}

const cfg = defaultConfig()
const parts = scaleParts(0)
const server = newApiServerHandler({
  name: 'bench-scale',
  ...(asServices ? { services: Array.from({ length: n }, (_, i) => ({ root: routeRoot(i), handler: hello })) } : { mux: routes() }),
  buildHandlerChain: (director) => buildSecureHandlerChain(director, standaloneContext(), cfg, parts),
})
if (E.isLeft(server)) throw new Error('bench scale server does not build')
await serve(toNodeListener(server.right.fullHandlerChain))
