import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import * as E from 'fp-ts/lib/Either.js'
import * as O from 'fp-ts/lib/Option.js'
import fc from 'fast-check'
import {
  alwaysDeny,
  bootstrapPolicy,
  rbacAuthorizer,
  staticTokenAuthenticator,
  bearerTokenAuthenticator,
  anonymousAuthenticator,
  unionAuthenticator,
  authenticatedGroupAdder,
  userKey,
} from '../../src/auth/index.js'
import type { Authenticator, UserInfo } from '../../src/auth/index.js'
import type { AuditBackend, AuditEvent } from '../../src/audit/index.js'
import { parsePolicy, policyEvaluator } from '../../src/audit/index.js'
import {
  buildSecureHandlerChain,
  checkChain,
  insertAfter,
  standaloneContext,
  secureChain,
  violationMessage,
  without,
} from '../../src/chains/index.js'
import { type Config, newConfig } from '../../src/config/index.js'
import { type Chain, type Deps, type Handler, fakeClock, get, recordingLogger, runFinalizers, text } from '../../src/core/index.js'
import { makeRequest, run, statusOf, bodyText } from '../support/request.js'
import { newApfRuntime } from '../../src/flowcontrol/apf-runtime.js'
import { bootstrapFlowcontrolConfig } from '../../src/flowcontrol/flowcontrol-config.js'
import { servedFlowcontrolObjects } from '../../src/flowcontrol/served-flowcontrol-objects.js'

const cfgOf = (overrides: object = {}): Config => {
  const c = newConfig(overrides)
  if (E.isLeft(c)) throw new Error(JSON.stringify(c.left))
  return c.right
}
const deps = (): Deps => ({ clock: fakeClock(1_000_000), newId: () => 'audit-1', random: () => 0.5, log: recordingLogger().log })
const ctx = () => standaloneContext(deps())

const alice: UserInfo = { name: 'alice', uid: '1', groups: ['system:masters'], extra: {} }
const bob: UserInfo = { name: 'bob', uid: '2', groups: [], extra: {} }
const tokens = new Map([
  ['alice-token', alice],
  ['bob-token', bob],
])
const authenticator: Authenticator = unionAuthenticator(
  [authenticatedGroupAdder(bearerTokenAuthenticator(staticTokenAuthenticator(tokens))), anonymousAuthenticator()],
  { failOnError: true },
)
const authorizer = rbacAuthorizer(bootstrapPolicy)
const parts = { authenticator, authorizer }

const seen: string[] = []
const inner: Handler = (req) => {
  seen.push(
    O.fold(
      () => '-',
      (u: UserInfo) => u.name,
    )(get(req, userKey)),
  )
  return Promise.resolve(text(200, 'inner'))
}

const order = suite('secureChain order')

order('runs upstream’s DefaultBuildHandlerChain steps in order, leaving out what config switches off', () => {
  assert.equal(
    secureChain(ctx(), cfgOf(), parts).map((s) => s.name),
    [
      'audit-init',
      'panic-recovery',
      'mux-and-discovery-complete',
      'request-received-timestamp',
      'request-info',
      'latency-trackers',
      'http-logging',
      'cache-control',
      'wait-group',
      'request-deadline',
      'timeout',
      'warning-recorder',
      'authentication',
      'tracing',
      'impersonation',
      'max-in-flight',
      'authorization',
      'request-metrics',
    ],
  )
  const full = cfgOf({
    shutdownSendRetryAfter: true,
    hstsDirectives: ['max-age=31536000'],
    goawayChance: 0.01,
    shutdownWatchTerminationGracePeriod: 5000,
    corsAllowedOriginList: ['//example\\.com$'],
  })
  const audit = { backend: memoryBackend([]), policy: policyEvaluator(policyOf('Metadata')) }
  assert.equal(
    secureChain(ctx(), full, { ...parts, audit }).map((s) => s.name),
    [
      'audit-init',
      'panic-recovery',
      'mux-and-discovery-complete',
      'request-received-timestamp',
      'request-info',
      'latency-trackers',
      'http-logging',
      'retry-after',
      'hsts',
      'cache-control',
      'goaway',
      'watch-termination',
      'wait-group',
      'request-deadline',
      'timeout',
      'warning-recorder',
      'cors',
      'authentication',
      'tracing',
      'audit',
      'impersonation',
      'max-in-flight',
      'authorization',
      'request-metrics',
    ],
  )
})

