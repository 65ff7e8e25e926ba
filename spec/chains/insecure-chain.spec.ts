import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import * as E from 'fp-ts/lib/Either.js'
import * as O from 'fp-ts/lib/Option.js'
import fc from 'fast-check'
import {
  buildInsecureHandlerChain,
  checkChain,
  insecureChain,
  standaloneContext,
  requestInfoResolverConfig,
} from '../../src/chains/index.js'
import { type Config, newConfig } from '../../src/config/index.js'
import {
  type Deps,
  type Handler,
  type Request,
  type Response,
  fakeClock,
  get,
  recordingLogger,
  stream,
  text,
} from '../../src/core/index.js'
import { userKey } from '../../src/auth/index.js'
import { makeRequest, run, statusOf, bodyText, chunksOf } from '../support/request.js'

const cfgOf = (overrides: object = {}): Config => {
  const c = newConfig(overrides)
  if (E.isLeft(c)) throw new Error(JSON.stringify(c.left))
  return c.right
}

const testDeps = () => {
  const clock = fakeClock(1_000_000)
  const logger = recordingLogger()
  const deps: Deps = { clock, newId: () => 'id-1', random: () => 0.5, log: logger.log }
  return { clock, deps, logger }
}

const chain = suite('insecureChain')

chain('runs upstream’s insecure steps in order, modernised for today’s rules', () => {
  const names = insecureChain(standaloneContext(testDeps().deps), cfgOf()).map((s) => s.name)
  assert.equal(names, [
    'panic-recovery',
    'cache-control',
    'request-received-timestamp',
    'request-info',
    'wait-group',
    'request-deadline',
    'timeout',
    'warning-recorder',
    'cors',
    'authentication',
    'max-in-flight',
    'request-metrics',
  ])
})

chain('passes checkChain', () => {
  assert.ok(E.isRight(checkChain(insecureChain(standaloneContext(testDeps().deps), cfgOf()))))
})

const swapped = (a: string, b: string) => {
  const steps = insecureChain(standaloneContext(testDeps().deps), cfgOf())
  const i = steps.findIndex((s) => s.name === a)
  const j = steps.findIndex((s) => s.name === b)
  const out = [...steps]
  ;[out[i], out[j]] = [out[j]!, out[i]!]
  return out
}

chain('checkChain rejects the orders §1.2 forbids', () => {
  const cases: ReadonlyArray<[string, string, string]> = [
    ['warning-recorder', 'timeout', 'MustRunInside'],
    ['request-deadline', 'timeout', 'MustRunInside'],
    ['request-info', 'wait-group', 'ProviderInside'],
    ['request-received-timestamp', 'request-deadline', 'ProviderInside'],
    ['cors', 'authentication', 'MustRunOutside'],
    ['authentication', 'max-in-flight', 'MustRunInside'],
  ]
  for (const [a, b, tag] of cases) {
    const r = checkChain(swapped(a, b))
    assert.ok(E.isLeft(r), `${a} <-> ${b} should be rejected`)
    if (E.isLeft(r))
      assert.ok(
        r.left.some((v) => v._tag === tag),
        `${a} <-> ${b}: expected ${tag}, got ${r.left.map((v) => v._tag)}`,
      )
  }
})

chain('property: any order checkChain accepts keeps request-info outside every reader and warnings inside timeout', () => {
  const steps = insecureChain(standaloneContext(testDeps().deps), cfgOf())
  fc.assert(
    fc.property(fc.shuffledSubarray([...steps], { minLength: steps.length, maxLength: steps.length }), (perm) => {
      if (E.isLeft(checkChain(perm))) return
      const at = (n: string) => perm.findIndex((s) => s.name === n)
      for (const reader of ['wait-group', 'request-deadline', 'timeout', 'max-in-flight']) assert.ok(at('request-info') < at(reader))
      assert.ok(at('timeout') < at('warning-recorder'))
    }),
    { numRuns: 300 },
  )
})

