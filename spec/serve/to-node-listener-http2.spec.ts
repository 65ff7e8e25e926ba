import { type ClientHttp2Session, type Http2Server, constants, createServer } from 'node:http2'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { type Handler, type Ended, abortHandler, addFinalizer, constant, json, stream, takeover, text } from '../../src/core/index.js'
import { type ListenerOptions, toHttp2StreamListener, toNodeListener } from '../../src/serve/index.js'
import { ask2, closeHttp2, deferred, listen, session2, within } from '../support/http-client.js'
import { answerLater, finalized, logLine } from '../support/serve-fixtures.js'

// The same cases through node's compatibility API (`toNodeListener` on `'request'`) and from the
// `'stream'` event (`toHttp2StreamListener`).
const variants: ReadonlyArray<readonly [string, (handler: Handler, opts: ListenerOptions) => Http2Server]> = [
  ['toNodeListener over HTTP/2', (handler, opts) => createServer(toNodeListener(handler, opts))],
  ['toHttp2StreamListener', (handler, opts) => createServer().on('stream', toHttp2StreamListener(handler, opts))],
]

for (const [name, serverOf] of variants) {
  const h2 = suite<{ server: Http2Server; port: number; session: ClientHttp2Session; handler: Handler; logged: string[] }>(name, {
    server: undefined as unknown as Http2Server,
    port: 0,
    session: undefined as unknown as ClientHttp2Session,
    handler: () => Promise.resolve(text(200, 'unset')),
    logged: [],
  })

  h2.before(async (ctx) => {
    ctx.server = serverOf((req) => ctx.handler(req), { log: (e) => ctx.logged.push(logLine(e)) })
    ctx.port = await listen(ctx.server)
    ctx.session = session2(ctx.port)
  })

  h2.before.each((ctx) => {
    ctx.logged = []
  })

  h2.after((ctx) => closeHttp2(ctx.server, ctx.session))

  h2('answers text and json with content-length; the request carries the path and pseudo-headers', async (ctx) => {
    ctx.handler = (req) => Promise.resolve(text(200, `${req.method} ${req.path} ${String(req.headers[':path'])}`))
    const r = await ask2(ctx.session, '/a%2Fb?x=1')
    assert.is(r.status, 200)
    assert.is(r.body.toString(), 'GET /a/b /a%2Fb?x=1')
    assert.is(r.headers['content-length'], String(r.body.length))
    ctx.handler = answerLater(json(200, { ok: true }))
    const j = await ask2(ctx.session, '/')
    assert.equal(JSON.parse(j.body.toString()), { ok: true })
  })

  h2('answers an answered response in the same turn: status, body, connection headers dropped, finalized', async (ctx) => {
    const f = finalized(text(200, 'now', { connection: 'keep-alive', 'x-kept': '1' }))
    ctx.handler = constant(f.res)
    const r = await ask2(ctx.session, '/now')
    assert.equal([r.status, r.body.toString(), r.headers['x-kept'], r.headers['connection']], [200, 'now', '1', undefined])
    await within(f.ended, 2000, 'the finalizer')
    assert.equal(f.outcomes, ['finished'])
  })

  h2('writes repeated header values as separate fields (node joins them on read)', async (ctx) => {
    ctx.handler = answerLater(text(200, 'x', { 'x-multi': ['a', 'b'] }))
    const r = await ask2(ctx.session, '/')
    assert.is(r.headers['x-multi'], 'a, b')
  })

  h2('answers HEAD without a body but with the content-length', async (ctx) => {
    ctx.handler = answerLater(text(200, 'hello'))
    const r = await ask2(ctx.session, '/', 'HEAD')
    assert.is(r.status, 200)
    assert.is(r.headers['content-length'], '5')
    assert.is(r.body.length, 0)
  })

  h2('streams a body', async (ctx) => {
    ctx.handler = answerLater(
      stream(
        200,
        (async function* () {
          for (let i = 0; i < 50; i++) yield Buffer.alloc(32 * 1024, i)
        })(),
      ),
    )
    const r = await ask2(ctx.session, '/')
    assert.is(r.body.length, 50 * 32 * 1024)
    assert.is(r.body[r.body.length - 1], 49)
  })

  h2('streams short chunks given at once intact, empty ones among them', async (ctx) => {
    ctx.handler = () =>
      stream(
        200,
        (async function* () {
          yield* ['ml0', ' ', '']
        })(),
      )
    for (let i = 0; i < 20; i++) assert.is((await ask2(ctx.session, '/')).body.toString('hex'), '6d6c3020')
  })

  h2('drops connection-specific headers instead of throwing', async (ctx) => {
    ctx.handler = answerLater(text(200, 'x', { 'keep-alive': 'timeout=5', 'transfer-encoding': 'chunked', upgrade: 'h2c', 'x-kept': '1' }))
    const r = await ask2(ctx.session, '/')
    assert.is(r.status, 200)
    assert.is(r.headers['x-kept'], '1')
    assert.is(r.headers['keep-alive'], undefined)
    assert.is(ctx.logged.length, 0)
  })

  h2('maps Connection: close to GOAWAY after the response is delivered', async (ctx) => {
    const session = session2(ctx.port)
    const goaway = deferred<number>()
    session.on('goaway', (code) => goaway.resolve(code))
    session.on('error', () => undefined)
    ctx.handler = answerLater(text(429, 'go away', { connection: 'close', 'retry-after': '5' }))
    try {
      const r = await ask2(session, '/')
      assert.is(r.status, 429)
      assert.is(r.body.toString(), 'go away')
      assert.is(r.headers['connection'], undefined)
      assert.is(await within(goaway.promise, 2000, 'a GOAWAY frame'), constants.NGHTTP2_NO_ERROR)
    } finally {
      session.destroy()
    }
  })

  h2('runs finalizers with "finished", and with "aborted" when the client resets the stream', async (ctx) => {
    const ok = finalized(text(200, 'ok'))
    ctx.handler = answerLater(ok.res)
    await ask2(ctx.session, '/')
    await within(ok.ended, 2000, 'the finalizer')
    assert.equal(ok.outcomes, ['finished'])

    const cut = finalized(
      stream(
        200,
        (async function* () {
          for (;;) yield Buffer.alloc(64 * 1024)
        })(),
      ),
    )
    ctx.handler = answerLater(cut.res)
    const s = ctx.session.request({ ':path': '/' })
    s.on('error', () => undefined)
    s.once('data', () => s.close(constants.NGHTTP2_CANCEL))
    await within(cut.ended, 2000, 'the finalizer')
    assert.equal(cut.outcomes, ['aborted'])
  })

  h2('cancels the request when the client resets the stream while the handler waits', async (ctx) => {
    const entered = deferred()
    const cancelled = deferred<unknown>()
    ctx.handler = (req) =>
      new Promise((resolve) => {
        req.cancel.onCancel((reason) => {
          cancelled.resolve(reason)
          resolve(text(200, 'late'))
        })
        entered.resolve()
      })
    const s = ctx.session.request({ ':path': '/wait' })
    s.on('error', () => undefined)
    await within(entered.promise, 2000, 'the handler to start')
    s.close(constants.NGHTTP2_CANCEL)
    assert.instance(await within(cancelled.promise, 2000, 'the cancellation'), Error)
  })

  h2('answers a rejected promise with 500 and resets the stream of a broken body; the session keeps serving', async (ctx) => {
    ctx.handler = () => Promise.reject(new Error('rejected'))
    assert.is((await ask2(ctx.session, '/')).status, 500)
    ctx.handler = answerLater(
      stream(
        200,
        (async function* () {
          yield 'partial'
          throw new Error('stream broke')
        })(),
      ),
    )
    const failure = await ask2(ctx.session, '/').then(
      () => 'completed',
      (e: Error) => e.message,
    )
    assert.match(failure, /NGHTTP2_INTERNAL_ERROR/)
    ctx.handler = answerLater(text(200, 'fine'))
    assert.is((await ask2(ctx.session, '/')).body.toString(), 'fine')
    assert.is(ctx.logged.length, 2)
  })

  h2('resets only the stream on abortHandler, quietly; the session keeps serving', async (ctx) => {
    ctx.handler = () => Promise.reject(abortHandler)
    const failure = await ask2(ctx.session, '/').then(
      (r) => `answered ${r.status}`,
      (e: Error) => e.message,
    )
    assert.match(failure, /NGHTTP2_INTERNAL_ERROR/)
    assert.equal(ctx.logged, [])
    ctx.handler = answerLater(text(200, 'fine'))
    assert.is((await ask2(ctx.session, '/')).status, 200)
  })

  h2('refuses a takeover with 505: a node:http listener is never handed the compatibility req/res', async (ctx) => {
    let called = false
    const outcomes: Ended[] = []
    const res = addFinalizer((o) => outcomes.push(o))(takeover(() => (called = true), { 'x-from-chain': 'yes' }))
    ctx.handler = answerLater(res)
    const r = await ask2(ctx.session, '/legacy')
    assert.is(r.status, 505)
    assert.is(called, false)
    assert.equal(outcomes, ['discarded'])
  })

  h2.run()
}
