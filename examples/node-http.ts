// The hello chain served by node:http directly.
import { createServer } from 'node:http'
import { toNodeListener } from '../src/serve/index.js'
import { helloHandler } from './hello-chain.js'
import { type Running, isMain, listen, main } from './listen.js'

/** Serves the hello chain with `http.createServer(toNodeListener(handler))` on 127.0.0.1. */
export const start = (port = 0): Promise<Running> => listen(createServer(toNodeListener(helloHandler)), port)

if (isMain(import.meta.url)) await main('node:http', start)
