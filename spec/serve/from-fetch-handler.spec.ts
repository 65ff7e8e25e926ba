import { createServer } from 'node:http'
import { Hono } from 'hono'
import { stream as honoStream } from 'hono/streaming'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { type Response, newCancelSource, newRequest, parseTarget } from '../../src/core/index.js'
import type { ChainContext } from '../../src/serve/chain-context.js'
import { fromFetchHandler } from '../../src/serve/from-fetch-handler.js'
import { inject } from '../../src/serve/inject.js'
import { toNodeListener } from '../../src/serve/to-node-listener.js'
import { ask, closeHttp, listen } from '../support/http-client.js'
import { adminToken, bobChain, keptLog, secured } from './fetch-fixtures.js'

const quiet = keptLog().log
const auth = { authorization: `Bearer ${adminToken}` }

/** A Hono app that reads the ChainContext the chain handed it. */
const app = new Hono<{ Bindings: { kubechain: ChainContext } }>()
app.get('/whoami', (c) =>
  c.json({ user: c.env.kubechain.user?.name, verb: c.env.kubechain.requestInfo?.verb, auth: c.req.header('authorization') ?? null }),
)
app.post('/echo', async (c) => c.text(`got ${await c.req.text()}`))
app.get('/cookies', (c) => {
  c.header('set-cookie', 'a=1', { append: true })
  c.header('set-cookie', 'b=2', { append: true })
  return c.body(null, 204)
})
app.get('/stream', (c) =>
  honoStream(c, async (s) => {
    for (const part of ['one,', 'two,', 'three']) await s.write(part)
  }),
)
app.get('/boom', () => {
  throw new Error('boom')
})
app.onError((e) => {
  throw e // defects go to the chain, not to Hono's own 500
})

const inner = fromFetchHandler((req, ctx) => app.fetch(req, { kubechain: ctx }))
const handler = secured(inner)

const inMemory = suite('fromFetchHandler: a Hono app behind the secure chain, in memory')

inMemory('the app gets the user and RequestInfo the chain settled on, and the headers as the chain left them', async () => {
  const res = await inject(handler, { url: '/whoami', headers: auth })
  assert.is(res.status, 200)
  assert.equal(res.json(), { user: 'admin', verb: 'get', auth: null })
  assert.is((await inject(handler, { url: '/whoami' })).status, 401)
})

inMemory('a POST body reaches the app', async () => {
  const res = await inject(handler, { method: 'POST', url: '/echo', headers: auth, body: 'hello' })
  assert.equal([res.status, res.text()], [200, 'got hello'])
})

inMemory('every set-cookie the app sets is kept', async () => {
  const res = await inject(handler, { url: '/cookies', headers: auth })
  assert.is(res.status, 204)
  assert.equal(res.headers['set-cookie'], ['a=1', 'b=2'])
})

inMemory('an app that throws is a defect: the chain’s panic recovery answers 500', async () => {
  const res = await inject(handler, { url: '/boom', headers: auth, log: quiet })
  assert.is(res.status, 500)
  assert.match(res.text(), 'This request caused apiserver to panic') // the chain's panic recovery answered
})

inMemory('an authenticated user cannot reach a path RBAC denies through a path the app would route elsewhere', async () => {
  const secret = fromFetchHandler(() => new Response('the secret'))
  const bob = bobChain(secret)
  for (const url of ['/api/x\\..\\..\\secret', '/apis/%2E./secret']) {
    const res = await inject(bob, { url, headers: { authorization: 'Bearer bob' } })
    assert.is(res.status, 400, url)
  }
  const hosted = await inject(bobChain(fromFetchHandler((r) => new Response(new URL(r.url).pathname))), {
    url: '/api',
    headers: { authorization: 'Bearer bob', host: 'x/secret?' },
  })
  assert.equal([hosted.status, hosted.text()], [200, '/api'])
})

inMemory.run()

