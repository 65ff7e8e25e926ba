import { type IncomingHttpHeaders, createServer, request } from 'node:http'
import fc from 'fast-check'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import {
  type Ended,
  type Handler,
  addFinalizer,
  bytes,
  headerValues,
  peerAddress,
  readBodyLimited,
  stream,
  text,
  toResponse,
} from '../../src/core/index.js'
import { chainContext } from '../../src/serve/chain-context.js'
import { inject } from '../../src/serve/inject.js'
import { toNodeListener } from '../../src/serve/to-node-listener.js'
import { closeHttp, listen } from '../support/http-client.js'
import { adminToken, keptLog, secured } from './fetch-fixtures.js'

const quiet = keptLog().log

/** Echoes what it was sent as JSON: method, path, query, the lines of `x-many`, the user, the body. */
const echo: Handler = async (req) => {
  const body = await readBodyLimited(req, 16)()
  if (body._tag === 'Left') return toResponse(body.left)
  const user = chainContext(req).user?.name ?? null
  const sent = Buffer.from(body.right).toString()
  return text(
    200,
    JSON.stringify({ method: req.method, path: req.path, query: req.rawQuery, many: headerValues(req, 'x-many'), user, sent }),
  )
}

const requests = suite('inject: the request it makes')

requests('method, target, header lines kept apart and a string body reach the handler', async () => {
  const res = await inject(echo, { method: 'post', url: '/a%2Fb?x=1', headers: { 'X-Many': ['a', 'b'] }, body: 'hi', log: quiet })
  assert.is(res.status, 200)
  assert.equal(res.json(), { method: 'POST', path: '/a/b', query: 'x=1', many: ['a', 'b'], user: null, sent: 'hi' })
})

requests('an object body is sent as JSON with its content type and length', async () => {
  let seen: Record<string, unknown> = {}
  const handler: Handler = async (req) => {
    const body = await readBodyLimited(req, 0)()
    seen = {
      type: req.headers['content-type'],
      length: req.headers['content-length'],
      body: body._tag === 'Right' && Buffer.from(body.right).toString(),
    }
    return text(200, 'ok')
  }
  await inject(handler, { method: 'PUT', url: '/', body: { a: [1] } })
  assert.equal(seen, { type: 'application/json', length: '9', body: '{"a":[1]}' })
  await inject(handler, { method: 'PUT', url: '/', body: new Uint8Array([104, 105]), headers: { 'content-type': 'text/plain' } })
  assert.equal(seen, { type: 'text/plain', length: '2', body: 'hi' })
})

requests('repeated headers join as node joins them: ", " in general, "; " for cookie, the first line only for authorization', async () => {
  let seen: Record<string, unknown> = {}
  await inject((req) => ((seen = { ...req.headers }), text(200, 'ok')), {
    url: '/',
    headers: { 'x-a': ['1', '2'], cookie: ['a=1', 'b=2'], authorization: ['Bearer one', 'Bearer two'] },
  })
  assert.equal(seen, { 'x-a': '1, 2', cookie: 'a=1; b=2', authorization: 'Bearer one' })
})

requests('a body over the handler’s limit gets 413; a bad target gets 400', async () => {
  const big = await inject(echo, { method: 'POST', url: '/', body: 'x'.repeat(17), log: quiet })
  assert.is(big.status, 413)
  assert.is((big.json() as { reason: string }).reason, 'RequestEntityTooLarge')
  const bad = await inject(echo, { url: '/%zz' })
  assert.equal([bad.status, bad.text()], [400, '400 Bad Request'])
})

requests('the remote address is the raw request’s peer', async () => {
  let peer: unknown
  await inject((req) => ((peer = peerAddress(req.raw)), text(200, 'ok')), { url: '/', remoteAddress: '10.1.2.3' })
  assert.equal(peer, { remoteAddress: '10.1.2.3' })
})

requests.run()

const responses = suite('inject: the response it gives back')

responses('status, lower-case headers (set-cookie an array) and the body as bytes, text and JSON', async () => {
  const res = await inject(() => bytes(202, '{"ok":true}', { 'Content-Type': 'application/json', 'set-cookie': ['a=1', 'b=2'] }), {
    url: '/',
  })
  assert.is(res.status, 202)
  assert.equal(res.headers, { 'content-length': '11', 'content-type': 'application/json', 'set-cookie': ['a=1', 'b=2'] })
  assert.ok(Buffer.isBuffer(res.body))
  assert.is(res.text(), '{"ok":true}')
  assert.equal(res.json(), { ok: true })
})

