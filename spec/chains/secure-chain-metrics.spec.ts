import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import * as E from 'fp-ts/lib/Either.js'
import {
  type Authorizer,
  alwaysAllow,
  alwaysDeny,
  anonymousAuthenticator,
  authenticatedGroupAdder,
  bearerTokenAuthenticator,
  staticTokenAuthenticator,
  unionAuthenticator,
} from '../../src/auth/index.js'
import { buildSecureHandlerChain, standaloneContext } from '../../src/chains/index.js'
import { type Config, newConfig } from '../../src/config/index.js'
import {
  type FakeClock,
  type Handler,
  type Request,
  type Response,
  abortHandler,
  fakeClock,
  plainError,
  runFinalizers,
  toResponse,
  silentLogger,
  text,
} from '../../src/core/index.js'
import type { ApiServerMetrics } from '../../src/metrics/index.js'
import { makeRequest, statusOf } from '../support/request.js'
import { movedBy as movedAll, scrape, scrapeSamples, seriesKey, seriesValues } from '../support/scrape.js'

/** The request series `act` moves; the in-flight watermark (sampled per scrape) only where a spec asks for it. */
const movedBy = (registry: ApiServerMetrics['registry'], prefix: string, act: () => Promise<void>) =>
  movedAll(registry, prefix, act, ['apiserver_current_inflight_requests'])

const cfgOf = (overrides: object = {}): Config => {
  const c = newConfig(overrides)
  if (E.isLeft(c)) throw new Error(JSON.stringify(c.left))
  return c.right
}

const bob = { name: 'bob', uid: '2', groups: [], extra: {} }
const authenticator = unionAuthenticator(
  [authenticatedGroupAdder(bearerTokenAuthenticator(staticTokenAuthenticator(new Map([['bob-token', bob]])))), anonymousAuthenticator()],
  { failOnError: true },
)

const never = new Promise<Response>(() => undefined)
async function* chunks(): AsyncGenerator<string> {
  yield '{"type":"ADDED"}\n'
}
const stream: Response = {
  _tag: 'Http',
  status: 200,
  headers: {},
  body: { _tag: 'Stream', chunks: chunks() },
  finalizers: [],
  deadline: undefined,
}

/** Answers like the API would: slow paths never, `?watch` and `?stream` with a stream, POST 201, else 200 JSON. */
const api: Handler = (req: Request) => {
  if (req.path.includes('/slow')) return never
  if (req.path.includes('/abort')) throw abortHandler
  if (req.path.startsWith('/apis/made.up')) return toResponse(plainError(404, '404 page not found'))
  if (req.path.endsWith('/missing')) return text(404, '{"kind":"Status","code":404}', { 'content-type': 'application/json' })
  if (req.rawQuery.includes('watch') || req.rawQuery.includes('stream')) return { ...stream, finalizers: [] }
  if (req.method === 'POST') return text(201, '{"kind":"ConfigMap"}', { 'content-type': 'application/json' })
  return text(200, '{"kind":"ConfigMapList"}', { 'content-type': 'application/json' })
}

interface Setup {
  readonly clock: FakeClock
  readonly metrics: ApiServerMetrics
  readonly handler: Handler
}

const setup = (overrides: object = {}, authorizer: Authorizer = alwaysAllow): Setup => {
  const clock = fakeClock(1_000_000)
  const ctx = standaloneContext({ clock, newId: () => 'id', random: () => 0.5, log: silentLogger })
  return { clock, metrics: ctx.metrics, handler: buildSecureHandlerChain(api, ctx, cfgOf(overrides), { authenticator, authorizer }) }
}

const asBob = (url: string, method = 'GET', token = 'bob-token'): Request =>
  makeRequest(url, { method, headers: { authorization: `Bearer ${token}` } })

/** The moves of one request as upstream's `MonitorRequest` makes them. */
const monitored = (labels: Record<string, string>, code: string, size: boolean): ReadonlyArray<string> => {
  const { dry_run = '', ...rest } = labels
  const byRequest = { component: 'apiserver', group: '', version: 'v1', subresource: '', ...rest }
  return [
    `${seriesKey('apiserver_request_total', { ...byRequest, dry_run, code })} +1`,
    `${seriesKey('apiserver_request_duration_seconds', { ...byRequest, dry_run })} +1`,
    ...(size ? [`${seriesKey('apiserver_response_sizes', byRequest)} +1`] : []),
  ].sort()
}

