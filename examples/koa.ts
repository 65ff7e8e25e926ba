// The hello chain as the last middleware of a Koa 3 app.
import { createServer } from 'node:http'
import Koa from 'koa'
import { toNodeListener } from '../src/serve/index.js'
import { helloHandler } from './hello-chain.js'
import { type Running, isMain, listen, main } from './listen.js'

/** Koa stops writing (`ctx.respond = false`) and the hello chain answers on the raw req/res. */
export const start = (port = 0): Promise<Running> => {
  const listener = toNodeListener(helloHandler)
  const app = new Koa()
  app.use((ctx) => {
    ctx.respond = false
    listener(ctx.req, ctx.res)
  })
  return listen(createServer(app.callback()), port)
}

if (isMain(import.meta.url)) await main('koa', start)
