// Row "kubechain, 0 steps": the adapter around `build([])(hello)`.
import { serveChain } from './hello-server.js'

await serveChain([])
