import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api'
import { InMemorySpanExporter, type ReadableSpan, SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace'
import * as E from 'fp-ts/lib/Either.js'
import * as O from 'fp-ts/lib/Option.js'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import type { UserInfo } from '../../src/auth/user.js'
import { userKey } from '../../src/auth/user.js'
import { checkChain } from '../../src/chains/index.js'
import {
  type Handler,
  type RawRequest,
  type Request,
  constant,
  fakeClock,
  get,
  identity,
  newRequest,
  parseTarget,
  put,
  runFinalizers,
  step,
  stream,
  text,
} from '../../src/core/index.js'
import { tracingScope, tracingStep, withTracing } from '../../src/filters/with-tracing.js'
import {
  auditIdKey,
  receivedTimestampKey,
  requestInfoKey,
  requestInfoResolverDefaults,
  resolveRequestInfo,
} from '../../src/request/index.js'
import { traceContextKey } from '../../src/request/trace-context.js'
import { chunksOf, run } from '../support/request.js'

const resolve = resolveRequestInfo(requestInfoResolverDefaults)
const masters: UserInfo = { name: 'admin', uid: '', groups: ['system:masters', 'system:authenticated'], extra: {} }
const monitoring: UserInfo = { name: 'prom', uid: '', groups: ['system:monitoring', 'system:authenticated'], extra: {} }
const alice: UserInfo = { name: 'alice', uid: '', groups: ['system:authenticated'], extra: {} }
/** Epoch milliseconds, as the real clock gives: the SDK reads a smaller number as a `performance.now()` time. */
const t0 = 1_800_000_000_000
const incoming = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01'

/** A request as the chain has it at `tracing`: audit ID, received timestamp, RequestInfo and (maybe) a user. */
const prepared = (
  url: string,
  opts: { method?: string; headers?: Record<string, string>; raw?: unknown; user?: UserInfo } = {},
): Request => {
  const target = parseTarget(url)
  if (E.isLeft(target)) throw new Error(target.left)
  const base = newRequest({ method: opts.method ?? 'GET', target: target.right, headers: opts.headers ?? {}, raw: opts.raw as RawRequest })
  const info = resolve(base)
  if (E.isLeft(info)) throw new Error(info.left.message)
  const facts = put(put(put(base, auditIdKey, 'audit-7'), requestInfoKey, info.right), receivedTimestampKey, t0)
  return opts.user === undefined ? facts : put(facts, userKey, opts.user)
}

const recorder = () => {
  const exporter = new InMemorySpanExporter()
  const tp = new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter })] })
  return { tp, spans: (): ReadableSpan[] => exporter.getFinishedSpans() }
}

const ms = (s: ReadableSpan, t: 'startTime' | 'endTime'): number => s[t][0] * 1000 + s[t][1] / 1e6

const filter = suite('withTracing')

filter('a server span named as upstream, from the received timestamp to when the work is done', async () => {
  const { tp, spans } = recorder()
  const clock = fakeClock(t0 + 250)
  const h = withTracing(tp, { clock })(constant(text(201, 'made')))
  await run(h, prepared('/api/v1/namespaces/default/configmaps/one/status?dryRun=All', { method: 'PUT', user: alice }))
  const [span] = spans()
  assert.is(spans().length, 1)
  assert.is(span?.name, 'PUT /api/v1/namespaces/{:namespace}/configmaps/{:name}/status')
  assert.is(span?.kind, SpanKind.SERVER)
  assert.is(span?.instrumentationScope.name, tracingScope)
  assert.is(ms(span!, 'startTime'), t0)
  assert.is(ms(span!, 'endTime'), t0 + 250)
  assert.is(span?.attributes['http.target'], '/api/v1/namespaces/default/configmaps/one/status?dryRun=All')
  assert.is(span?.attributes['audit-id'], 'audit-7')
  assert.is(span?.attributes['http.response.status_code'], 201)
  assert.is(span?.attributes['http.response.body.size'], 4)
  assert.is(span?.status.code, SpanStatusCode.UNSET)
  assert.equal(
    span?.events.map((e) => e.name),
    ['authenticated'],
  )
})

filter(
  'span names: group, collections, a namespace object (upstream gives it its own namespace); the method alone for non-resource requests',
  async () => {
    const { tp, spans } = recorder()
    const h = withTracing(tp, { clock: fakeClock() })(constant(text(200, 'ok')))
    for (const url of ['/apis/apps/v1/deployments', '/api/v1/namespaces/kube-system', '/healthz', '/apis/apps/v1/namespaces/x/deployments'])
      await run(h, prepared(url, { user: alice }))
    assert.equal(
      spans().map((s) => s.name),
      [
        'GET /apis/apps/v1/deployments',
        'GET /api/v1/namespaces/{:namespace}/namespaces/{:name}',
        'GET',
        'GET /apis/apps/v1/namespaces/{:namespace}/deployments',
      ],
    )
  },
)

