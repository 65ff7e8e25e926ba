// Row "insecure chain": the hello handler behind buildInsecureHandlerChain with upstream's defaults.
import * as E from 'fp-ts/lib/Either.js'
import { buildInsecureHandlerChain } from '../../src/chains/index.js'
import { newConfig } from '../../src/config/index.js'
import { toNodeListener } from '../../src/serve/index.js'
import { hello, serve } from './hello-server.js'

const cfg = newConfig()
if (E.isLeft(cfg)) throw new Error('default config does not decode')
await serve(toNodeListener(buildInsecureHandlerChain(hello, cfg.right)))
