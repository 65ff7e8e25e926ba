// Row "12 after-work steps": each sets a header after the inner handler answered.
import { afterWork, serveChain } from './hello-server.js'

await serveChain(afterWork(12))