const classes = suite('secure chain: each class of request moves exactly its series')

classes('a resource GET, LIST and POST count their verb, scope and code; GET and LIST their size', async () => {
  const s = setup()
  const cases: ReadonlyArray<[Request, ReadonlyArray<string>]> = [
    [
      asBob('/api/v1/namespaces/default/configmaps/foo'),
      monitored({ verb: 'GET', resource: 'configmaps', scope: 'resource' }, '200', true),
    ],
    [asBob('/api/v1/namespaces/default/configmaps'), monitored({ verb: 'LIST', resource: 'configmaps', scope: 'namespace' }, '200', true)],
    [asBob('/api/v1/configmaps'), monitored({ verb: 'LIST', resource: 'configmaps', scope: 'cluster' }, '200', true)],
    [
      asBob('/api/v1/namespaces/default/configmaps?dryRun=All', 'POST'),
      monitored({ verb: 'POST', resource: 'configmaps', scope: 'resource', dry_run: 'All' }, '201', false),
    ],
  ]
  for (const [req, expected] of cases) {
    const moves = await movedBy(s.metrics.registry, 'apiserver_', async () => {
      await s.handler(req)
    })
    assert.equal(moves, expected, req.url)
  }
})

classes('a resource path without a route (the mux’s plain-text 404) does not count; an API handler’s 404 does', async () => {
  const s = setup()
  const unrouted = await movedBy(s.metrics.registry, 'apiserver_', async () => {
    assert.is(statusOf(await s.handler(asBob('/apis/made.up/v1/things'))), 404)
  })
  assert.equal(unrouted, [])
  const missing = await movedBy(s.metrics.registry, 'apiserver_request_total', async () => {
    await s.handler(asBob('/api/v1/namespaces/default/configmaps/missing'))
  })
  assert.equal(
    missing,
    monitored({ verb: 'GET', resource: 'configmaps', scope: 'resource' }, '404', false).filter((m) =>
      m.startsWith('apiserver_request_total'),
    ),
  )
})

classes('an unknown method counts as verb other, so odd methods cannot grow the series', async () => {
  const s = setup()
  const moves = await movedBy(s.metrics.registry, 'apiserver_request_total', async () => {
    await s.handler(asBob('/api/v1/namespaces/default/configmaps/foo', 'BREW'))
  })
  assert.equal(
    moves,
    monitored({ verb: 'other', resource: 'configmaps', scope: 'resource' }, '200', false).filter((m) =>
      m.startsWith('apiserver_request_total'),
    ),
  )
})

classes('a watch is long-running while it streams and counts as WATCH when it ended', async () => {
  const s = setup()
  const watching = seriesKey('apiserver_longrunning_requests', {
    component: 'apiserver',
    group: '',
    version: 'v1',
    resource: 'configmaps',
    subresource: '',
    scope: 'namespace',
    verb: 'WATCH',
  })
  let res: Response | undefined
  const started = await movedBy(s.metrics.registry, 'apiserver_', async () => {
    res = await s.handler(asBob('/api/v1/namespaces/default/configmaps?watch=true'))
  })
  assert.equal(started, [`${watching} +1`])
  const ended = await movedBy(s.metrics.registry, 'apiserver_', async () => {
    runFinalizers(res as Response, 'finished')
  })
  assert.equal(ended, [...monitored({ verb: 'WATCH', resource: 'configmaps', scope: 'namespace' }, '200', false), `${watching} -1`].sort())
})

classes('a health root path counts with component "" and its path as subresource; other non-resource paths do not count', async () => {
  const s = setup()
  const health = await movedBy(s.metrics.registry, 'apiserver_', async () => {
    await s.handler(asBob('/healthz'))
  })
  const labels = { component: '', group: '', version: '', resource: '', subresource: '/healthz', scope: '', verb: 'GET' }
  assert.equal(
    health,
    [
      `${seriesKey('apiserver_request_total', { ...labels, dry_run: '', code: '200' })} +1`,
      `${seriesKey('apiserver_request_duration_seconds', { ...labels, dry_run: '' })} +1`,
      `${seriesKey('apiserver_response_sizes', labels)} +1`,
    ].sort(),
  )
  const version = await movedBy(s.metrics.registry, 'apiserver_', async () => {
    await s.handler(asBob('/version'))
  })
  assert.equal(version, [])
})

