// Row "floor: insecure chain decisions by hand, no chain": see insecure-floor-listener.ts. Its ratio bounds
// what the insecure-chain row can reach on the machine the bench runs on.
import { insecureFloor } from './insecure-floor-listener.js'
import { serve } from './hello-server.js'

await serve(insecureFloor())
