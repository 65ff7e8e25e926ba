// Rows "kubechain serveSecurely, secure chain" (HTTPS and HTTP/2): hello behind buildSecureHandlerChain
// (token authentication, RBAC with the bootstrap policy, max-in-flight, no audit) over secure serving.
import { buildSecureHandlerChain, standaloneContext } from '../../src/chains/index.js'
import { hello } from './hello-server.js'
import { defaultConfig, secureParts } from './secure-parts.js'
import { serveSecurelyHello } from './serve-securely-hello.js'

await serveSecurelyHello(buildSecureHandlerChain(hello, standaloneContext(), defaultConfig(), secureParts()))
