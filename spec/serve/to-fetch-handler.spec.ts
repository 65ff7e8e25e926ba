import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { WebSocketServer } from 'ws'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import {
  type Ended,
  type Handler,
  type HttpResponse,
  type Request,
  addFinalizer,
  bytes,
  empty,
  headerValues,
  newCancelSource,
  notFound,
  peerAddress,
  readBodyLimited,
  requestBody,
  stream,
  takeover,
  text,
  toResponse,
  upgrade,
  withDeadline,
} from '../../src/core/index.js'
import { toFetchHandler } from '../../src/serve/to-fetch-handler.js'
import { adminToken, counting, keptLog, secured } from './fetch-fixtures.js'

const fetchOf = (handler: Handler) => toFetchHandler(handler, { log: keptLog().log })
const url = (target: string): string => `http://example.test${target}`
const ended = (outcomes: Ended[]) => addFinalizer((o) => void outcomes.push(o))

/** The message a promise rejects with; `'resolved'` when it does not reject. */
const failureOf = (p: Promise<unknown>): Promise<string> =>
  p.then(
    () => 'resolved',
    (e: unknown) => (e instanceof Error ? e.message : String(e)),
  )

const requests = suite('toFetchHandler: the Request a handler sees')

requests('method, decoded path, raw path and query come from the Web request url', async () => {
  let seen: Request | undefined
  const res = await fetchOf((req) => ((seen = req), text(200, 'ok')))(new Request(url('/a%20b/c?x=1&y'), { method: 'DELETE' }))
  assert.is(res.status, 200)
  assert.equal(
    [seen?.method, seen?.path, seen?.rawPath, seen?.rawQuery, seen?.url],
    ['DELETE', '/a b/c', '/a%20b/c', 'x=1&y', '/a%20b/c?x=1&y'],
  )
})

requests('a bad % escape gets 400 Bad Request without calling the handler', async () => {
  let called = false
  const res = await fetchOf(() => ((called = true), text(200, 'ok')))(new Request(url('/bad%zzpath')))
  assert.is(res.status, 400)
  assert.is(await res.text(), '400 Bad Request')
  assert.is(called, false)
})

requests('headers have lower-case names; a repeated header arrives as one value joined with ", "', async () => {
  let seen: Request | undefined
  const headers = new Headers([
    ['X-Thing', 'one'],
    ['Impersonate-Group', 'a'],
    ['Impersonate-Group', 'b'],
  ])
  await fetchOf((req) => ((seen = req), empty(204)))(new Request(url('/'), { headers }))
  assert.is(seen?.headers['x-thing'], 'one')
  assert.equal(headerValues(seen as Request, 'impersonate-group'), ['a, b'])
})

requests('the body is read with readBodyLimited; a body over the limit gets 413', async () => {
  const echo: Handler = async (req) => {
    const body = await readBodyLimited(req, 8)()
    return body._tag === 'Left' ? toResponse(body.left) : bytes(200, body.right)
  }
  const ok = await fetchOf(echo)(new Request(url('/'), { method: 'POST', body: 'hello' }))
  assert.is(ok.status, 200)
  assert.is(await ok.text(), 'hello')
  const big = await fetchOf(echo)(new Request(url('/'), { method: 'POST', body: 'hello, too long' }))
  assert.is(big.status, 413)
  assert.is(big.headers.get('connection'), null)
  assert.match(await big.text(), 'limit is 8')
})

requests('a body past its limit is let go once the 413 is handed over: the client’s endless stream is cancelled', async () => {
  let cancelled = false
  const endless = new ReadableStream<Uint8Array>({
    pull: async (c) => {
      await new Promise((r) => setImmediate(r))
      c.enqueue(new Uint8Array(64 << 10))
    },
    cancel: () => void (cancelled = true),
  })
  const limited: Handler = async (req) => {
    const body = await readBodyLimited(req, 1 << 10)()
    return body._tag === 'Left' ? toResponse(body.left) : empty(200)
  }
  const res = await fetchOf(limited)(new Request(url('/'), { method: 'POST', body: endless, duplex: 'half' } as RequestInit))
  assert.is(res.status, 413)
  await res.text()
  await new Promise((r) => setImmediate(r))
  assert.is(cancelled, true)
})

