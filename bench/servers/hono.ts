// Row "Hono 4": the hello on @hono/node-server, no middleware.
import { helloHono } from './peer-hono.js'

helloHono(0)
