// Row "24 pass-through steps".
import { passThrough, serveChain } from './hello-server.js'

await serveChain(passThrough(24))