filter("otelhttp's request attributes: method, scheme, server, peer, client, agent, path, protocol", async () => {
  const { tp, spans } = recorder()
  const raw = { socket: { remoteAddress: '10.0.0.7', remotePort: 51234, encrypted: true }, httpVersionMajor: 1, httpVersion: '1.1' }
  const headers = { host: 'api.example:6443', 'user-agent': 'kubectl/v1.31', 'x-forwarded-for': '192.0.2.1, 10.0.0.1' }
  await run(
    withTracing(tp, { clock: fakeClock() })(constant(text(200, 'ok'))),
    prepared('/api/v1/pods?limit=1', { headers, raw, user: alice }),
  )
  const a = spans()[0]?.attributes ?? {}
  assert.equal(
    { ...a },
    {
      'http.request.method': 'GET',
      'url.scheme': 'https',
      'server.address': 'api.example',
      'server.port': 6443,
      'network.peer.address': '10.0.0.7',
      'network.peer.port': 51234,
      'user_agent.original': 'kubectl/v1.31',
      'client.address': '192.0.2.1',
      'url.path': '/api/v1/pods',
      'network.protocol.version': '1.1',
      'http.target': '/api/v1/pods?limit=1',
      'audit-id': 'audit-7',
      'http.response.status_code': 200,
      'http.response.body.size': 2,
    },
  )
})

filter('an unknown method is _OTHER with the original; the default port and an empty agent are left out', async () => {
  const { tp, spans } = recorder()
  const raw = { socket: { remoteAddress: '::1', remotePort: 4000 }, httpVersionMajor: 2, httpVersion: '2.0' }
  const h = withTracing(tp, { clock: fakeClock() })(constant(text(405, 'no')))
  await run(h, prepared('/healthz', { method: 'BREW', headers: { host: 'localhost:80' }, raw, user: alice }))
  const a = spans()[0]?.attributes ?? {}
  assert.is(a['http.request.method'], '_OTHER')
  assert.is(a['http.request.method_original'], 'BREW')
  assert.is(a['url.scheme'], 'http')
  assert.is(a['server.address'], 'localhost')
  assert.is(a['server.port'], undefined)
  assert.is(a['user_agent.original'], undefined)
  assert.is(a['client.address'], '::1')
  assert.is(a['network.protocol.version'], '2')
  assert.is(spans()[0]?.name, 'BREW')
})

const parentage = suite('withTracing parent')

const traced = async (user: UserInfo | undefined): Promise<ReadableSpan> => {
  const { tp, spans } = recorder()
  const h = withTracing(tp, { clock: fakeClock() })(constant(text(200, 'ok')))
  await run(h, prepared('/api/v1/pods', { headers: { traceparent: incoming }, user }))
  const span = spans()[0]
  if (span === undefined) throw new Error('no span')
  return span
}

parentage('a system:masters user continues the incoming trace', async () => {
  const span = await traced(masters)
  assert.is(span.spanContext().traceId, '0af7651916cd43dd8448eb211c80319c')
  assert.is(span.parentSpanContext?.spanId, 'b7ad6b7169203331')
  assert.equal(span.links, [])
})

parentage('a system:monitoring user too, as upstream', async () => {
  const span = await traced(monitoring)
  assert.is(span.parentSpanContext?.spanId, 'b7ad6b7169203331')
})

parentage('anyone else gets a new root span linked to the incoming context', async () => {
  for (const user of [alice, undefined]) {
    const span = await traced(user)
    assert.is.not(span.spanContext().traceId, '0af7651916cd43dd8448eb211c80319c')
    assert.is(span.parentSpanContext, undefined)
    assert.is(span.links.length, 1)
    assert.is(span.links[0]?.context.traceId, '0af7651916cd43dd8448eb211c80319c')
    assert.is(span.links[0]?.context.spanId, 'b7ad6b7169203331')
  }
})

parentage('without traceparent a span is a root without links', async () => {
  const { tp, spans } = recorder()
  await run(withTracing(tp, { clock: fakeClock() })(constant(text(200, 'ok'))), prepared('/api/v1/pods', { user: masters }))
  assert.is(spans()[0]?.parentSpanContext, undefined)
  assert.equal(spans()[0]?.links, [])
})

