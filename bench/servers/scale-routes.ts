// Scaling row "routes": newApiServerHandler with SCALE_ROUTES web services (SCALE_KIND=services) or
// exact mux routes (SCALE_KIND=mux), behind the secure chain; the bench hits the last one registered.
import { toNodeListener } from '../../src/serve/index.js'
import { serve } from './hello-server.js'
import { envCount } from './scale-parts.js'
import { routesHandler } from './scale-handlers.js'

await serve(toNodeListener(routesHandler(process.env['SCALE_KIND'] === 'mux' ? 'mux' : 'services', envCount('SCALE_ROUTES'))))