requests('a body the handler still reads after answering is kept', async () => {
  let later: Promise<string> | undefined
  const early: Handler = (req) => {
    if (req.raw === undefined) return empty(500)
    const body = requestBody(req.raw)
    later = (async () => {
      let got = ''
      for await (const c of body) got += String(c)
      return got
    })()
    return empty(202)
  }
  const res = await fetchOf(early)(new Request(url('/'), { method: 'POST', body: 'all of it' }))
  assert.is(res.status, 202)
  assert.is(await later, 'all of it')
})

requests('the request signal aborting cancels the request’s token', async () => {
  const client = new AbortController()
  let started: () => void = () => undefined
  const running = new Promise<void>((resolve) => (started = resolve))
  const answer = fetchOf(
    (req) =>
      new Promise((resolve) => {
        req.cancel.onCancel((why) => resolve(text(200, `cancelled: ${(why as Error).message}`)))
        started()
      }),
  )(new Request(url('/'), { signal: client.signal }))
  await running
  client.abort(new Error('gone'))
  assert.is(await (await answer).text(), 'cancelled: gone')
})

requests('the peer address given as second argument is the raw request’s peer', async () => {
  let seen: Request | undefined
  await toFetchHandler((req) => ((seen = req), empty(200)))(new Request(url('/')), { remoteAddress: '10.0.0.7', remotePort: 5 })
  assert.equal(peerAddress(seen?.raw), { remoteAddress: '10.0.0.7', remotePort: 5 })
  await toFetchHandler((req) => ((seen = req), empty(200)))(new Request(url('/')), {} as never)
  assert.is(peerAddress(seen?.raw), undefined)
})

requests.run()

const responses = suite('toFetchHandler: the Response it gives')

responses('status, headers (a repeated value appended per value, set-cookie apart) and a Bytes body with its length', async () => {
  const res = await fetchOf(() =>
    text(201, 'héllo', { 'x-many': ['a', 'b'], 'set-cookie': ['c=1', 'd=2'], connection: 'close', 'content-length': '1' }),
  )(new Request(url('/')))
  assert.is(res.status, 201)
  assert.is(res.headers.get('x-many'), 'a, b')
  assert.equal(res.headers.getSetCookie(), ['c=1', 'd=2'])
  assert.is(res.headers.get('connection'), null)
  assert.is(res.headers.get('content-length'), '6')
  assert.is(await res.text(), 'héllo')
})

responses('an Empty body gets content-length 0; 204 and 304 get none', async () => {
  const plain = await fetchOf(() => empty(200))(new Request(url('/')))
  assert.is(plain.headers.get('content-length'), '0')
  const none = await fetchOf(() => empty(204))(new Request(url('/')))
  assert.is(none.headers.get('content-length'), null)
  assert.is(none.body, null)
})

responses('HEAD: a Bytes body keeps its length and sends nothing; a stream is let go unread', async () => {
  const head = await fetchOf(() => text(200, 'hello'))(new Request(url('/'), { method: 'HEAD' }))
  assert.is(head.headers.get('content-length'), '5')
  assert.is(head.body, null)
  const calls: string[] = []
  const chunks: AsyncIterable<string> = {
    [Symbol.asyncIterator]: () => ({
      next: () => (calls.push('next'), Promise.resolve({ done: false, value: 'x' })),
      return: () => (calls.push('return'), Promise.resolve({ done: true, value: undefined })),
    }),
  }
  const outcomes: Ended[] = []
  const streamed = await fetchOf(() => ended(outcomes)(stream(200, chunks)))(new Request(url('/'), { method: 'HEAD' }))
  assert.is(streamed.body, null)
  assert.equal(calls, ['return'])
  assert.equal(outcomes, ['finished'])
})

responses('a one-piece body is finished when handed over, aborted when the client had gone', async () => {
  const outcomes: Ended[] = []
  await fetchOf(() => ended(outcomes)(text(200, 'x')))(new Request(url('/')))
  const client = new AbortController()
  const late = fetchOf(async () => {
    client.abort()
    return ended(outcomes)(text(200, 'x'))
  })
  await late(new Request(url('/'), { signal: client.signal }))
  assert.equal(outcomes, ['finished', 'aborted'])
})

