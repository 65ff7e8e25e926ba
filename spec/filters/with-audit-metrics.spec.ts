import { Registry } from 'prom-client'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import type { Policy, PolicyRule } from '../../src/audit/policy.js'
import { policyEvaluator } from '../../src/audit/policy-evaluator.js'
import { type UserInfo, userKey } from '../../src/auth/user.js'
import {
  type Deps,
  type Handler,
  type Request,
  fakeClock,
  put,
  recordingLogger,
  runFinalizers,
  text,
  toResponse,
  unauthorized,
} from '../../src/core/index.js'
import { withAudit } from '../../src/filters/with-audit.js'
import { withFailedAuthenticationAudit } from '../../src/filters/with-failed-authentication-audit.js'
import { auditMetrics } from '../../src/metrics/audit-metrics.js'
import { auditIdKey, receivedTimestampKey } from '../../src/request/facts.js'
import { basicLongRunningRequestCheck } from '../../src/request/long-running.js'
import { requestInfoKey } from '../../src/request/request-info.js'
import { memoryBackend, tim } from '../audit/fixtures.js'
import { type Family, scrape, seriesOf, valueOf } from '../metrics/scrape.js'
import { resourceInfo } from '../support/request-info.js'
import { makeRequest, run, statusOf } from '../support/request.js'

const t0 = Date.UTC(2026, 10, 23, 10)
const longRunning = basicLongRunningRequestCheck(['watch'], [])
const policy = (rules: ReadonlyArray<PolicyRule>, omitStages?: Policy['omitStages']): Policy => ({
  apiVersion: 'audit.k8s.io/v1',
  kind: 'Policy',
  rules: [...rules],
  ...(omitStages ? { omitStages } : {}),
})
const deps = (): Deps => ({ clock: fakeClock(t0), newId: () => 'id', random: () => 0, log: recordingLogger().log })

const setup = (p: Policy, opts: { fail?: boolean } = {}) => {
  const registry = new Registry()
  const mem = memoryBackend(opts)
  const metrics = auditMetrics(registry)
  const filter = withAudit(mem.backend, policyEvaluator(p), longRunning, deps(), metrics)
  return { registry, mem, filter, metrics }
}
const request = (verb = 'list', user: UserInfo = tim): Request => {
  let req = makeRequest('/api/v1/pods', {})
  req = put(req, auditIdKey, 'audit-1')
  req = put(req, receivedTimestampKey, t0)
  req = put(req, requestInfoKey, resourceInfo(verb, 'pods'))
  return put(req, userKey, user)
}
const ok: Handler = () => text(200, 'ok')
const counts = (families: ReadonlyArray<Family>) => ({
  events: valueOf(families, 'apiserver_audit_event_total'),
  rejected: valueOf(families, 'apiserver_audit_requests_rejected_total'),
  levels: seriesOf(families, 'apiserver_audit_level_total'),
})

const s = suite('withAudit metrics')

s('an audited request: its level once and both of its events', async () => {
  const { registry, mem, filter } = setup(policy([{ level: 'Metadata' }]))
  assert.is(statusOf(await run(filter(ok), request())), 200)
  assert.is(mem.events.length, 2)
  assert.equal(counts(await scrape(registry)), { events: 2, rejected: 0, levels: ['{"level":"Metadata"} 1'] })
})

s('an omitted stage is not an event', async () => {
  const { registry, mem, filter } = setup(policy([{ level: 'Request' }], ['RequestReceived']))
  await run(filter(ok), request())
  assert.is(mem.events.length, 1)
  assert.equal(counts(await scrape(registry)), { events: 1, rejected: 0, levels: ['{"level":"Request"} 1'] })
})

s('level None for this request: counted as None, no events', async () => {
  const { registry, filter } = setup(policy([{ level: 'None', users: [tim.name] }, { level: 'Metadata' }]))
  assert.is(statusOf(await run(filter(ok), request())), 200)
  assert.equal(counts(await scrape(registry)), { events: 0, rejected: 0, levels: ['{"level":"None"} 1'] })
})

s('a long-running request counts RequestReceived, ResponseStarted and ResponseComplete', async () => {
  const { registry, mem, filter } = setup(policy([{ level: 'Metadata' }]))
  const res = await run(filter(ok), request('watch'))
  runFinalizers(res, 'finished')
  assert.is(mem.events.length, 3)
  assert.is(counts(await scrape(registry)).events, 3)
})

s('a panic counts RequestReceived and Panic', async () => {
  const { registry, filter } = setup(policy([{ level: 'Metadata' }]))
  const boom: Handler = () => {
    throw new Error('boom')
  }
  assert.throws(() => filter(boom)(request()), /boom/)
  assert.is(counts(await scrape(registry)).events, 2)
})

s('a backend refusing RequestReceived: 500, the request counted as rejected, the event as sent', async () => {
  const { registry, filter } = setup(policy([{ level: 'Metadata' }]), { fail: true })
  assert.is(statusOf(await run(filter(ok), request())), 500)
  assert.equal(counts(await scrape(registry)), { events: 1, rejected: 1, levels: ['{"level":"Metadata"} 1'] })
})

const f = suite('withFailedAuthenticationAudit metrics')

f('a refused request under an auditing policy: its level and its ResponseStarted event', async () => {
  const registry = new Registry()
  const mem = memoryBackend()
  const unauthorizedHandler: Handler = () => toResponse(unauthorized('Unauthorized'))
  const evaluate = policyEvaluator(policy([{ level: 'RequestResponse' }]))
  const handler = withFailedAuthenticationAudit(unauthorizedHandler, mem.backend, evaluate, deps(), auditMetrics(registry))
  const req = put(makeRequest('/api/v1/pods'), requestInfoKey, resourceInfo('list', 'pods'))
  assert.is(statusOf(await run(handler, req)), 401)
  assert.is(mem.events.length, 1)
  assert.equal(counts(await scrape(registry)), { events: 1, rejected: 0, levels: ['{"level":"RequestResponse"} 1'] })
})

f('a refused request whose stage is omitted: its level, no event', async () => {
  const registry = new Registry()
  const mem = memoryBackend()
  const unauthorizedHandler: Handler = () => toResponse(unauthorized('Unauthorized'))
  const evaluate = policyEvaluator(policy([{ level: 'Metadata' }], ['ResponseStarted']))
  const handler = withFailedAuthenticationAudit(unauthorizedHandler, mem.backend, evaluate, deps(), auditMetrics(registry))
  const req = put(makeRequest('/api/v1/pods'), requestInfoKey, resourceInfo('list', 'pods'))
  assert.is(statusOf(await run(handler, req)), 401)
  assert.equal(counts(await scrape(registry)), { events: 0, rejected: 0, levels: ['{"level":"Metadata"} 1'] })
})

s.run()
f.run()
