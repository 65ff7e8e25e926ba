// End to end over a real loopback socket: the insecure chain served by toNodeListener.
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { createServer } from 'node:http'
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import { type ServerContext, insecureChain, standaloneContext, replace } from '../../src/chains/index.js'
import { userKey } from '../../src/auth/index.js'
import { type Config, newConfig } from '../../src/config/index.js'
import {
  type Chain,
  type Handler,
  type Request,
  type Response,
  build,
  defaultDeps,
  put,
  recordingLogger,
  step,
  text,
} from '../../src/core/index.js'
import { toNodeListener } from '../../src/serve/index.js'
import { ask, closeHttp, deferred, listen, within } from '../support/http-client.js'

const cfgOf = (overrides: object): Config => {
  const c = newConfig(overrides)
  if (E.isLeft(c)) throw new Error(JSON.stringify(c.left))
  return c.right
}

type ChainOf = (ctx: ServerContext, cfg: Config) => Chain

/** The insecure chain with its superuser replaced by an ordinary user, who gets no max-in-flight exemption. */
const asJane: ChainOf = (ctx, cfg) => {
  const jane = { name: 'jane', uid: '1', groups: ['system:authenticated'], extra: {} }
  const authn = step('authentication', (next) => (req) => next(put(req, userKey, jane)), { provides: [userKey] })
  const edited = pipe(insecureChain(ctx, cfg), replace('authentication', authn))
  if (E.isLeft(edited)) throw new Error(edited.left._tag)
  return edited.right
}

const serve = async (handler: Handler, cfg: Config, chainOf: ChainOf = insecureChain) => {
  const logger = recordingLogger()
  const ctx = standaloneContext({ ...defaultDeps, log: logger.log })
  const chain = build(chainOf(ctx, cfg))(handler)
  const server = createServer(toNodeListener(chain, { log: logger.log }))
  const port = await listen(server)
  return { port, runtime: ctx.runtime, seats: ctx.runtime.maxInFlightSeats(cfg), logger, close: () => closeHttp(server) }
}

/** Resolves once `seen` holds `n` copies of `value`; polls a bounded number of times. */
const untilCount = async (seen: ReadonlyArray<number>, value: number, n: number): Promise<number> => {
  for (let i = 0; i < 1000; i++) {
    const count = seen.filter((x) => x === value).length
    if (count >= n) return count
    await new Promise((r) => setTimeout(r, 5))
  }
  return seen.filter((x) => x === value).length
}

/** A handler that holds every request at a gate until the test opens it, counting those admitted. */
const held = () => {
  const gate = deferred()
  let count = 0
  const slow: Handler = async () => {
    count++
    await gate.promise
    return text(200, 'done')
  }
  return { gate, slow, admitted: () => count }
}

const e2e = suite('insecure chain over loopback')

e2e('twice the in-flight budget of slow requests: exactly the overflow gets 429 with Retry-After: 1', async () => {
  const budget = 4
  const { gate, slow, admitted } = held()
  const s = await serve(slow, cfgOf({ maxRequestsInFlight: budget, maxMutatingRequestsInFlight: budget }), asJane)
  try {
    const arrived: number[] = []
    const replies = Array.from({ length: 2 * budget }, () => ask(s.port, '/api/v1/pods').then((r) => (arrived.push(r.status), r)))
    for (const r of replies) r.catch(() => undefined) // a failed assertion closes the server under them
    // The 429s come back while the admitted requests are still held at the gate.
    const rejected = await within(untilCount(arrived, 429, budget), 5_000, 'the overflow 429s')
    assert.is(rejected, budget)
    assert.is(admitted(), budget)
    gate.resolve()
    const all = await within(Promise.all(replies), 5_000, 'all replies')
    assert.equal(all.map((r) => r.status).sort(), [200, 200, 200, 200, 429, 429, 429, 429])
    for (const r of all.filter((x) => x.status === 429)) {
      assert.is(r.headers['retry-after'], '1')
      assert.is(r.body.toString(), 'Too many requests, please try again later.\n')
    }
    assert.is(s.seats.readOnly?.inFlight(), 0)
    assert.is(s.runtime.nonLongRunningRequestWaitGroup.count(), 0)
  } finally {
    gate.resolve()
    await s.close()
  }
})

e2e('the insecure superuser is in system:masters, so a full budget does not refuse it (as upstream)', async () => {
  const { gate, slow, admitted } = held()
  const s = await serve(slow, cfgOf({ maxRequestsInFlight: 1, maxMutatingRequestsInFlight: 1 }))
  try {
    const replies = [ask(s.port, '/api/v1/pods'), ask(s.port, '/api/v1/pods'), ask(s.port, '/api/v1/pods')]
    for (const r of replies) r.catch(() => undefined) // a failed assertion closes the server under them
    for (let i = 0; i < 200 && admitted() < 3; i++) await new Promise((r) => setTimeout(r, 5))
    assert.is(admitted(), 3)
    gate.resolve()
    assert.equal(
      (await within(Promise.all(replies), 5_000, 'replies')).map((r) => r.status),
      [200, 200, 200],
    )
    assert.is(s.seats.readOnly?.inFlight(), 0)
  } finally {
    gate.resolve()
    await s.close()
  }
})

e2e('a handler that never answers gets 504 at the deadline and its signal is aborted', async () => {
  let inner: Request | undefined
  const never: Handler = (req) => ((inner = req), new Promise<Response>(() => undefined))
  const s = await serve(never, cfgOf({ requestTimeout: 300 }))
  try {
    const started = Date.now()
    const r = await within(ask(s.port, '/api/v1/pods'), 5_000, 'the 504')
    assert.is(r.status, 504)
    assert.ok(Date.now() - started >= 250, 'answered before the deadline')
    assert.is(
      r.body.toString(),
      '{"metadata":{},"status":"Failure","message":"Timeout: request did not complete within the allotted timeout","reason":"Timeout","details":{},"code":504}\n',
    )
    assert.is(inner?.signal.aborted, true)
    assert.is(s.runtime.nonLongRunningRequestWaitGroup.count(), 0)
  } finally {
    await s.close()
  }
})

e2e('a handler that throws gives 500 and the server keeps serving', async () => {
  const throwing: Handler = (req) => {
    if (req.path === '/boom') throw new Error('boom')
    return Promise.resolve(text(200, 'fine'))
  }
  const s = await serve(throwing, cfgOf({}))
  try {
    const r = await ask(s.port, '/boom')
    assert.is(r.status, 500)
    assert.is(r.body.toString(), 'This request caused apiserver to panic. Look in the logs for details.\n')
    const ok = await ask(s.port, '/fine')
    assert.is(ok.status, 200)
    assert.is(ok.body.toString(), 'fine')
    assert.ok(s.logger.entries.some((e) => e.msg === "apiserver panic'd"))
  } finally {
    await s.close()
  }
})

e2e.run()
