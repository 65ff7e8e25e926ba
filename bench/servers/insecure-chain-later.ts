// Row "insecure chain, handler answering later": the same chain over a hello handler built on T.of, whose
// promise is an ordinary one, so every filter that works on the response waits a promise turn for it.
import * as E from 'fp-ts/lib/Either.js'
import * as T from 'fp-ts/lib/Task.js'
import { buildInsecureHandlerChain } from '../../src/chains/index.js'
import { newConfig } from '../../src/config/index.js'
import { type Handler, text } from '../../src/core/index.js'
import { toNodeListener } from '../../src/serve/index.js'
import { serve } from './hello-server.js'

const helloLater: Handler = () => T.of(text(200, 'hello'))

const cfg = newConfig()
if (E.isLeft(cfg)) throw new Error('default config does not decode')
await serve(toNodeListener(buildInsecureHandlerChain(helloLater, cfg.right)))
