// The hello chain mounted in an Express 5 app, behind Express's own routes.
import { createServer } from 'node:http'
import express from 'express'
import { toNodeListener } from '../src/serve/index.js'
import { helloHandler } from './hello-chain.js'
import { type Running, isMain, listen, main } from './listen.js'

/** Serves `/express` from Express and hands every other request to the hello chain. */
export const start = (port = 0): Promise<Running> => {
  const listener = toNodeListener(helloHandler)
  const app = express()
  app.disable('x-powered-by')
  app.get('/express', (_req, res) => {
    res.type('text').send('express route')
  })
  app.use((req, res) => listener(req, res))
  return listen(createServer(app), port)
}

if (isMain(import.meta.url)) await main('express', start)