chain('resolver prefixes come from the legacy prefixes', () => {
  assert.equal(requestInfoResolverConfig({ legacyApiGroupPrefixes: ['/api'] }), {
    apiPrefixes: ['apis', 'api'],
    grouplessApiPrefixes: ['api'],
  })
})

const behaviour = suite('buildInsecureHandlerChain')

const hello: Handler = (req) => text(200, `hello ${O.getOrElse(() => 'nobody')(O.map((u: { name: string }) => u.name)(get(req, userKey)))}`)

behaviour('serves as system:unsecured with Cache-Control set', async () => {
  const { deps } = testDeps()
  const res = await run(buildInsecureHandlerChain(hello, standaloneContext(deps), cfgOf()), makeRequest('/api/v1/pods'))
  assert.is(statusOf(res), 200)
  assert.is(await bodyText(res), 'hello system:unsecured')
  assert.is(res.headers['cache-control'], 'no-cache, private')
})

behaviour('a handler that never answers gets 504 at the deadline and its signal is aborted', async () => {
  const { deps, clock } = testDeps()
  let inner: Request | undefined
  const never: Handler = (req) => ((inner = req), new Promise<Response>(() => undefined))
  const pending = run(
    buildInsecureHandlerChain(never, standaloneContext(deps), cfgOf({ requestTimeout: 5_000 })),
    makeRequest('/api/v1/pods'),
  )
  await Promise.resolve()
  clock.advance(4_999)
  assert.is(inner?.signal.aborted, false)
  clock.advance(1)
  const res = await pending
  assert.is(statusOf(res), 504)
  assert.match(await bodyText(res), '"message":"Timeout: request did not complete within the allotted timeout"')
  assert.is(inner?.signal.aborted, true)
})

behaviour('a bad ?timeout= is a 400 Status', async () => {
  const res = await run(
    buildInsecureHandlerChain(hello, standaloneContext(testDeps().deps), cfgOf()),
    makeRequest('/api/v1/pods?timeout=foo'),
  )
  assert.is(statusOf(res), 400)
  assert.match(await bodyText(res), 'invalid timeout specified in the request URL - time: invalid duration \\"foo\\"')
})

behaviour('a throwing handler gets 500 and the chain keeps serving', async () => {
  const { deps, logger } = testDeps()
  let calls = 0
  const flaky: Handler = (req) => (++calls === 1 ? Promise.reject(new Error('boom')) : hello(req))
  const h = buildInsecureHandlerChain(flaky, standaloneContext(deps), cfgOf())
  assert.is(statusOf(await run(h, makeRequest('/api/v1/pods'))), 500)
  assert.is(statusOf(await run(h, makeRequest('/api/v1/pods'))), 200)
  assert.ok(logger.entries.some((e) => e.msg === "apiserver panic'd"))
})

behaviour('the wait group and the seats track a request until its work is done', async () => {
  const cfg = cfgOf()
  const ctx = standaloneContext(testDeps().deps)
  const { runtime } = ctx
  const counts = () => [runtime.nonLongRunningRequestWaitGroup.count(), runtime.maxInFlightSeats(cfg).readOnly?.inFlight()]
  const complete = await run(buildInsecureHandlerChain(hello, ctx, cfg), makeRequest('/api/v1/pods'))
  assert.equal(counts(), [0, 0], 'a complete response: given back when it was answered')
  assert.is(statusOf(complete), 200)
  const streaming: Handler = () => stream(200, chunksOf('a', 'b'))
  const streamed = await run(buildInsecureHandlerChain(streaming, ctx, cfg), makeRequest('/api/v1/pods'))
  assert.equal(counts(), [1, 1], 'a stream: held until it ended')
  for (const f of streamed.finalizers) f('finished')
  assert.equal(counts(), [0, 0])
})

chain.run()
behaviour.run()
