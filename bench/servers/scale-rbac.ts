// Scaling row "RBAC bindings": the secure chain with SCALE_BINDINGS ClusterRoleBindings that do not
// match the bench user before the one that does; hello at every path.
import { buildSecureHandlerChain, standaloneContext } from '../../src/chains/index.js'
import { toNodeListener } from '../../src/serve/index.js'
import { hello, serve } from './hello-server.js'
import { defaultConfig } from './secure-parts.js'
import { envCount, scaleParts } from './scale-parts.js'

await serve(toNodeListener(buildSecureHandlerChain(hello, standaloneContext(), defaultConfig(), scaleParts(envCount('SCALE_BINDINGS')))))