responses('a thrown error gets the 500 Status, logged; a Status error keeps its code', async () => {
  const kept = keptLog()
  const res = await toFetchHandler(
    () => {
      throw new Error('boom')
    },
    { log: kept.log },
  )(new Request(url('/x')))
  assert.is(res.status, 500)
  assert.is(((await res.json()) as { reason: string }).reason, 'InternalError')
  assert.equal(
    kept.entries.map((e) => [e.msg, (e.error as Error).message, e.fields?.['URI']]),
    [['the handler failed', 'boom', '/x']],
  )
  const rejected = await toFetchHandler(() => Promise.reject(new Error('late')), { log: kept.log })(new Request(url('/')))
  assert.is(rejected.status, 500)
  const missing = await fetchOf(() => toResponse(notFound('', 'things', 'x')))(new Request(url('/')))
  assert.is(missing.status, 404)
  assert.is(((await missing.json()) as { code: number }).code, 404)
})

responses('an invalid header value is a defect: 500, and the response it came with is aborted', async () => {
  const outcomes: Ended[] = []
  const res = await fetchOf(() => ended(outcomes)(text(200, 'x', { 'x-bad': 'a\nb' })))(new Request(url('/')))
  assert.is(res.status, 500)
  assert.equal(outcomes, ['aborted'])
})

responses('an upgrade or a takeover gets 501, its finalizers discarded', async () => {
  const outcomes: Ended[] = []
  const wss = new WebSocketServer({ noServer: true })
  const up = await fetchOf(() => ended(outcomes)(upgrade(wss, () => undefined)))(new Request(url('/')))
  const over = await fetchOf(() => ended(outcomes)(takeover(() => undefined)))(new Request(url('/')))
  assert.equal([up.status, over.status], [501, 501])
  assert.match(await over.text(), 'takeover')
  assert.equal(outcomes, ['discarded', 'discarded'])
  wss.close()
})

responses.run()

const streams = suite('toFetchHandler: a Stream body')

streams('is pulled one chunk per read: a slow consumer holds the producer back; cancelled, the producer is stopped', async () => {
  const outcomes: Ended[] = []
  const c = counting()
  const res = await fetchOf(() => ended(outcomes)(stream(200, c.chunks)))(new Request(url('/')))
  const reader = (res.body as ReadableStream<Uint8Array>).getReader()
  assert.is(c.pulled(), 0)
  for (let i = 0; i < 3; i++) await reader.read()
  assert.is(c.pulled(), 3)
  await reader.cancel()
  assert.equal(outcomes, ['aborted'])
  await new Promise((resolve) => setImmediate(resolve))
  assert.ok(c.stopped())
})

streams('read to the end, the stream is finished; strings are sent as UTF-8 and empty chunks skipped', async () => {
  const outcomes: Ended[] = []
  async function* chunks() {
    yield 'é'
    yield ''
    yield new Uint8Array([33])
  }
  const res = await fetchOf(() => ended(outcomes)(stream(200, chunks())))(new Request(url('/')))
  assert.equal(outcomes, [])
  const read: string[] = []
  for await (const chunk of res.body as ReadableStream<Uint8Array>) read.push(Buffer.from(chunk).toString())
  assert.equal(read, ['é', '!'])
  assert.equal(outcomes, ['finished'])
})

streams('cancelled by the consumer, the request’s token is cancelled and the stream aborted', async () => {
  let seen: Request | undefined
  const outcomes: Ended[] = []
  const res = await fetchOf((req) => ((seen = req), ended(outcomes)(stream(200, counting().chunks))))(new Request(url('/')))
  await res.body?.cancel(new Error('bye'))
  assert.is(seen?.cancel.cancelled, true)
  assert.equal(outcomes, ['aborted'])
})

