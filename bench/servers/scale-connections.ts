// Scaling row "idle connections": the secure chain behind kubechain's serveInsecurely (upstream's 90 s
// keep-alive), on 127.0.0.1:0; a helper process holds the idle connections. Prints the port.
import * as E from 'fp-ts/lib/Either.js'
import type * as t from 'io-ts'
import { buildSecureHandlerChain, standaloneContext } from '../../src/chains/index.js'
import { silentLogger } from '../../src/core/index.js'
import { serveInsecurely } from '../../src/serve/index.js'
import { hello } from './hello-server.js'
import { defaultConfig } from './secure-parts.js'
import { scaleParts } from './scale-parts.js'

const handler = buildSecureHandlerChain(hello, standaloneContext(), defaultConfig(), scaleParts(0))
const serving = await serveInsecurely({ bindAddress: '127.0.0.1', bindPort: 0 as t.Int }, handler, 5_000, new AbortController().signal, {
  log: silentLogger,
})()
if (E.isLeft(serving)) throw new Error(`serveInsecurely failed: ${serving.left.message}`)
process.stdout.write(`${serving.right.address.port}\n`)
