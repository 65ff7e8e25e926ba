// Row "Fastify 5, 12 onRequest hooks": each hook calls `done()`, Fastify's cheapest hook form.
import { helloFastify } from './peer-fastify.js'

await helloFastify(12)
