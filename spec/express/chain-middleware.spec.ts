// kubechain/express: a chain in front of an Express 5 app's own routes, on 127.0.0.1 port 0, real requests.
import { createServer } from 'node:http'
import { setImmediate as turn } from 'node:timers/promises'
import express, { type ErrorRequestHandler } from 'express'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import type { Chain } from '../../src/core/index.js'
import { chainContextOf, chainMiddleware } from '../../src/express/index.js'
import { closeHttp, listen } from '../support/http-client.js'
import { adminToken, bearer, customChain, endedWith, routeEntered, secureFixture, viewerToken } from './chain-fixture.js'
import { gate, send, stallBody, startAndLeave } from './send.js'

/** The app under test: the chain middleware first, then Express's JSON parser, routes and error handler. */
const start = async (chain: Chain, mount = '/') => {
  const hits: string[] = []
  const entered = gate()
  const release = gate()
  const app = express()
  app.disable('x-powered-by')
  app.use(mount, chainMiddleware(chain))
  app.use(express.json())
  app.use((req, _res, next) => (hits.push(`${req.method} ${req.path}`), next()))
  app.get(['/things', '/admin/things', '/apis/things'], (req, res) => {
    const ctx = chainContextOf(req)
    res.json({ user: ctx?.user?.name, path: ctx?.requestInfo?.path, verb: ctx?.requestInfo?.verb, auditId: ctx?.auditId, url: req.url })
  })
  app.post('/things', (req, res) => {
    res.status(201).json({ got: req.body as unknown, user: chainContextOf(req)?.user?.name })
  })
  app.get('/stream', async (_req, res) => {
    res.type('text')
    for (const c of ['one ', 'two ', 'three']) {
      res.write(c)
      await turn()
    }
    res.end()
  })
  app.get('/fail', () => {
    throw new Error('route failed')
  })
  app.get('/apis/busy', async (_req, res) => {
    entered.open()
    await release.opened
    res.send('done')
  })
  const onError: ErrorRequestHandler = (err: Error, _req, res, _next) => void res.status(500).json({ error: err.message })
  app.use(onError)
  const server = createServer(app)
  const port = await listen(server)
  return { port, hits, entered, release, close: () => closeHttp(server) }
}

const Express = suite('kubechain/express chainMiddleware (secure chain)')

Express('a GET the chain lets through reaches the route, which sees the user, RequestInfo and audit ID', async () => {
  const f = secureFixture()
  const app = await start(f.chain)
  try {
    const res = await send(app.port, '/things?x=1', { headers: bearer(adminToken) })
    assert.is(res.status, 200)
    const body = JSON.parse(res.body) as Record<string, unknown>
    assert.equal(body, { user: 'admin', path: '/things', verb: 'get', auditId: res.headers['audit-id'], url: '/things?x=1' })
    assert.match(String(res.headers['audit-id']), /^[0-9a-f-]{36}$/)
    assert.is(res.headers['cache-control'], 'no-cache, private')
    assert.equal(app.hits, ['GET /things'])
  } finally {
    await app.close()
  }
})

Express('a POST body reaches the route parsed by express.json() after the middleware', async () => {
  const f = secureFixture()
  const app = await start(f.chain)
  try {
    const payload = JSON.stringify({ name: 'demo', data: { k: 'v' } })
    const res = await send(app.port, '/things', {
      method: 'POST',
      headers: { ...bearer(adminToken), 'content-type': 'application/json' },
      body: payload,
    })
    assert.is(res.status, 201)
    assert.equal(JSON.parse(res.body), { got: { name: 'demo', data: { k: 'v' } }, user: 'admin' })
  } finally {
    await app.close()
  }
})

Express('a streamed response is written by the route; the chain sees it end when the last chunk went out', async () => {
  const f = secureFixture()
  const app = await start(f.chain)
  try {
    const res = await send(app.port, '/stream', { headers: bearer(adminToken) })
    assert.is(res.status, 200)
    assert.is(res.body, 'one two three')
    assert.ok(res.headers['audit-id'] !== undefined)
    await endedWith(f.ended, 'GET /stream finished')
  } finally {
    await app.close()
  }
})

Express(
  "an error thrown by a route is answered by Express's error handler; audit records the request's end with the status the framework sent",
  async () => {
    const f = secureFixture()
    const app = await start(f.chain)
    try {
      const res = await send(app.port, '/fail', { headers: bearer(adminToken) })
      assert.is(res.status, 500)
      assert.equal(JSON.parse(res.body), { error: 'route failed' })
      await endedWith(f.ended, 'GET /fail finished')
      const stages = f.events.filter((e) => e.auditID === res.headers['audit-id']).map((e) => [e.stage, e.responseStatus?.code])
      assert.equal(stages, [
        ['RequestReceived', undefined],
        ['ResponseComplete', 500], // the status the framework sent, not the takeover's
      ])
    } finally {
      await app.close()
    }
  },
)

Express('without a token the chain answers 401 itself and no route (nor the body parser) runs', async () => {
  const f = secureFixture()
  const app = await start(f.chain)
  try {
    const res = await send(app.port, '/things', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })
    assert.is(res.status, 401)
    assert.equal((JSON.parse(res.body) as { reason: string }).reason, 'Unauthorized')
    assert.equal(app.hits, [])
  } finally {
    await app.close()
  }
})

