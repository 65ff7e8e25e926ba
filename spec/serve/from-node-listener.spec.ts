import { type Server, createServer } from 'node:http'
import express from 'express'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { type Filter, type LogEntry, type NodeListener, setHeaderIfAbsent } from '../../src/core/index.js'
import { fromNodeListener, toNodeListener } from '../../src/serve/index.js'
import { makeRequest, run } from '../support/request.js'
import { ask, closeHttp, listen, within } from '../support/http-client.js'
import { closedWith, startSecure, tlsSession2, tlsSocket } from '../support/secure-server.js'
import { logLine } from '../support/serve-fixtures.js'

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
  const withMark: Filter = (next) => async (req) => setHeaderIfAbsent('x-chain', 'kubechain')(await next(req))
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

from('refuses an HTTP/2 request with 505 and a log line, and keeps serving HTTP/1.1', async () => {
  const app = express()
  app.get('/legacy', (_req, res) => {
    res.type('text').send('express')
  })
  const logged: LogEntry[] = []
  const server = await startSecure(fromNodeListener(app), {}, { log: (e) => logged.push(e) })
  const session = tlsSession2(server.port)
  try {
    const stream = session.request({ ':path': '/legacy' })
    let body = ''
    let status = 0
    stream.on('response', (h) => (status = Number(h[':status'])))
    stream.on('data', (d: Buffer) => (body += d.toString()))
    await within(new Promise<void>((r) => stream.on('close', () => r())), 3000, 'the HTTP/2 answer')
    assert.is(status, 505)
    assert.match(body, /cannot answer HTTP\/2 requests: use HTTP\/1\.1/)
    assert.equal(logged.filter((e) => e.level === 'error').map(logLine), ['error a takeover cannot serve an HTTP/2 request: GET /legacy'])
    const s = await tlsSocket(server.port)
    s.end('GET /legacy HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n')
    assert.match(await within(closedWith(s), 3000, 'the HTTP/1.1 answer'), /^HTTP\/1\.1 200 [\s\S]*express$/)
  } finally {
    session.destroy()
    await server.stop()
  }
})

from.run()
