// kubechain/fastify: a chain in front of a Fastify 5 app's own routes, on 127.0.0.1 port 0, real requests.
import type { AddressInfo } from 'node:net'
import { Readable } from 'node:stream'
import { setTimeout as wait } from 'node:timers/promises'
import Fastify from 'fastify'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { type Chain, step, stream } from '../../src/core/index.js'
import { kubechainPlugin } from '../../src/fastify/index.js'
import { adminToken, bearer, customChain, endedWith, routeEntered, secureFixture, viewerToken } from '../express/chain-fixture.js'
import { gate, send, stallBody, startAndLeave } from '../express/send.js'

/** The app under test: the plugin, then routes in an encapsulated plugin of their own (the hook still covers them). */
const start = async (chain: Chain) => {
  const hits: string[] = []
  const responded: string[] = []
  const entered = gate()
  const release = gate()
  const app = Fastify({ logger: false })
  await app.register(kubechainPlugin, { chain })
  app.addHook('onResponse', async (request, reply) => void responded.push(`${request.method} ${request.url} ${reply.statusCode}`))
  await app.register(async (routes) => {
    routes.addHook('preHandler', async (request) => void hits.push(`${request.method} ${request.url}`))
    routes.get('/things', async (request) => {
      const ctx = request.kubechain
      return { user: ctx.user?.name, path: ctx.requestInfo?.path, verb: ctx.requestInfo?.verb, auditId: ctx.auditId }
    })
    routes.get('/apis/things', async (request) => ({ user: request.kubechain.user?.name }))
    routes.post('/things', async (request, reply) => reply.code(201).send({ got: request.body, user: request.kubechain.user?.name }))
    routes.get('/stream', async (_request, reply) => reply.type('text/plain').send(Readable.from(['one ', 'two ', 'three'])))
    routes.get('/fail', async () => {
      throw new Error('route failed')
    })
    routes.get('/apis/busy', async () => {
      entered.open()
      await release.opened
      return 'done'
    })
  })
  await app.listen({ port: 0, host: '127.0.0.1' })
  const address = app.server.address()
  if (address === null || typeof address === 'string') throw new Error(`expected a TCP address, got ${String(address)}`)
  return { port: address.port, hits, responded, entered, release, close: () => app.close() }
}

const Plugin = suite('kubechain/fastify kubechainPlugin (secure chain)')

Plugin('a GET the chain lets through reaches the route, which sees request.kubechain: user, RequestInfo, audit ID', async () => {
  const f = secureFixture()
  const app = await start(f.chain)
  try {
    const res = await send(app.port, '/things?x=1', { headers: bearer(adminToken) })
    assert.is(res.status, 200)
    assert.equal(JSON.parse(res.body), { user: 'admin', path: '/things', verb: 'get', auditId: res.headers['audit-id'] })
    assert.match(String(res.headers['audit-id']), /^[0-9a-f-]{36}$/)
    assert.is(res.headers['cache-control'], 'no-cache, private')
    assert.equal(app.hits, ['GET /things?x=1'])
  } finally {
    await app.close()
  }
})

Plugin("a POST body reaches the route parsed by Fastify's own JSON parser", async () => {
  const f = secureFixture()
  const app = await start(f.chain)
  try {
    const res = await send(app.port, '/things', {
      method: 'POST',
      headers: { ...bearer(adminToken), 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'demo', data: { k: 'v' } }),
    })
    assert.is(res.status, 201)
    assert.equal(JSON.parse(res.body), { got: { name: 'demo', data: { k: 'v' } }, user: 'admin' })
  } finally {
    await app.close()
  }
})