Express('a user RBAC does not allow gets 403 from the chain and no route runs', async () => {
  const f = secureFixture()
  const app = await start(f.chain)
  try {
    const res = await send(app.port, '/things', { headers: bearer(viewerToken) })
    assert.is(res.status, 403)
    assert.match(res.body, 'viewer')
    assert.equal(app.hits, [])
  } finally {
    await app.close()
  }
})

Express("max-in-flight counts the route's work: a second request while a route is busy gets 429", async () => {
  const f = secureFixture(1) // one seat; the viewer is not in system:masters, which upstream exempts from the limit
  const app = await start(f.chain)
  try {
    const busy = send(app.port, '/apis/busy', { headers: bearer(viewerToken) })
    await routeEntered(app.entered.opened, busy)
    const refused = await send(app.port, '/apis/things', { headers: bearer(viewerToken) })
    assert.is(refused.status, 429)
    assert.equal(app.hits, ['GET /apis/busy'])
    app.release.open()
    assert.is((await busy).body, 'done')
    await endedWith(f.ended, 'GET /apis/busy finished')
    assert.is((await send(app.port, '/apis/things', { headers: bearer(viewerToken) })).status, 200)
  } finally {
    app.release.open()
    await app.close()
  }
})

Express('a let-through request whose body is still arriving at its deadline is cut: its seat is freed', async () => {
  const f = secureFixture(1, 300) // one seat, a deadline of 300 ms
  const app = await start(f.chain)
  const stalled = stallBody(app.port, '/apis/things', bearer(viewerToken)) // express.json() waits for the body
  try {
    await stalled.cut
    await endedWith(f.ended, 'GET /apis/things aborted')
    assert.is((await send(app.port, '/apis/things', { headers: bearer(viewerToken) })).status, 200, 'the seat was freed')
    const complete = f.events.filter((e) => e.stage === 'ResponseComplete').map((e) => e.responseStatus?.code)
    assert.is(complete.length, 2, 'the cut request was audited as complete')
  } finally {
    stalled.leave()
    await app.close()
  }
})

Express('a client that leaves while a route works: the chain hears aborted, the seat is freed, the app serves on', async () => {
  const f = secureFixture(1)
  const app = await start(f.chain)
  try {
    const leaving = startAndLeave(app.port, '/apis/busy', bearer(viewerToken))
    await app.entered.opened
    leaving.destroy()
    await endedWith(f.ended, 'GET /apis/busy aborted')
    assert.is((await send(app.port, '/apis/things', { headers: bearer(viewerToken) })).status, 200, 'the seat was freed')
    app.release.open()
    await turn()
    assert.is(
      (await send(app.port, '/apis/things', { headers: bearer(viewerToken) })).status,
      200,
      'a late write to the gone client broke nothing',
    )
  } finally {
    await app.close()
  }
})

Express("the audit backend records the route's request: user, verb, URI, both stages under the answer's Audit-ID", async () => {
  const f = secureFixture()
  const app = await start(f.chain)
  try {
    const res = await send(app.port, '/things?x=1', { headers: bearer(adminToken) })
    await endedWith(f.ended, 'GET /things finished')
    const mine = f.events.filter((e) => e.auditID === res.headers['audit-id'])
    assert.equal(
      mine.map((e) => [e.stage, e.verb, e.requestURI, e.user.username]),
      [
        ['RequestReceived', 'get', '/things?x=1', 'admin'],
        ['ResponseComplete', 'get', '/things?x=1', 'admin'],
      ],
    )
  } finally {
    await app.close()
  }
})

Express('mounted under a path, the chain sees the whole path and the routes see Express’s own', async () => {
  const f = secureFixture()
  const app = await start(f.chain, '/admin')
  try {
    const res = await send(app.port, '/admin/things', { headers: bearer(adminToken) })
    assert.is(res.status, 200)
    const body = JSON.parse(res.body) as Record<string, unknown>
    assert.equal([body['path'], body['url']], ['/admin/things', '/admin/things'])
    const outside = await send(app.port, '/things')
    assert.is(outside.status, 200, 'the chain is not in front of paths outside its mount')
  } finally {
    await app.close()
  }
})

Express.run()

const Custom = suite('kubechain/express chainMiddleware (a custom chain)')

Custom('the context carries what the custom chain provides, and undefined for what it does not', async () => {
  const app = await start(customChain)
  try {
    const res = await send(app.port, '/things', { headers: { 'x-user': 'ann' } })
    assert.is(res.status, 200)
    assert.equal(JSON.parse(res.body), { user: 'ann', url: '/things' })
  } finally {
    await app.close()
  }
})

Custom('an answer of the chain is written as it is and the route does not run', async () => {
  const app = await start(customChain)
  try {
    const res = await send(app.port, '/things')
    assert.is(res.status, 401)
    assert.is(res.headers['x-refused-by'], 'who')
    assert.equal(app.hits, [])
  } finally {
    await app.close()
  }
})

Custom("a target with a bad escape is answered 400 by the chain's adapter, as Go's server does; no route runs", async () => {
  const app = await start(customChain)
  try {
    const res = await send(app.port, '/things%zz', { headers: { 'x-user': 'ann' } })
    assert.equal([res.status, res.body], [400, '400 Bad Request'])
    assert.equal(app.hits, [])
  } finally {
    await app.close()
  }
})

Custom('chainContextOf is undefined for a request no chain middleware let through', () => {
  assert.is(chainContextOf(Object.create(null)), undefined)
})

Custom.run()
