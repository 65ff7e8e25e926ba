// The hello chain in front of an Express 5 app's own routes (kubechain/express).
import { createServer } from 'node:http'
import express from 'express'
import { chainContextOf, chainMiddleware } from '../src/express/index.js'
import { helloChain } from './hello-chain.js'
import { type Running, isMain, listen, main } from './listen.js'

/** Kubernetes' answer to a path nothing serves. */
const notFound = {
  kind: 'Status',
  apiVersion: 'v1',
  metadata: {},
  status: 'Failure',
  message: 'the server could not find the requested resource',
  reason: 'NotFound',
  details: {},
  code: 404,
}

/**
 * `/express` is registered before the chain middleware, so the chain is not in front of it; every other
 * request goes through the chain first, and Express's routes answer what it lets through, with the
 * chain's headers and `chainContextOf(req)`.
 */
export const start = (port = 0): Promise<Running> => {
  const app = express()
  app.disable('x-powered-by')
  app.get('/express', (_req, res) => {
    res.type('text').send('express route')
  })
  app.use(chainMiddleware(helloChain))
  app.get('/', (_req, res) => {
    res.type('text').send('hello')
  })
  app.get('/api/*rest', (req, res) => {
    res
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify({ kind: 'Hello', path: chainContextOf(req)?.request.path }))
  })
  app.use((_req, res) => {
    res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify(notFound))
  })
  return listen(createServer(app), port)
}

if (isMain(import.meta.url)) await main('express', start)