const ending = suite('withTracing end')

ending('a 5xx sets status Error; a 4xx does not', async () => {
  const { tp, spans } = recorder()
  await run(withTracing(tp, { clock: fakeClock() })(constant(text(503, 'busy'))), prepared('/api/v1/pods', { user: alice }))
  await run(withTracing(tp, { clock: fakeClock() })(constant(text(404, 'gone'))), prepared('/api/v1/pods', { user: alice }))
  assert.equal(
    spans().map((s) => s.status.code),
    [SpanStatusCode.ERROR, SpanStatusCode.UNSET],
  )
})

ending('a defect is recorded as an exception with status Error, and goes on outward', async () => {
  const { tp, spans } = recorder()
  const h = withTracing(tp, { clock: fakeClock() })(() => Promise.reject(new Error('boom')))
  let thrown: unknown
  try {
    await h(prepared('/api/v1/pods', { user: alice }))
  } catch (e) {
    thrown = e
  }
  assert.is((thrown as Error).message, 'boom')
  const span = spans()[0]
  assert.is(span?.status.code, SpanStatusCode.ERROR)
  assert.is(span?.status.message, 'boom')
  assert.ok(span?.events.some((e) => e.name === 'exception' && e.attributes?.['exception.message'] === 'boom'))
})

ending('a streamed response ends the span when it ended, marking an abort', async () => {
  const { tp, spans } = recorder()
  const clock = fakeClock(t0)
  const h = withTracing(tp, { clock })(constant(stream(200, chunksOf('a', 'b'))))
  const res = await run(h, prepared('/api/v1/pods?watch=1', { user: alice }))
  assert.is(spans().length, 0)
  clock.advance(5_000)
  runFinalizers(res, 'aborted')
  assert.is(spans().length, 1)
  assert.is(ms(spans()[0]!, 'endTime'), t0 + 5_000)
  assert.ok(spans()[0]?.events.some((e) => e.name === 'response aborted'))
  assert.is(spans()[0]?.attributes['http.response.body.size'], undefined)
})

ending('inner handlers see the span in TraceContext', async () => {
  const { tp, spans } = recorder()
  let seen: string | undefined
  const inner: Handler = (req) => {
    const ctx = get(req, traceContextKey)
    seen = O.isSome(ctx) ? trace.getSpanContext(ctx.value)?.spanId : undefined
    return text(200, 'ok')
  }
  await run(withTracing(tp, { clock: fakeClock() })(inner), prepared('/api/v1/pods', { user: alice }))
  assert.is(seen, spans()[0]?.spanContext().spanId)
})

const noSdk = suite('withTracing without an SDK')

noSdk('the API default passes the same request on and answers the same response', async () => {
  const inner = constant(text(200, 'ok'))
  let passed: Request | undefined
  const h = withTracing(trace.getTracerProvider(), { clock: fakeClock() })((req) => ((passed = req), inner(req)))
  const req = prepared('/api/v1/pods', { headers: { traceparent: incoming }, user: masters })
  const res = await run(h, req)
  assert.is(passed, req)
  assert.is(res, inner(req))
})

noSdk('a span that is not sampled is not described and the request passes untouched', async () => {
  const exporter = new InMemorySpanExporter()
  const { AlwaysOffSampler } = await import('@opentelemetry/sdk-trace')
  const tp = new TracerProvider({ sampler: new AlwaysOffSampler(), spanProcessors: [new SimpleSpanProcessor({ exporter })] })
  let passed: Request | undefined
  const req = prepared('/api/v1/pods', { user: alice })
  await run(
    withTracing(tp, { clock: fakeClock() })((r) => ((passed = r), text(200, 'ok'))),
    req,
  )
  assert.is(passed, req)
  assert.equal(exporter.getFinishedSpans(), [])
})

const ordering = suite('tracingStep')

ordering('checkChain puts tracing inside authentication and outside audit, impersonation and authorization', () => {
  const s = tracingStep(trace.getTracerProvider(), { clock: fakeClock() })
  const authn = step('authentication', identity, { provides: [userKey] })
  const audit = step('audit', identity)
  const authz = step('authorization', identity)
  assert.ok(E.isRight(checkChain([authn, s, audit, authz])))
  assert.ok(E.isLeft(checkChain([s, authn, audit, authz])))
  assert.ok(E.isLeft(checkChain([authn, audit, s, authz])))
  assert.ok(E.isLeft(checkChain([authn, authz, s])))
  assert.equal(s.provides, [traceContextKey.name])
})

filter.run()
parentage.run()
ending.run()
noSdk.run()
ordering.run()
