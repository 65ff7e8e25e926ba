import * as E from 'fp-ts/lib/Either.js'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { checkChain } from '../../src/chains/check-chain.js'
import {
  type Handler,
  type Request,
  type Response,
  fakeClock,
  newCancelSource,
  put,
  recordingLogger,
  runFinalizers,
  step,
  text,
} from '../../src/core/index.js'
import { userKey, type UserInfo } from '../../src/auth/user.js'
import { priorityAndFairnessStep, withPriorityAndFairness } from '../../src/filters/with-priority-and-fairness.js'
import { type ApfRuntime, newApfRuntime } from '../../src/flowcontrol/apf-runtime.js'
import { parseFlowcontrolConfig } from '../../src/flowcontrol/parse-flowcontrol-config.js'
import { servedFlowcontrolObjects } from '../../src/flowcontrol/served-flowcontrol-objects.js'
import { newApiServerMetrics } from '../../src/metrics/api-server-metrics.js'
import { basicLongRunningRequestCheck } from '../../src/request/long-running.js'
import { requestInfoKey } from '../../src/request/request-info.js'
import { makeRequest, statusOf, bodyText } from '../support/request.js'
import { resourceInfo } from '../support/request-info.js'
import { flush, streamed } from './shutdown-fixtures.js'

/** Two levels of one seat each (5 shares of 255 over 10 seats, nothing lent or borrowed): one queues one request a queue, one rejects. */
const tenants = `
apiVersion: flowcontrol.apiserver.k8s.io/v1
kind: PriorityLevelConfiguration
metadata: { name: tenants }
spec:
  type: Limited
  limited:
    nominalConcurrencyShares: 5
    lendablePercent: 0
    borrowingLimitPercent: 0
    limitResponse: { type: Queue, queuing: { queues: 4, handSize: 2, queueLengthLimit: 1 } }
---
apiVersion: flowcontrol.apiserver.k8s.io/v1
kind: PriorityLevelConfiguration
metadata: { name: rejecting }
spec:
  type: Limited
  limited: { nominalConcurrencyShares: 5, lendablePercent: 0, borrowingLimitPercent: 0, limitResponse: { type: Reject } }
---
apiVersion: flowcontrol.apiserver.k8s.io/v1
kind: FlowSchema
metadata: { name: rejecting }
spec:
  priorityLevelConfiguration: { name: rejecting }
  matchingPrecedence: 600
  rules:
  - subjects: [{ kind: Group, group: { name: rejected } }]
    resourceRules: [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'], namespaces: ['*'], clusterScope: true }]
---
apiVersion: flowcontrol.apiserver.k8s.io/v1
kind: FlowSchema
metadata: { name: tenants }
spec:
  priorityLevelConfiguration: { name: tenants }
  matchingPrecedence: 500
  distinguisherMethod: { type: ByUser }
  rules:
  - subjects: [{ kind: Group, group: { name: tenants } }]
    resourceRules: [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'], namespaces: ['*'], clusterScope: true }]
`

const setup = (serverCL = 10) => {
  const clock = fakeClock(1_000_000)
  const config = parseFlowcontrolConfig(tenants, 'apf.yaml')
  if (E.isLeft(config)) throw new Error(JSON.stringify(config.left))
  let id = 0
  const served = servedFlowcontrolObjects(config.right, { now: clock.now, newId: () => `uid-${++id}` })
  const apf = newApfRuntime(served, serverCL, { clock })
  if (E.isLeft(apf)) throw new Error(apf.left)
  const metrics = newApiServerMetrics(undefined, { processMetrics: false })
  const log = recordingLogger()
  const deps = { clock, newId: () => 'x', random: () => 0.5, log: log.log }
  const longRunning = basicLongRunningRequestCheck(['watch'], ['exec'])
  const filter = withPriorityAndFairness(apf.right, longRunning, deps, { requestTimeoutMs: 4000, metrics })
  return { clock, apf: apf.right, metrics, log, filter }
}

