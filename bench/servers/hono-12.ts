// Row "Hono 4, 12 middlewares": twelve `async (c, next) => { await next() }` before the route.
import { helloHono } from './peer-hono.js'

helloHono(12)
