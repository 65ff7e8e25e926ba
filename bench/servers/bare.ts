// Row "node:http": the same hello, written by hand on node:http, with the headers the adapter writes.
import { bareHello } from './bare-hello.js'
import { serve } from './hello-server.js'

await serve(bareHello)