const uidOf = (apf: ApfRuntime, kind: 'schema' | 'level', name: string): string => {
  const objects = kind === 'schema' ? apf.config.flowSchemas : apf.config.priorityLevels
  return objects.find((o) => o.metadata.name === name)?.metadata.uid ?? 'missing'
}

const user = (name: string, ...groups: string[]): UserInfo => ({ name, uid: name, groups, extra: {} })
const tenant = (name = 'tina') => user(name, 'tenants', 'system:authenticated')

const request = (
  who: UserInfo | undefined,
  verb = 'get',
  opts: { cancel?: ReturnType<typeof newCancelSource>; url?: string; subresource?: string } = {},
): Request => {
  const url = opts.url ?? '/api/v1/configmaps'
  const info = url.startsWith('/api/')
    ? resourceInfo(verb, 'configmaps', { subresource: opts.subresource ?? '' })
    : { ...resourceInfo(verb, ''), isResourceRequest: false, path: url, resource: '', parts: [] }
  const req = put(makeRequest(url, opts.cancel === undefined ? {} : { cancel: opts.cancel }), requestInfoKey, info)
  return who === undefined ? req : put(req, userKey, who)
}

/** An inner handler whose answers wait until released. */
const held = () => {
  const waiting: Array<() => void> = []
  let calls = 0
  const handler: Handler = () => {
    calls++
    return new Promise<Response>((resolve) => waiting.push(() => resolve(text(200, 'inner'))))
  }
  return { handler, calls: () => calls, release: () => waiting.shift()?.() }
}

const headersOf = (res: Response) => [res.headers['x-kubernetes-pf-flowschema-uid'], res.headers['x-kubernetes-pf-prioritylevel-uid']]

const filter = suite('withPriorityAndFairness')

filter('answers each kind of request with the uids of its served FlowSchema and priority level', async () => {
  const { apf, filter: f } = setup(600)
  const h = f(() => text(200, 'inner'))
  const cases: ReadonlyArray<[UserInfo, string, string, string]> = [
    [user('root', 'system:masters'), '/api/v1/configmaps', 'exempt', 'exempt'],
    [user('anyone', 'system:unauthenticated'), '/healthz', 'probes', 'exempt'],
    [
      user('system:serviceaccount:ns:sa', 'system:serviceaccounts', 'system:authenticated'),
      '/api/v1/configmaps',
      'service-accounts',
      'workload-low',
    ],
    [user('jane', 'system:authenticated'), '/api/v1/configmaps', 'global-default', 'global-default'],
    [tenant(), '/api/v1/configmaps', 'tenants', 'tenants'],
    [user('rita', 'rejected'), '/api/v1/configmaps', 'rejecting', 'rejecting'],
    [user('nobody'), '/api/v1/configmaps', 'catch-all', 'catch-all'],
  ]
  for (const [who, url, schema, level] of cases) {
    const res = await h(request(who, 'get', { url }))
    assert.is(statusOf(res), 200, schema)
    assert.equal(headersOf(res), [uidOf(apf, 'schema', schema), uidOf(apf, 'level', level)], schema)
  }
})

filter('a remembered classification follows the user’s groups on the same RequestInfo', async () => {
  const { apf, filter: f } = setup(600)
  const h = f(() => text(200, 'inner'))
  const info = resourceInfo('get', 'configmaps')
  const as = (who: UserInfo) => put(put(makeRequest('/api/v1/configmaps'), requestInfoKey, info), userKey, who)
  const schemaOf = async (who: UserInfo) => (await h(as(who))).headers['x-kubernetes-pf-flowschema-uid']
  assert.is(await schemaOf(tenant('jane')), uidOf(apf, 'schema', 'tenants'))
  assert.is(await schemaOf(user('jane', 'system:authenticated')), uidOf(apf, 'schema', 'global-default'))
  assert.is(await schemaOf(user('jane', 'system:masters')), uidOf(apf, 'schema', 'exempt'))
  assert.is(await schemaOf(tenant('jane')), uidOf(apf, 'schema', 'tenants'))
})

