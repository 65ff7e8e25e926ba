// Row "insecure chain": the hello handler behind buildInsecureHandlerChain with upstream's defaults.
import { buildInsecureHandlerChain, standaloneContext } from '../../src/chains/index.js'
import { toNodeListener } from '../../src/serve/index.js'
import { hello, serve } from './hello-server.js'
import { defaultConfig } from './secure-parts.js'

await serve(toNodeListener(buildInsecureHandlerChain(hello, standaloneContext(), defaultConfig())))
