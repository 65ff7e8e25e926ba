// Row "insecure chain, handler answering later": the same chain over an `async` hello handler, whose
// answer is a promise, so every filter that works on the response waits a promise turn for it.
import { buildInsecureHandlerChain, standaloneContext } from '../../src/chains/index.js'
import { type Handler, text } from '../../src/core/index.js'
import { toNodeListener } from '../../src/serve/index.js'
import { serve } from './hello-server.js'
import { defaultConfig } from './secure-parts.js'

const helloLater: Handler = async () => text(200, 'hello')

await serve(toNodeListener(buildInsecureHandlerChain(helloLater, standaloneContext(), defaultConfig())))