filter('exempt requests never queue, however many run', async () => {
  const { apf, filter: f } = setup()
  const inner = held()
  const h = f(inner.handler)
  const answers = Array.from({ length: 50 }, () => h(request(user('root', 'system:masters'))))
  assert.is(inner.calls(), 50)
  assert.is(apf.levels.get('exempt')?.queueSet.snapshot().waiting, 0)
  for (let i = 0; i < 50; i++) inner.release()
  assert.ok((await Promise.all(answers)).every((r) => statusOf(r) === 200))
})

filter('a full Reject level answers 429 with Retry-After and the level uids, and counts it', async () => {
  const { apf, metrics, filter: f } = setup()
  const inner = held()
  const h = f(inner.handler)
  const first = h(request(user('rita', 'rejected')))
  const res = await h(request(user('rita', 'rejected')))
  assert.is(statusOf(res), 429)
  assert.is(res.headers['retry-after'], '1')
  assert.match(await bodyText(res), 'Too many requests, please try again later.')
  assert.equal(headersOf(res), [uidOf(apf, 'schema', 'rejecting'), uidOf(apf, 'level', 'rejecting')])
  assert.is(inner.calls(), 1)
  const scraped = await metrics.registry.metrics()
  assert.match(
    scraped,
    'apiserver_flowcontrol_rejected_requests_total{flow_schema="rejecting",priority_level="rejecting",reason="concurrency-limit"} 1',
  )
  assert.match(scraped, /apiserver_request_total\{[^}]*code="429"[^}]*\} 1/)
  assert.match(scraped, /apiserver_request_terminations_total\{[^}]*code="429"[^}]*\} 1/)
  inner.release()
  assert.is(statusOf(await first), 200)
})

filter('a queued request runs when a seat frees, and the wait is recorded', async () => {
  const { clock, metrics, filter: f } = setup()
  const inner = held()
  const h = f(inner.handler)
  const first = h(request(tenant()))
  const second = h(request(tenant()))
  await flush()
  assert.is(inner.calls(), 1)
  const whileQueued = await metrics.registry.metrics()
  assert.match(whileQueued, 'apiserver_flowcontrol_current_inqueue_requests{flow_schema="tenants",priority_level="tenants"} 1')
  assert.match(whileQueued, 'apiserver_current_inflight_requests{request_kind="readOnly"} 1')
  assert.match(whileQueued, 'apiserver_current_inflight_requests{request_kind="mutating"} 0')
  clock.advance(200)
  inner.release()
  await first
  await flush()
  assert.is(inner.calls(), 2)
  inner.release()
  assert.is(statusOf(await second), 200)
  const scraped = await metrics.registry.metrics()
  assert.match(scraped, 'apiserver_flowcontrol_dispatched_requests_total{flow_schema="tenants",priority_level="tenants"} 2')
  assert.match(
    scraped,
    'apiserver_flowcontrol_request_wait_duration_seconds_bucket{execute="true",flow_schema="tenants",priority_level="tenants",le="0.2"} 2',
  )
  assert.match(
    scraped,
    'apiserver_flowcontrol_request_wait_duration_seconds_bucket{execute="true",flow_schema="tenants",priority_level="tenants",le="0.1"} 1',
  )
  assert.match(scraped, 'apiserver_flowcontrol_current_executing_requests{flow_schema="tenants",priority_level="tenants"} 0')
  assert.match(scraped, 'apiserver_flowcontrol_nominal_limit_seats{priority_level="tenants"} 1')
  assert.match(scraped, 'apiserver_flowcontrol_current_limit_seats{priority_level="tenants"} 1')
})

