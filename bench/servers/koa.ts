// Row "Koa 3": the hello as Koa's only middleware (Koa sets text/plain; charset=utf-8 for a string body).
import Koa from 'koa'
import { serve } from './hello-server.js'

const app = new Koa()
app.use((ctx) => {
  ctx.body = 'hello'
})
await serve(app.callback())