classes('401 and 403 are answered before the handlers: no request series moves, as upstream', async () => {
  const s = setup()
  const unauthorized = await movedBy(s.metrics.registry, 'apiserver_', async () => {
    assert.is(statusOf(await s.handler(asBob('/api/v1/configmaps', 'GET', 'wrong'))), 401)
  })
  assert.equal(unauthorized, [])
  const denied = setup({}, alwaysDeny)
  const forbidden = await movedBy(denied.metrics.registry, 'apiserver_', async () => {
    assert.is(statusOf(await denied.handler(asBob('/api/v1/configmaps'))), 403)
  })
  assert.equal(forbidden, [])
})

classes(
  '429 counts in apiserver_request_total and apiserver_request_terminations_total, and the seats show in current_inflight',
  async () => {
    const s = setup({ maxRequestsInFlight: 1 })
    void s.handler(asBob('/api/v1/namespaces/default/configmaps/slow'))
    const moves = await movedBy(s.metrics.registry, 'apiserver_', async () => {
      assert.is(statusOf(await s.handler(asBob('/api/v1/namespaces/default/configmaps'))), 429)
    })
    const labels = {
      group: '',
      version: 'v1',
      resource: 'configmaps',
      subresource: '',
      scope: 'namespace',
      verb: 'LIST',
      component: 'apiserver',
    }
    const inflight = seriesValues(await scrapeSamples(s.metrics.registry), 'apiserver_current_inflight_requests')
    assert.equal([...inflight.entries()].sort(), [
      [seriesKey('apiserver_current_inflight_requests', { request_kind: 'mutating' }), 0],
      [seriesKey('apiserver_current_inflight_requests', { request_kind: 'readOnly' }), 1],
    ])
    assert.equal(
      moves,
      [
        `${seriesKey('apiserver_request_terminations_total', { ...labels, code: '429' })} +1`,
        `${seriesKey('apiserver_request_total', { ...labels, dry_run: '', code: '429' })} +1`,
      ].sort(),
    )
  },
)

classes('504 counts in apiserver_request_terminations_total; the late inner answer is never counted while pending', async () => {
  const s = setup({ requestTimeout: 5_000 })
  const moves = await movedBy(s.metrics.registry, 'apiserver_', async () => {
    const answer = s.handler(asBob('/api/v1/namespaces/default/configmaps/slow'))
    s.clock.advance(5_000)
    assert.is(statusOf(await answer), 504)
  })
  const labels = {
    group: '',
    version: 'v1',
    resource: 'configmaps',
    subresource: '',
    scope: 'resource',
    verb: 'GET',
    component: 'apiserver',
  }
  assert.equal(moves, [`${seriesKey('apiserver_request_terminations_total', { ...labels, code: '504' })} +1`])
})

classes('an aborted stream and an abortHandler count in apiserver_request_aborts_total', async () => {
  const s = setup()
  const labels = { group: '', version: 'v1', resource: 'configmaps', scope: 'namespace', subresource: '', verb: 'LIST' }
  const cut = await movedBy(s.metrics.registry, 'apiserver_', async () => {
    runFinalizers(await s.handler(asBob('/api/v1/namespaces/default/configmaps?stream=1')), 'aborted')
  })
  assert.equal(
    cut,
    [
      `${seriesKey('apiserver_request_aborts_total', labels)} +1`,
      ...monitored({ verb: 'LIST', resource: 'configmaps', scope: 'namespace' }, '200', false),
    ].sort(),
  )
  const thrown = await movedBy(s.metrics.registry, 'apiserver_', async () => {
    await Promise.resolve(s.handler(asBob('/api/v1/namespaces/default/configmaps/abort'))).catch(() => undefined)
  })
  assert.equal(thrown, [
    `${seriesKey('apiserver_request_aborts_total', { ...labels, scope: 'resource', verb: 'GET', subresource: '' })} +1`,
  ])
})

classes('every series is served with upstream’s help text and stability', async () => {
  const s = setup()
  await s.handler(asBob('/api/v1/namespaces/default/configmaps'))
  const total = (await scrape(s.metrics.registry)).find((f) => f.name === 'apiserver_request_total')
  assert.is(
    total?.help,
    '[STABLE] Counter of apiserver requests broken out for each verb, dry run value, group, version, resource, scope, component, and HTTP response code.',
  )
  assert.is(total?.type, 'COUNTER')
  assert.is(seriesValues(await scrapeSamples(s.metrics.registry), 'apiserver_request_total').size, 1)
})

classes.run()