streams('the response deadline cuts a stream still being read: it errors, aborted', async () => {
  const deadline = newCancelSource()
  const outcomes: Ended[] = []
  const res = await fetchOf(() => ended(outcomes)(withDeadline(stream(200, counting().chunks) as HttpResponse, deadline.token)))(
    new Request(url('/')),
  )
  const reader = (res.body as ReadableStream<Uint8Array>).getReader()
  await reader.read()
  deadline.cancel(new Error('timeout'))
  assert.match(await failureOf(reader.read()), 'deadline')
  assert.equal(outcomes, ['aborted'])
})

streams('the client going away cuts a stream; a stream that throws errors the body; both aborted', async () => {
  const client = new AbortController()
  const outcomes: Ended[] = []
  const res = await fetchOf(() => ended(outcomes)(stream(200, counting().chunks)))(new Request(url('/'), { signal: client.signal }))
  const reader = (res.body as ReadableStream<Uint8Array>).getReader()
  await reader.read()
  client.abort(new Error('gone'))
  assert.match(await failureOf(reader.read()), 'client disconnected')
  async function* failing() {
    yield 'a'
    throw new Error('broken')
  }
  const broken = await fetchOf(() => ended(outcomes)(stream(200, failing())))(new Request(url('/')))
  assert.match(await failureOf(broken.text()), 'broken')
  assert.equal(outcomes, ['aborted', 'aborted'])
})

streams.run()

const chain = suite('toFetchHandler: the secure chain in front')

chain('401 without a token, 200 with one, an Audit-ID on both', async () => {
  const serve = fetchOf(secured((req) => text(200, `hello ${req.path}`)))
  const refused = await serve(new Request(url('/hi')))
  assert.is(refused.status, 401)
  assert.ok((refused.headers.get('audit-id') ?? '').length > 0)
  const ok = await serve(new Request(url('/hi'), { headers: { authorization: `Bearer ${adminToken}` } }))
  assert.is(ok.status, 200)
  assert.is(await ok.text(), 'hello /hi')
  assert.ok((ok.headers.get('audit-id') ?? '').length > 0)
})

chain.run()

const overSocket = suite('toFetchHandler served by @hono/node-server on port 0')

overSocket('GET, POST with a body, a stream and an error; a client that leaves mid-stream aborts it and cancels the request', async () => {
  const outcomes: Ended[] = []
  const c = counting()
  let cancelled: () => void = () => undefined
  const wasCancelled = new Promise<void>((resolve) => (cancelled = resolve))
  const handler: Handler = async (req) => {
    if (req.path === '/boom') throw new Error('boom')
    if (req.path === '/endless') {
      req.cancel.onCancel(() => cancelled())
      return ended(outcomes)(stream(200, c.chunks))
    }
    const body = await readBodyLimited(req, 0)()
    return text(200, `${req.method} ${req.path} ${body._tag === 'Right' ? Buffer.from(body.right).length : -1}`)
  }
  const fetchHandler = toFetchHandler(handler, { log: keptLog().log })
  const server = await new Promise<Server>((resolve) => {
    const s = serve({ fetch: (req) => fetchHandler(req), port: 0, hostname: '127.0.0.1' }, () => resolve(s as Server))
  })
  const port = (server.address() as AddressInfo).port
  const info = console.info
  try {
    assert.is(await (await fetch(`http://127.0.0.1:${port}/a`)).text(), 'GET /a 0')
    assert.is(await (await fetch(`http://127.0.0.1:${port}/b`, { method: 'POST', body: 'x'.repeat(200_000) })).text(), 'POST /b 200000')
    assert.is((await fetch(`http://127.0.0.1:${port}/boom`)).status, 500)
    const client = new AbortController()
    const res = await fetch(`http://127.0.0.1:${port}/endless`, { signal: client.signal })
    const reader = (res.body as ReadableStream<Uint8Array>).getReader()
    assert.match(Buffer.from((await reader.read()).value ?? []).toString(), /^0,/)
    console.info = () => undefined // @hono/node-server tells the console of every client that left
    client.abort()
    await wasCancelled
    await new Promise((resolve) => setImmediate(resolve))
    assert.equal(outcomes, ['aborted'])
  } finally {
    console.info = info
    server.closeAllConnections()
    await new Promise((resolve) => server.close(resolve))
  }
})

overSocket.run()
