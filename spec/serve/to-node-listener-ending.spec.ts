import { Agent, type Server, type ServerResponse, createServer, request } from 'node:http'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { type Handler, abortHandler, addFinalizer, bytes, stream, takeover, text } from '../../src/core/index.js'
import { toNodeListener } from '../../src/serve/index.js'
import { ask, closeHttp, deferred, listen, turn, within } from '../support/http-client.js'
import { answerLater, finalized, logLine } from '../support/serve-fixtures.js'

const ending = suite<{ server: Server; port: number; handler: Handler; logged: string[] }>('toNodeListener: endings and defects', {
  server: undefined as unknown as Server,
  port: 0,
  handler: () => Promise.resolve(text(200, 'unset')),
  logged: [],
})

ending.before(async (ctx) => {
  ctx.server = createServer(toNodeListener((req) => ctx.handler(req), { log: (e) => ctx.logged.push(logLine(e)) }))
  ctx.port = await listen(ctx.server)
})

ending.before.each((ctx) => {
  ctx.logged = []
})

ending.after((ctx) => closeHttp(ctx.server))

ending('runs finalizers once with "finished" after the response was written', async (ctx) => {
  const f = finalized(text(200, 'done'))
  ctx.handler = answerLater(f.res)
  const r = await ask(ctx.port, '/')
  assert.is(r.body.toString(), 'done')
  await within(f.ended, 2000, 'the finalizer')
  await turn()
  assert.equal(f.outcomes, ['finished'])
})

ending('runs finalizers once with "aborted" when the client goes away mid-stream, and stops the stream', async (ctx) => {
  const stopped = deferred()
  const f = finalized(
    stream(
      200,
      (async function* () {
        try {
          for (;;) yield Buffer.alloc(64 * 1024, 1)
        } finally {
          stopped.resolve()
        }
      })(),
    ),
  )
  ctx.handler = answerLater(f.res)
  await new Promise<void>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: ctx.port, path: '/', agent: false }, (res) => {
      res.once('data', () => {
        req.destroy()
        resolve()
      })
    })
    req.on('error', () => undefined)
    req.on('close', resolve)
    req.end()
    req.on('timeout', reject)
  })
  await within(f.ended, 2000, 'the finalizer')
  await within(stopped.promise, 2000, 'the stream to be returned')
  await turn()
  assert.equal(f.outcomes, ['aborted'])
})

ending('cancels req.signal and req.cancel when the client disconnects while the handler waits', async (ctx) => {
  const entered = deferred()
  const viaSignal = deferred<unknown>()
  const viaToken = deferred<unknown>()
  const late = finalized(text(200, 'too late'))
  ctx.handler = (req) =>
    new Promise((resolve) => {
      req.signal.addEventListener('abort', () => viaSignal.resolve(req.signal.reason))
      req.cancel.onCancel((reason) => {
        viaToken.resolve(reason)
        resolve(late.res)
      })
      entered.resolve()
    })
  const req = request({ host: '127.0.0.1', port: ctx.port, path: '/wait', agent: false })
  req.on('error', () => undefined)
  req.end()
  await within(entered.promise, 2000, 'the handler to start')
  req.destroy()
  const reason = await within(viaToken.promise, 2000, 'req.cancel to fire')
  assert.instance(reason, Error)
  assert.is((reason as Error).message, 'client disconnected')
  assert.is(await within(viaSignal.promise, 2000, 'req.signal to abort'), reason)
  await within(late.ended, 2000, 'the finalizer of the late response')
  // the request was cancelled at the client's FIN, so the late response went into the half-open
  // connection before the peer's reset could be seen: written, as Go's handler would have written it
  assert.equal(late.outcomes, ['finished'])
})

ending('does not cancel a request whose response finished', async (ctx) => {
  let cancelled = false
  const f = finalized(text(200, 'ok'))
  ctx.handler = (req) => {
    req.cancel.onCancel(() => (cancelled = true))
    return Promise.resolve(f.res)
  }
  await ask(ctx.port, '/')
  await within(f.ended, 2000, 'the finalizer')
  assert.is(cancelled, false)
  assert.equal(f.outcomes, ['finished'])
})

ending('watches the connection with one close listener, only when someone needs it', async (ctx) => {
  const counts: number[] = []
  const probe = (res: ServerResponse): void => {
    counts.push(res.listenerCount('close'))
    res.end('x')
  }
  ctx.handler = answerLater(takeover((_req, res) => probe(res)))
  await ask(ctx.port, '/')
  const f = finalized(takeover((_req, res) => probe(res)))
  ctx.handler = (req) => {
    req.cancel.onCancel(() => undefined)
    return Promise.resolve(f.res)
  }
  await ask(ctx.port, '/')
  await within(f.ended, 2000, 'the finalizer')
  assert.is(counts.length, 2)
  assert.is(counts[1], (counts[0] ?? 0) + 1, `expected one more close listener, got ${counts.join(' then ')}`)
  assert.equal(f.outcomes, ['finished'])
})