order('with priority and fairness, priority-and-fairness takes max-in-flight’s place and the chain passes checkChain', () => {
  const apf = newApfRuntime(servedFlowcontrolObjects(bootstrapFlowcontrolConfig, { now: () => 0, newId: () => 'u' }), 600, {
    clock: fakeClock(0),
  })
  if (E.isLeft(apf)) return assert.unreachable(apf.left)
  const plain = secureChain(ctx(), cfgOf(), parts).map((s) => s.name)
  const chain = secureChain(ctx(), cfgOf(), { ...parts, priorityAndFairness: { apf: apf.right } })
  assert.equal(
    chain.map((s) => s.name),
    plain.map((n) => (n === 'max-in-flight' ? 'priority-and-fairness' : n)),
  )
  assert.ok(E.isRight(checkChain(chain)))
  const i = chain.findIndex((s) => s.name === 'priority-and-fairness')
  const j = chain.findIndex((s) => s.name === 'authentication')
  const swapped = [...chain]
  ;[swapped[i], swapped[j]] = [swapped[j]!, swapped[i]!]
  const refused = checkChain(swapped)
  assert.ok(E.isLeft(refused) && refused.left.some((v) => v.step === 'priority-and-fairness'))
})

order('passes checkChain, and checkChain rejects each §1.2 swap among the security steps', () => {
  const full = cfgOf({ corsAllowedOriginList: ['//example\\.com$'] })
  const chain = secureChain(ctx(), full, { ...parts, audit: { backend: memoryBackend([]), policy: policyEvaluator(policyOf('Metadata')) } })
  assert.ok(E.isRight(checkChain(chain)))
  const swap = (a: string, b: string): Chain => {
    const i = chain.findIndex((s) => s.name === a)
    const j = chain.findIndex((s) => s.name === b)
    const out = [...chain]
    ;[out[i], out[j]] = [out[j]!, out[i]!]
    return out
  }
  const pairs: Array<[string, string]> = [
    ['authentication', 'audit'],
    ['authentication', 'impersonation'],
    ['authentication', 'max-in-flight'],
    ['authentication', 'authorization'],
    ['audit', 'impersonation'],
    ['audit', 'max-in-flight'],
    ['audit', 'authorization'],
    ['cors', 'authentication'],
    ['authentication', 'tracing'],
    ['tracing', 'audit'],
    ['tracing', 'impersonation'],
    ['tracing', 'authorization'],
    ['impersonation', 'max-in-flight'],
    ['impersonation', 'authorization'],
  ]
  for (const [a, b] of pairs) {
    const checked = checkChain(swap(a, b))
    assert.ok(E.isLeft(checked), `${a} <-> ${b} should be rejected`)
    if (E.isLeft(checked))
      assert.ok(
        checked.left.map(violationMessage).some((m) => m.includes(`"${a}"`) && m.includes(`"${b}"`)),
        `${a} <-> ${b}: ${checked.left.map(violationMessage).join('; ')}`,
      )
  }
})

const behaviour = suite('buildSecureHandlerChain')
behaviour.before.each(() => void seen.splice(0))

behaviour('a known token reaches the inner handler as its user; the Audit-ID is echoed', async () => {
  const h = buildSecureHandlerChain(inner, ctx(), cfgOf(), parts)
  const res = await run(h, makeRequest('/api/v1/namespaces/default/configmaps', { headers: { authorization: 'Bearer alice-token' } }))
  assert.is(statusOf(res), 200)
  assert.equal(seen, ['alice'])
  assert.is(res.headers['audit-id'], 'audit-1')
  assert.is(res.headers['cache-control'], 'no-cache, private')
  runFinalizers(res, 'finished')
})

behaviour('an unknown token gets upstream’s 401 Status and never reaches the inner handler', async () => {
  const h = buildSecureHandlerChain(inner, ctx(), cfgOf(), parts)
  const res = await run(h, makeRequest('/api/v1/pods', { headers: { authorization: 'Bearer nope' } }))
  assert.is(statusOf(res), 401)
  assert.match(await bodyText(res), '"message":"Unauthorized"')
  assert.equal(seen, [])
})

behaviour('an authenticated user without a binding gets upstream’s exact 403 message', async () => {
  const h = buildSecureHandlerChain(inner, ctx(), cfgOf(), parts)
  const res = await run(h, makeRequest('/api/v1/namespaces/default/configmaps', { headers: { authorization: 'Bearer bob-token' } }))
  assert.is(statusOf(res), 403)
  assert.match(
    await bodyText(res),
    'configmaps is forbidden: User \\"bob\\" cannot list resource \\"configmaps\\" in API group \\"\\" in the namespace \\"default\\"',
  )
  assert.equal(seen, [])
})

behaviour('an anonymous client reaches /readyz but not the API', async () => {
  const h = buildSecureHandlerChain(inner, ctx(), cfgOf(), parts)
  assert.is(statusOf(await run(h, makeRequest('/readyz'))), 200)
  assert.is(statusOf(await run(h, makeRequest('/api/v1/pods'))), 403)
  assert.equal(seen, ['system:anonymous'])
})

