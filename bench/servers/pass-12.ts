// Row "12 pass-through steps".
import { passThrough, serveChain } from './hello-server.js'

await serveChain(passThrough(12))
