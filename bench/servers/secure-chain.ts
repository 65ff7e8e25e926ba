// Row "secure chain": hello behind buildSecureHandlerChain: token authentication, RBAC with the bootstrap
// policy, max-in-flight, no audit backend (audit policy None makes the audit step the identity anyway).
import { buildSecureHandlerChain, standaloneContext } from '../../src/chains/index.js'
import { toNodeListener } from '../../src/serve/index.js'
import { hello, serve } from './hello-server.js'
import { defaultConfig, secureParts } from './secure-parts.js'

await serve(toNodeListener(buildSecureHandlerChain(hello, standaloneContext(), defaultConfig(), secureParts())))