Plugin('a streamed reply is written by Fastify; the chain sees it end when the last chunk went out', async () => {
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

Plugin(
  "an error thrown by a route is answered by Fastify's error handler; audit records the request's end with the status the framework sent",
  async () => {
    const f = secureFixture()
    const app = await start(f.chain)
    try {
      const res = await send(app.port, '/fail', { headers: bearer(adminToken) })
      assert.is(res.status, 500)
      assert.is((JSON.parse(res.body) as { message: string }).message, 'route failed')
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

Plugin('without a token the chain answers 401, no route runs, and onResponse hooks still see the answer', async () => {
  const f = secureFixture()
  const app = await start(f.chain)
  try {
    const res = await send(app.port, '/things', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })
    assert.is(res.status, 401)
    assert.is((JSON.parse(res.body) as { reason: string }).reason, 'Unauthorized')
    assert.equal(app.hits, [])
    assert.equal(app.responded, ['POST /things 401'])
  } finally {
    await app.close()
  }
})

Plugin("a path with no route gets the chain's 401 before Fastify's 404: the hook covers the not-found handler", async () => {
  const f = secureFixture()
  const app = await start(f.chain)
  try {
    assert.is((await send(app.port, '/nowhere')).status, 401)
    assert.is((await send(app.port, '/nowhere', { headers: bearer(adminToken) })).status, 404)
  } finally {
    await app.close()
  }
})

Plugin('a user RBAC does not allow gets 403 from the chain and no route runs', async () => {
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

Plugin("max-in-flight counts the route's work: a second request while a route is busy gets 429", async () => {
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

Plugin('a let-through request whose body is still arriving at its deadline is cut, and audit records 504', async () => {
  const f = secureFixture(1, 300) // a deadline of 300 ms; Fastify's own requestTimeout is off
  const app = await start(f.chain)
  const stalled = stallBody(app.port, '/things', bearer(adminToken), 'POST') // Fastify's JSON parser waits for the body
  try {
    await stalled.cut
    await endedWith(f.ended, 'POST /things aborted')
    assert.equal(app.hits, [], 'the route never ran')
    const complete = f.events.filter((e) => e.stage === 'ResponseComplete').map((e) => e.responseStatus?.code)
    assert.equal(complete, [504])
  } finally {
    stalled.leave()
    await app.close()
  }
})

Plugin('a client that leaves while its body is arriving is not recorded as a timeout', async () => {
  const f = secureFixture()
  const through = gate()
  const app = Fastify({ logger: false })
  await app.register(kubechainPlugin, { chain: f.chain })
  app.addHook('onRequest', async () => through.open()) // after the plugin's: the chain let the request through
  app.post('/things', async (request) => request.body)
  await app.listen({ port: 0, host: '127.0.0.1' })
  const stalled = stallBody((app.server.address() as AddressInfo).port, '/things', bearer(adminToken), 'POST')
  try {
    await through.opened
    stalled.leave()
    await endedWith(f.ended, 'POST /things aborted')
    const complete = f.events.filter((e) => e.stage === 'ResponseComplete').map((e) => e.responseStatus?.code)
    assert.is(complete.length, 1)
    assert.is.not(complete[0], 504)
  } finally {
    stalled.leave()
    await app.close()
  }
})

Plugin("Fastify's own inject (light-my-request) goes through the chain: 401, then the route with the user and a body", async () => {
  const f = secureFixture()
  const app = Fastify({ logger: false })
  await app.register(kubechainPlugin, { chain: f.chain })
  app.post('/things', async (request, reply) => reply.code(201).send({ got: request.body, user: request.kubechain.user?.name }))
  try {
    assert.is((await app.inject({ method: 'POST', url: '/things', payload: { a: 1 } })).statusCode, 401)
    const res = await app.inject({ method: 'POST', url: '/things', headers: bearer(adminToken), payload: { a: 1 } })
    assert.equal([res.statusCode, res.json()], [201, { got: { a: 1 }, user: 'admin' }])
    const complete = f.events.filter((e) => e.stage === 'ResponseComplete' && e.auditID === res.headers['audit-id'])
    assert.equal(
      complete.map((e) => e.responseStatus?.code),
      [201],
    )
    await new Promise((r) => setImmediate(r))
    assert.equal(f.ended, ['POST /things finished']) // the 401 never reached the route; an injected response has no socket: end() is its end
  } finally {
    await app.close()
  }
})

Plugin('a client that leaves while a route works: the chain hears aborted, the seat is freed, the app serves on', async () => {
  const f = secureFixture(1)
  const app = await start(f.chain)
  try {
    const leaving = startAndLeave(app.port, '/apis/busy', bearer(viewerToken))
    await app.entered.opened
    leaving.destroy()
    await endedWith(f.ended, 'GET /apis/busy aborted')
    assert.is((await send(app.port, '/apis/things', { headers: bearer(viewerToken) })).status, 200, 'the seat was freed')
    app.release.open()
    assert.is(
      (await send(app.port, '/apis/things', { headers: bearer(viewerToken) })).status,
      200,
      'a late reply to the gone client broke nothing',
    )
  } finally {
    await app.close()
  }
})

Plugin("the audit backend records the route's request: user, verb, URI, both stages under the answer's Audit-ID", async () => {
  const f = secureFixture()
  const app = await start(f.chain)
  try {
    const res = await send(app.port, '/things?x=1', { headers: bearer(adminToken) })
    await endedWith(f.ended, 'GET /things finished')
    assert.equal(
      f.events.filter((e) => e.auditID === res.headers['audit-id']).map((e) => [e.stage, e.verb, e.requestURI, e.user.username]),
      [
        ['RequestReceived', 'get', '/things?x=1', 'admin'],
        ['ResponseComplete', 'get', '/things?x=1', 'admin'],
      ],
    )
  } finally {
    await app.close()
  }
})

Plugin.run()

const Custom = suite('kubechain/fastify kubechainPlugin (a custom chain, HTTP/2)')

Custom('request.kubechain carries what the custom chain provides, and undefined for what it does not', async () => {
  const app = await start(customChain)
  try {
    const res = await send(app.port, '/things', { headers: { 'x-user': 'ann' } })
    assert.is(res.status, 200)
    assert.equal(JSON.parse(res.body), { user: 'ann' })
  } finally {
    await app.close()
  }
})

Custom('an answer of the chain is written as it is; no route runs and Fastify adds nothing of its own', async () => {
  const app = await start(customChain)
  try {
    const res = await send(app.port, '/things')
    assert.is(res.status, 401)
    assert.is(res.headers['x-refused-by'], 'who')
    assert.equal(app.hits, [])
    assert.equal(app.responded, ['GET /things 401'])
  } finally {
    await app.close()
  }
})

Custom(
  "a chain's answer written over time is left alone by Fastify: the reply is hijacked, so handlerTimeout does not cut it",
  async () => {
    const later = gate()
    const slowly = async function* () {
      yield 'first '
      await later.opened
      yield 'last'
    }
    const chain: Chain = [step('slow', () => () => stream(200, slowly(), { 'content-type': 'text/plain' }))]
    const app = Fastify({ handlerTimeout: 1 }) // Fastify answers 503, or destroys a reply already started, once it passes
    await app.register(kubechainPlugin, { chain })
    await app.listen({ port: 0, host: '127.0.0.1' })
    try {
      const res = send((app.server.address() as AddressInfo).port, '/slow').then(
        (r) => [r.status, r.body],
        (e: Error) => e.message,
      )
      await wait(30) // past handlerTimeout, whose timer a hijacked reply no longer has
      later.open()
      assert.equal(await res, [200, 'first last'])
    } finally {
      later.open()
      await app.close()
    }
  },
)

Custom('registering on an app made with http2: true fails with the reason', async () => {
  const app = Fastify({ http2: true })
  try {
    await app.register(kubechainPlugin, { chain: customChain })
    assert.unreachable('registered')
  } catch (e) {
    assert.match((e as Error).message, 'kubechainPlugin serves HTTP/1 only')
  } finally {
    await app.close()
  }
})

Custom.run()
