// End to end: the hello chain embedded in node:http, Express, Fastify, Koa and Hono answers real requests
// (in front of Express's and Fastify's own routes, through kubechain/express and kubechain/fastify).
import { request } from 'node:http'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { start as startExpress } from '../../examples/express.js'
import { start as startFastify } from '../../examples/fastify.js'
import { start as startHono } from '../../examples/hono.js'
import { start as startKoa } from '../../examples/koa.js'
import type { Running } from '../../examples/listen.js'
import { start as startNodeHttp } from '../../examples/node-http.js'

interface Reply {
  readonly status: number
  readonly headers: Record<string, string | string[] | undefined>
  readonly body: string
}

/** One request on a fresh connection (no keep-alive, so servers close at once), with a JSON body if given. */
const fetchText = (port: number, path: string, method = 'GET', json?: unknown): Promise<Reply> =>
  new Promise((resolve, reject) => {
    const headers = json === undefined ? {} : { 'content-type': 'application/json' }
    const req = request({ host: '127.0.0.1', port, path, method, headers, agent: false }, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => (body += chunk))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }))
      res.on('error', reject)
    })
    req.on('error', reject)
    req.end(json === undefined ? undefined : JSON.stringify(json))
  })

const withServer = async (start: (port?: number) => Promise<Running>, body: (port: number) => Promise<void>): Promise<void> => {
  const running = await start(0)
  try {
    await body(running.port)
  } finally {
    await running.close()
  }
}

const hosts: ReadonlyArray<readonly [string, (port?: number) => Promise<Running>]> = [
  ['node:http', startNodeHttp],
  ['express', startExpress],
  ['fastify', startFastify],
  ['koa', startKoa],
  ['hono', startHono],
]

for (const [name, start] of hosts) {
  test(`${name}: the inner handler answers hello through the chain`, () =>
    withServer(start, async (port) => {
      const res = await fetchText(port, '/')
      assert.is(res.status, 200)
      assert.is(res.body, 'hello')
      assert.is(res.headers['content-type'], 'text/plain; charset=utf-8')
      assert.is(res.headers['x-served-by'], 'kubechain')
    }))

  test(`${name}: /api/ paths answer JSON with the path`, () =>
    withServer(start, async (port) => {
      const res = await fetchText(port, '/api/things?x=1')
      assert.is(res.status, 200)
      assert.is(res.headers['content-type'], 'application/json')
      assert.equal(JSON.parse(res.body), { kind: 'Hello', path: '/api/things' })
      assert.is(res.headers['x-served-by'], 'kubechain')
    }))

  test(`${name}: an unknown path gets the inner 404 Status, still wrapped by the chain`, () =>
    withServer(start, async (port) => {
      const res = await fetchText(port, '/nothing/here')
      assert.is(res.status, 404)
      assert.is(res.headers['content-type'], 'application/json')
      assert.is(res.headers['x-served-by'], 'kubechain')
      const status = JSON.parse(res.body) as { kind: string; reason: string; code: number }
      assert.equal([status.kind, status.reason, status.code], ['Status', 'NotFound', 404])
    }))

  test(`${name}: a POST is refused by the read-only step before the inner handler`, () =>
    withServer(start, async (port) => {
      const res = await fetchText(port, '/', 'POST')
      assert.is(res.status, 405)
      assert.is(res.body, 'method not allowed\n')
      assert.is(res.headers['allow'], 'GET, HEAD')
      assert.is(res.headers['x-served-by'], 'kubechain')
    }))
}

test('express: its own routes answer before the chain', () =>
  withServer(startExpress, async (port) => {
    const res = await fetchText(port, '/express')
    assert.is(res.status, 200)
    assert.is(res.body, 'express route')
    assert.is(res.headers['x-served-by'], undefined)
  }))

test('express: the chain is in front of the routes registered after it, which see its context', () =>
  withServer(startExpress, async (port) => {
    const res = await fetchText(port, '/api/x%2Fy')
    assert.equal(JSON.parse(res.body), { kind: 'Hello', path: '/api/x/y' }, "the chain's Request, its path unescaped")
    assert.is(res.headers['x-served-by'], 'kubechain')
  }))

test('fastify: a POST the chain lets through reaches the route with its body parsed by Fastify', () =>
  withServer(startFastify, async (port) => {
    const res = await fetchText(port, '/echo', 'POST', { name: 'demo', data: { k: 'v' } })
    assert.is(res.status, 200)
    assert.equal(JSON.parse(res.body), { echo: { name: 'demo', data: { k: 'v' } } })
    assert.is(res.headers['x-served-by'], 'kubechain')
  }))

test('hono: its own routes answer before the chain', () =>
  withServer(startHono, async (port) => {
    const res = await fetchText(port, '/hono')
    assert.is(res.status, 200)
    assert.is(res.body, 'hono route')
    assert.is(res.headers['x-served-by'], undefined)
  }))

test.run()
