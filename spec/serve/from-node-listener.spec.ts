import { type Server, createServer } from 'node:http'
import express from 'express'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { type Filter, type NodeListener, setHeaderIfAbsent } from '../../src/core/index.js'
import { fromNodeListener, toNodeListener } from '../../src/serve/index.js'
import { makeRequest, run } from '../support/request.js'
import { ask, closeHttp, listen } from '../support/http-client.js'

const from = suite('fromNodeListener')

from('answers a takeover of the listener for every request', async () => {
  const listener: NodeListener = (_req, res) => res.end('x')
  const handler = fromNodeListener(listener)
  for (const url of ['/', '/apis/x?watch=1']) {
    const res = await run(handler, makeRequest(url))
    assert.is(res._tag, 'Takeover')
    assert.is(res._tag === 'Takeover' ? res.listener : undefined, listener)
    assert.equal(res.headers, {})
  }
})

from('serves an Express app behind a filter, which still adds its header', async () => {
  const app = express()
  app.disable('x-powered-by')
  app.get('/legacy/:name', (req, res) => {
    res.type('text').send(`express says hi to ${req.params['name'] ?? ''}`)
  })
  const withMark: Filter = (next) => (req) => async () => setHeaderIfAbsent('x-chain', 'kubechain')(await next(req)())
  let server: Server | undefined
  try {
    server = createServer(toNodeListener(withMark(fromNodeListener(app))))
    const port = await listen(server)
    const r = await ask(port, '/legacy/bob')
    assert.is(r.status, 200)
    assert.is(r.body.toString(), 'express says hi to bob')
    assert.is(r.headers['x-chain'], 'kubechain')
    const missing = await ask(port, '/nope')
    assert.is(missing.status, 404)
    assert.is(missing.headers['x-chain'], 'kubechain')
  } finally {
    if (server !== undefined) await closeHttp(server)
  }
})

from.run()