const shapes = suite('fromFetchHandler: the Request it builds and the Response it gives')

const requestTo = (target: string, method = 'GET', headers: Record<string, string> = {}) => {
  const parsed = parseTarget(target)
  if (parsed._tag === 'Left') throw new Error(parsed.left)
  const source = newCancelSource()
  return { source, req: newRequest({ method, target: parsed.right, headers, cancel: source.token }) }
}

shapes('the url is built from Host and the target; pseudo-headers are left out; the signal follows the request', async () => {
  let seen: globalThis.Request | undefined
  const { source, req } = requestTo('/a%20b?x=1', 'GET', { host: 'api.test:8443', ':path': '/a%20b?x=1', 'x-one': 'yes' })
  await fromFetchHandler((r) => ((seen = r), new Response('ok')))(req)
  assert.is(seen?.url, 'http://api.test:8443/a%20b?x=1')
  assert.equal([...(seen?.headers.keys() ?? [])], ['host', 'x-one'])
  assert.is(seen?.signal.aborted, false)
  source.cancel(new Error('gone'))
  assert.is(seen?.signal.aborted, true)
  const odd = requestTo('/', 'GET', { host: 'a b' }).req
  await fromFetchHandler((r) => ((seen = r), new Response('ok')))(odd)
  assert.is(seen?.url, 'http://localhost/')
})

shapes('a body with a small content-length is read whole (a complete response); any other is a stream', async () => {
  const body = async (res: globalThis.Response): Promise<Response> => fromFetchHandler(() => res)(requestTo('/').req)
  const small = await body(new Response('hi', { headers: { 'content-length': '2' } }))
  assert.is(small._tag === 'Http' && small.body._tag, 'Bytes')
  const unknown = await body(new Response(new Blob(['hi']).stream()))
  assert.is(unknown._tag === 'Http' && unknown.body._tag, 'Stream')
  const none = await body(new Response(null, { status: 304 }))
  assert.is(none._tag === 'Http' && none.body._tag, 'Empty')
})

shapes('a Host, or an absolute-form authority, that is more than an authority gives localhost: it cannot move the path', async () => {
  let seen: globalThis.Request | undefined
  for (const host of ['x/secret?', 'x/secret#', 'user@x', 'API.test:8443']) {
    await fromFetchHandler((r) => ((seen = r), new Response('ok')))(requestTo('/api', 'GET', { host }).req)
    assert.is(seen?.url, host === 'API.test:8443' ? 'http://api.test:8443/api' : 'http://localhost/api', host)
  }
  for (const [target, url] of [
    ['http://user:pw@x/api?a=1', 'http://localhost/api?a=1'],
    ['https://Other.test/api', 'https://other.test/api'],
    ['http://x', 'http://x/'],
  ]) {
    const res = await fromFetchHandler((r) => ((seen = r), new Response('ok')))(requestTo(target ?? '').req)
    assert.equal([res._tag === 'Http' && res.status, seen?.url], [200, url], target)
  }
})

shapes('a path the Web URL parser would change gets 400 and never reaches the app; a path it keeps does', async () => {
  const reached: string[] = []
  const handler = fromFetchHandler((r) => (reached.push(new URL(r.url).pathname), new Response('ok')))
  for (const target of ['/api/x\\..\\..\\secret', '/apis/%2E./secret', '/a/./b', '/a/..', '*']) {
    const res = await handler(requestTo(target).req)
    assert.is(res._tag === 'Http' && res.status, 400, target)
  }
  for (const target of ['/a%2Fb', '/a%20b%22', '/caf%C3%A9', '/a..b/.c', '/']) {
    const res = await handler(requestTo(target).req)
    assert.is(res._tag === 'Http' && res.status, 200, target)
  }
  assert.equal(reached, ['/a%2Fb', '/a%20b%22', '/caf%C3%A9', '/a..b/.c', '/'])
})

