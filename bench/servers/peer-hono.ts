// What the Hono rows share: the hello on Hono 4 behind `n` pass-through middlewares, on @hono/node-server.
import { serve } from '@hono/node-server'
import { Hono } from 'hono'

/** Serves the hello on Hono with `n` `await next()` middlewares and prints the port. */
export const helloHono = (n: number): void => {
  const app = new Hono()
  for (let i = 0; i < n; i++) {
    app.use(async (_c, next) => {
      await next()
    })
  }
  app.get('/', (c) => c.text('hello'))
  serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => process.stdout.write(`${info.port}\n`))
}
