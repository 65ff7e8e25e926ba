// Row "floor: secure chain decisions by hand, no chain": see secure-floor-listener.ts. Its ratio bounds
// what the secure-chain rows can reach on the machine the bench runs on.
import { serve } from './hello-server.js'
import { secureFloor } from './secure-floor-listener.js'

await serve(secureFloor())