shapes('a method a Web Request cannot carry gets 405, not a defect', async () => {
  const handler = fromFetchHandler(() => new Response('ok'))
  for (const method of ['TRACE', 'CONNECT', 'track']) {
    const res = await handler(requestTo('/', method).req)
    assert.is(res._tag === 'Http' && res.status, 405, method)
  }
})

shapes('a streamed body is cancelled when the request’s token is, even while a read waits on it', async () => {
  let cancelled = false
  const stuck = new ReadableStream<Uint8Array>({
    start: (c) => c.enqueue(new TextEncoder().encode('first')),
    pull: () => new Promise<void>(() => {}), // never sends again
    cancel: () => void (cancelled = true),
  })
  const { source, req } = requestTo('/')
  const res = await fromFetchHandler(() => new Response(stuck))(req)
  if (res._tag !== 'Http' || res.body._tag !== 'Stream') throw new Error('expected a streamed response')
  const it = res.body.chunks[Symbol.asyncIterator]()
  assert.equal(Buffer.from((await it.next()).value as Uint8Array).toString(), 'first')
  const waiting = it.next()
  source.cancel(new Error('the deadline passed'))
  let timer: NodeJS.Timeout | undefined
  const bound = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('expected the waiting read to end')), 5_000)))
  assert.is((await Promise.race([waiting, bound]).finally(() => clearTimeout(timer))).done, true)
  assert.is(cancelled, true)
})

shapes('anything but a Response from the app is a defect that says what it got', async () => {
  for (const [got, what] of [
    [undefined, 'undefined'],
    [{ status: 200 }, 'object'],
  ] as const) {
    const failed = await Promise.resolve(fromFetchHandler(() => got as unknown as globalThis.Response)(requestTo('/').req)).then(
      () => 'resolved',
      (e: Error) => e.message,
    )
    assert.is(failed, `expected a Response from the fetch handler, got ${what}`)
  }
})

shapes('a Response of another fetch implementation (its own Headers class) is taken as one', async () => {
  class OtherHeaders extends Map<string, string> {
    getSetCookie(): string[] {
      return []
    }
  }
  const other = { status: 202, type: 'default', headers: new OtherHeaders([['x-other', 'yes']]), body: null }
  const res = await fromFetchHandler(() => other as unknown as globalThis.Response)(requestTo('/').req)
  assert.equal(res._tag === 'Http' && [res.status, res.headers['x-other'], res.body._tag], [202, 'yes', 'Empty'])
})

shapes('a network error from the app is a defect', async () => {
  const failed = await Promise.resolve(fromFetchHandler(() => globalThis.Response.error())(requestTo('/').req)).then(
    () => 'resolved',
    (e: Error) => e.message,
  )
  assert.match(failed, 'network error')
})

shapes.run()

const wire = suite('fromFetchHandler: a Hono app behind the secure chain, served by toNodeListener')

const send = async (port: number, method: string, path: string, body?: string) => {
  const r = await ask(port, path, { method, headers: auth, body })
  return { status: r.status, headers: r.headers, body: r.body.toString('utf8') }
}

wire('GET, POST with a body, a stream and an error over a socket', async () => {
  const server = createServer(toNodeListener(handler, { log: quiet }))
  const port = await listen(server)
  try {
    const who = await send(port, 'GET', '/whoami')
    assert.equal([who.status, JSON.parse(who.body).user], [200, 'admin'])
    assert.type(who.headers['audit-id'], 'string')
    const echo = await send(port, 'POST', '/echo', 'x'.repeat(100_000))
    assert.equal([echo.status, echo.body.length], [200, 100_004])
    const streamed = await send(port, 'GET', '/stream')
    assert.equal([streamed.status, streamed.body, streamed.headers['transfer-encoding']], [200, 'one,two,three', 'chunked'])
    const boom = await send(port, 'GET', '/boom')
    assert.is(boom.status, 500)
  } finally {
    await closeHttp(server)
  }
})

wire.run()