responses('a stream is read to the end and finalized as finished; one that fails rejects, aborted', async () => {
  const outcomes: Ended[] = []
  async function* chunks() {
    yield 'a'
    yield 'b'
  }
  const res = await inject(() => addFinalizer((o) => void outcomes.push(o))(stream(200, chunks())), { url: '/' })
  assert.is(res.text(), 'ab')
  async function* failing() {
    yield 'a'
    throw new Error('broken')
  }
  const failed = await inject(() => addFinalizer((o) => void outcomes.push(o))(stream(200, failing())), { url: '/', log: quiet }).then(
    () => 'resolved',
    (e: Error) => e.message,
  )
  assert.is(failed, 'broken')
  assert.equal(outcomes, ['finished', 'aborted'])
})

responses('a handler that throws gets the 500 Status', async () => {
  const res = await inject(
    () => {
      throw new Error('boom')
    },
    { url: '/', log: quiet },
  )
  assert.is(res.status, 500)
  assert.is((res.json() as { reason: string }).reason, 'InternalError')
})

responses('the secure chain in front: 401 without a token, 200 with one and the user, an Audit-ID on both', async () => {
  const handler = secured(echo)
  const refused = await inject(handler, { url: '/hi' })
  assert.is(refused.status, 401)
  assert.type(refused.headers['audit-id'], 'string')
  const ok = await inject(handler, { url: '/hi', headers: { Authorization: `Bearer ${adminToken}` } })
  assert.is(ok.status, 200)
  assert.is((ok.json() as { user: string }).user, 'admin')
  assert.type(ok.headers['audit-id'], 'string')
})

responses.run()

const sameAsWire = suite('inject answers as toNodeListener over a socket does')

/** One request, as data. */
const requestOf = fc.record({
  method: fc.constantFrom('GET', 'HEAD', 'POST', 'DELETE'),
  url: fc.constantFrom('/', '/hi?x=1', '/a%20b', '/bad%zz', '/stream', '/boom'),
  token: fc.constantFrom(undefined, adminToken, 'wrong'),
  many: fc.array(fc.constantFrom('a', 'b', 'c d'), { maxLength: 3 }),
  body: fc.option(fc.string({ maxLength: 24 }), { nil: undefined }),
})

/** `echo`, a stream on `/stream` and a defect on `/boom`, behind the secure chain. */
const served = secured(async (req) => {
  if (req.path === '/boom') throw new Error('boom')
  if (req.path !== '/stream') return echo(req)
  async function* chunks() {
    yield 'one,'
    yield 'two'
  }
  return stream(200, chunks(), { 'content-type': 'text/plain' })
})

/** Headers a client compares: the server's own (`date`, connection handling) left out, the random Audit-ID as a mark. */
const comparable = (headers: Readonly<Record<string, unknown>>): Record<string, unknown> => {
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(headers)) {
    if (k === 'date' || k === 'connection' || k === 'keep-alive' || k === 'transfer-encoding') continue
    out[k] = k === 'audit-id' ? 'set' : v
  }
  return out
}

/** One request on a fresh connection, with a body when given. */
const send = (port: number, method: string, path: string, headers: Record<string, string | string[]>, body?: string) =>
  new Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    const length = body === undefined ? {} : { 'content-length': String(Buffer.byteLength(body)) } // as inject sends it
    const req = request({ host: '127.0.0.1', port, path, method, headers: { ...headers, ...length }, agent: false }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('error', reject)
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }))
    })
    req.on('error', reject)
    req.end(body)
  })

sameAsWire('for any request: the same status, headers and body', async () => {
  const server = createServer(toNodeListener(served, { log: quiet }))
  const port = await listen(server)
  try {
    await fc.assert(
      fc.asyncProperty(requestOf, async (r) => {
        const headers: Record<string, string | string[]> = {}
        if (r.token !== undefined) headers['authorization'] = `Bearer ${r.token}`
        if (r.many.length > 0) headers['x-many'] = r.many
        const mem = await inject(served, { method: r.method, url: r.url, headers, body: r.body, log: quiet })
        const wire = await send(port, r.method, r.url, headers, r.body)
        assert.is(mem.status, wire.status)
        assert.equal(comparable(mem.headers), comparable(wire.headers))
        assert.is(mem.text(), wire.body.toString())
      }),
      { numRuns: 60 },
    )
  } finally {
    await closeHttp(server)
  }
})

sameAsWire.run()
