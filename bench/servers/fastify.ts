// Row "Fastify 5": the hello on Fastify's defaults (its own node:http server), no hooks.
import { helloFastify } from './peer-fastify.js'

await helloFastify(0)