filter('a request past its queue-wait limit (a quarter of the request timeout) answers 429', async () => {
  const { clock, metrics, filter: f } = setup()
  const inner = held()
  const h = f(inner.handler)
  void h(request(tenant()))
  const second = h(request(tenant()))
  clock.advance(999)
  await flush()
  clock.advance(1)
  const res = await second
  assert.is(statusOf(res), 429)
  assert.ok(res.headers['retry-after'] !== undefined)
  assert.is(inner.calls(), 1)
  const scraped = await metrics.registry.metrics()
  assert.match(scraped, 'apiserver_flowcontrol_rejected_requests_total{flow_schema="tenants",priority_level="tenants",reason="time-out"} 1')
  assert.match(
    scraped,
    'apiserver_flowcontrol_request_wait_duration_seconds_count{execute="false",flow_schema="tenants",priority_level="tenants"} 1',
  )
  assert.match(scraped, 'apiserver_flowcontrol_current_inqueue_requests{flow_schema="tenants",priority_level="tenants"} 0')
})

filter('a queued request whose client goes away leaves its queue with a 429 and never runs', async () => {
  const { filter: f } = setup()
  const inner = held()
  const h = f(inner.handler)
  void h(request(tenant()))
  const cancel = newCancelSource()
  const second = h(request(tenant(), 'get', { cancel }))
  cancel.cancel(new Error('client gone'))
  assert.is(statusOf(await second), 429)
  inner.release()
  await flush()
  assert.is(inner.calls(), 1)
})

filter('a WATCH gives its seat back once its handler answered; a streamed GET keeps it until its response ended', async () => {
  const { apf, filter: f } = setup()
  const level = apf.levels.get('tenants')!.queueSet
  const h = f(() => streamed())
  const watch = await h(request(tenant(), 'watch'))
  assert.is(level.snapshot().executing, 0)
  const get = await h(request(tenant(), 'get'))
  assert.is(level.snapshot().executing, 1)
  runFinalizers(get, 'finished')
  assert.is(level.snapshot().executing, 0)
  runFinalizers(watch, 'finished')
})

filter('long-running requests other than watches pass unclassified', async () => {
  const { filter: f } = setup()
  const res = await f(() => text(200, 'exec'))(request(tenant(), 'create', { subresource: 'exec' }))
  assert.is(statusOf(res), 200)
  assert.is(res.headers['x-kubernetes-pf-flowschema-uid'], undefined)
})

filter('without a user answers 500 and logs', async () => {
  const { log, filter: f } = setup()
  const res = await f(() => text(200, 'inner'))(request(undefined))
  assert.is(statusOf(res), 500)
  assert.is(await bodyText(res), 'Internal Server Error: "/api/v1/configmaps"\n')
  assert.equal(
    log.entries.map((e) => e.msg),
    ['no User found in context'],
  )
})

filter('a throwing handler gives its seat back', async () => {
  const { apf, filter: f } = setup()
  const h = f(() => {
    throw new Error('boom')
  })
  assert.throws(() => h(request(tenant())))
  assert.is(apf.levels.get('tenants')!.queueSet.snapshot().executing, 0)
})

filter.run()

const order = suite('priorityAndFairnessStep')

order('is accepted inside authentication and impersonation, refused outside authentication', () => {
  const { apf, clock } = setup()
  const deps = { clock, newId: () => 'x', random: () => 0.5, log: recordingLogger().log }
  const apfStep = priorityAndFairnessStep(apf, () => false, deps, { requestTimeoutMs: 4000 })
  const info = step('request-info', (n) => n, { provides: [requestInfoKey] })
  const authn = step('authentication', (n) => n, { provides: [userKey] })
  const impersonation = step('impersonation', (n) => n, { needs: [userKey] })
  assert.ok(E.isRight(checkChain([info, authn, impersonation, apfStep])))
  const outside = checkChain([info, apfStep, authn, impersonation])
  assert.ok(E.isLeft(outside))
  if (E.isLeft(outside)) {
    const tags = outside.left.map((v) => `${v._tag} ${v.step}`)
    assert.ok(tags.includes('MustRunInside priority-and-fairness'))
    assert.ok(tags.includes('ProviderInside priority-and-fairness'))
  }
})

order.run()
