// Row "insecure chain, handler answering later": the same chain over a hello handler built on T.of, whose
// promise is an ordinary one, so every filter that works on the response waits a promise turn for it.
import * as T from 'fp-ts/lib/Task.js'
import { buildInsecureHandlerChain, standaloneContext } from '../../src/chains/index.js'
import { type Handler, text } from '../../src/core/index.js'
import { toNodeListener } from '../../src/serve/index.js'
import { serve } from './hello-server.js'
import { defaultConfig } from './secure-parts.js'

const helloLater: Handler = () => T.of(text(200, 'hello'))

await serve(toNodeListener(buildInsecureHandlerChain(helloLater, standaloneContext(), defaultConfig())))