behaviour('with a denying authorizer no request of any method, path or headers reaches the inner handler (property)', async () => {
  const h = buildSecureHandlerChain(inner, ctx(), cfgOf(), { authenticator, authorizer: alwaysDeny })
  const seg = fc.constantFrom('api', 'apis', 'v1', 'namespaces', 'default', 'pods', 'healthz', 'readyz', 'version', '', '..', '%2F', 'x')
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'),
      fc.array(seg, { maxLength: 6 }),
      fc.dictionary(
        fc.constantFrom('authorization', 'impersonate-user', 'impersonate-group', 'x-remote-user', 'origin'),
        fc.constantFrom('Bearer alice-token', 'Bearer bob-token', 'alice', 'system:masters', 'x'),
      ),
      async (method, segs, headers) => {
        const res = await run(h, makeRequest(`/${segs.join('/')}`, { method, headers }))
        assert.ok([400, 401, 403].includes(statusOf(res)), `${method} /${segs.join('/')} -> ${statusOf(res)}`)
      },
    ),
    { numRuns: 300 },
  )
  assert.equal(seen, [])
})

behaviour('audit Metadata records the request’s stages with its Audit-ID; policy None records nothing', async () => {
  const events: AuditEvent[] = []
  const h = buildSecureHandlerChain(inner, ctx(), cfgOf(), {
    ...parts,
    audit: { backend: memoryBackend(events), policy: policyEvaluator(policyOf('Metadata')) },
  })
  const res = await run(h, makeRequest('/api/v1/pods', { headers: { authorization: 'Bearer alice-token' } }))
  runFinalizers(res, 'finished')
  assert.equal(
    events.map((e) => [e.stage, e.auditID, e.user.username]),
    [
      ['RequestReceived', 'audit-1', 'alice'],
      ['ResponseComplete', 'audit-1', 'alice'],
    ],
  )
  const none: AuditEvent[] = []
  const quiet = buildSecureHandlerChain(inner, ctx(), cfgOf(), {
    ...parts,
    audit: { backend: memoryBackend(none), policy: policyEvaluator(policyOf('None')) },
  })
  runFinalizers(await run(quiet, makeRequest('/api/v1/pods', { headers: { authorization: 'Bearer alice-token' } })), 'finished')
  assert.equal(none, [])
})

behaviour('a user chain stays checkable: removing authorization or adding a step after it is data', () => {
  const chain = secureChain(ctx(), cfgOf(), parts)
  const edited = E.chain(
    insertAfter('authorization', { name: 'mine', filter: (n: Handler) => n, needs: [], provides: [], inside: [], outside: [] }),
  )(without('authorization')(chain))
  assert.ok(E.isLeft(edited)) // 'authorization' is gone, so inserting after it is refused
})

function policyOf(level: string) {
  const p = parsePolicy(JSON.stringify({ apiVersion: 'audit.k8s.io/v1', kind: 'Policy', rules: [{ level }] }))
  if (E.isLeft(p)) throw new Error('bad policy')
  return p.right
}

function memoryBackend(into: AuditEvent[]): AuditBackend {
  return { name: 'memory', processEvents: (events) => (into.push(...events), true), shutdown: () => Promise.resolve() }
}

const spans = suite('secureChain spans')

spans('a request records the server span and, nested, the audit, impersonation, authorization and handler phases', async () => {
  const exporter = new InMemorySpanExporter()
  const tracerProvider = new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter })] })
  const audit = { backend: memoryBackend([]), policy: policyEvaluator(policyOf('Metadata')) }
  const h = buildSecureHandlerChain(inner, ctx(), cfgOf(), { ...parts, audit }, { tracerProvider })
  const res = await run(h, makeRequest('/api/v1/namespaces/default/pods', { headers: { authorization: 'Bearer alice-token' } }))
  assert.is(statusOf(res), 200)
  const byName = new Map(exporter.getFinishedSpans().map((s) => [s.name, s]))
  assert.equal(
    exporter.getFinishedSpans().map((s) => s.name),
    ['handler', 'authorization', 'impersonation', 'audit', 'GET /api/v1/namespaces/{:namespace}/pods'],
  )
  const parentOf = (name: string) => byName.get(name)?.parentSpanContext?.spanId
  const idOf = (name: string) => byName.get(name)?.spanContext().spanId
  assert.is(parentOf('audit'), idOf('GET /api/v1/namespaces/{:namespace}/pods'))
  assert.is(parentOf('impersonation'), idOf('audit'))
  assert.is(parentOf('authorization'), idOf('impersonation'))
  assert.is(parentOf('handler'), idOf('authorization'))
})

spans('a request that fails authorization records no handler span', async () => {
  const exporter = new InMemorySpanExporter()
  const tracerProvider = new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter })] })
  const h = buildSecureHandlerChain(inner, ctx(), cfgOf(), parts, { tracerProvider })
  const res = await run(h, makeRequest('/api/v1/namespaces/default/pods', { headers: { authorization: 'Bearer bob-token' } }))
  assert.is(statusOf(res), 403)
  assert.equal(
    exporter.getFinishedSpans().map((s) => [s.name, s.attributes['http.response.status_code']]),
    [
      ['authorization', undefined],
      ['impersonation', undefined],
      ['GET /api/v1/namespaces/{:namespace}/pods', 403],
    ],
  )
})

order.run()
behaviour.run()
spans.run()