ending(
  'finishes each response of a kept-alive connection without piling up socket listeners, and cancels a later request when the client goes away',
  async (ctx) => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 })
    const socketListeners: number[] = []
    const outcomes: string[] = []
    let cancelled = 0
    ctx.handler = (req) => {
      req.cancel.onCancel(() => (cancelled += 1))
      socketListeners.push(req.raw?.socket?.listenerCount('close') ?? -1)
      return Promise.resolve(addFinalizer((o) => void outcomes.push(o))(text(200, 'ok')))
    }
    for (let i = 0; i < 4; i++) assert.is((await ask(ctx.port, '/', { agent })).status, 200)
    assert.is(new Set(socketListeners.slice(1)).size, 1, `expected a steady listener count, got ${socketListeners.join(', ')}`)
    assert.equal(outcomes, ['finished', 'finished', 'finished', 'finished'])
    const entered = deferred()
    const gone = deferred<unknown>()
    ctx.handler = (req) =>
      new Promise((resolve) => {
        req.cancel.onCancel((reason) => {
          gone.resolve(reason)
          resolve(text(200, 'late'))
        })
        entered.resolve()
      })
    const req = request({ host: '127.0.0.1', port: ctx.port, path: '/wait', agent })
    req.on('error', () => undefined)
    req.end()
    await within(entered.promise, 2000, 'the handler to start')
    req.destroy()
    const reason = await within(gone.promise, 2000, 'req.cancel to fire')
    assert.is((reason as Error).message, 'client disconnected')
    assert.is(cancelled, 0)
    agent.destroy()
  },
)

ending('answers a handler that throws with a 500 Status, logs it, and serves the next request', async (ctx) => {
  ctx.handler = () => {
    throw new Error('boom')
  }
  const r = await ask(ctx.port, '/sync')
  assert.is(r.status, 500)
  const status = JSON.parse(r.body.toString()) as { kind: string; reason: string; code: number }
  assert.equal([status.kind, status.reason, status.code], ['Status', 'InternalError', 500])
  assert.equal(ctx.logged, ['error the handler failed: GET /sync'])
  ctx.handler = answerLater(text(200, 'fine'))
  assert.is((await ask(ctx.port, '/')).status, 200)
})

ending('cuts the connection quietly on abortHandler, before or after the headers', async (ctx) => {
  ctx.handler = () => Promise.reject(abortHandler)
  const before = await ask(ctx.port, '/').then(
    (r) => `answered ${r.status}`,
    () => 'cut off',
  )
  assert.is(before, 'cut off')
  ctx.handler = answerLater(
    stream(
      200,
      (async function* () {
        yield 'partial'
        throw abortHandler
      })(),
    ),
  )
  const after = await ask(ctx.port, '/').then(
    (r) => `answered ${r.status}`,
    () => 'cut off',
  )
  assert.is(after, 'cut off')
  assert.equal(ctx.logged, [])
  ctx.handler = answerLater(text(200, 'fine'))
  assert.is((await ask(ctx.port, '/')).status, 200)
})

ending('answers a handler that throws or rejects with a 500 Status', async (ctx) => {
  ctx.handler = () => {
    throw new Error('task threw')
  }
  assert.is((await ask(ctx.port, '/')).status, 500)
  ctx.handler = () => Promise.reject(new Error('rejected'))
  assert.is((await ask(ctx.port, '/')).status, 500)
  assert.is(ctx.logged.length, 2)
})

ending('answers 500 when the response has a header node refuses, without the bad header', async (ctx) => {
  const f = finalized(text(200, 'x', { 'x-bad': 'a\r\nx-injected: 1' }))
  ctx.handler = answerLater(f.res)
  const r = await ask(ctx.port, '/')
  assert.is(r.status, 500)
  assert.is(r.headers['x-injected'], undefined)
  await within(f.ended, 2000, 'the finalizer')
  assert.equal(f.outcomes, ['aborted'])
})

ending('answers 500 to a stream response with a bad header and lets its producer stop', async (ctx) => {
  const stopped = deferred()
  const iterable: AsyncIterable<string> = {
    [Symbol.asyncIterator]: () => ({
      next: () => Promise.resolve({ done: false, value: 'never written' }),
      return: () => {
        stopped.resolve()
        return Promise.resolve({ done: true, value: undefined })
      },
    }),
  }
  ctx.handler = answerLater(stream(200, iterable, { 'x-bad': 'a\nb' }))
  const r = await ask(ctx.port, '/')
  assert.is(r.status, 500)
  await within(stopped.promise, 2000, 'the stream to be returned')
})

ending('cuts the connection when a stream throws after the headers, logs it, and serves the next request', async (ctx) => {
  const f = finalized(
    stream(
      200,
      (async function* () {
        yield 'partial'
        throw new Error('stream broke')
      })(),
    ),
  )
  ctx.handler = answerLater(f.res)
  const failed = await ask(ctx.port, '/broken').then(
    () => 'completed',
    () => 'cut off',
  )
  assert.is(failed, 'cut off')
  await within(f.ended, 2000, 'the finalizer')
  assert.equal(f.outcomes, ['aborted'])
  assert.equal(ctx.logged, ['error the response stream failed: GET /broken'])
  ctx.handler = answerLater(text(200, 'fine'))
  assert.is((await ask(ctx.port, '/')).status, 200)
})

ending('a throwing logger and a throwing finalizer do not stop the next request', async () => {
  const server = createServer(
    toNodeListener(
      () =>
        Promise.resolve(
          addFinalizer(() => {
            throw new Error('finalizer broke')
          })(bytes(200, 'ok')),
        ),
      {
        log: () => {
          throw new Error('logger broke')
        },
      },
    ),
  )
  const port = await listen(server)
  try {
    assert.is((await ask(port, '/')).status, 200)
    assert.is((await ask(port, '/')).status, 200)
  } finally {
    await closeHttp(server)
  }
})

ending.run()
