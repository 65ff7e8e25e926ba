import * as O from 'fp-ts/lib/Option.js'
import fc from 'fast-check'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { auditRecorderKey } from '../../src/audit/audit-recorder.js'
import { bufferedBackend, logBatchDefaults } from '../../src/audit/buffered-backend.js'
import type { AuditEvent } from '../../src/audit/event.js'
import type { Level, Policy, PolicyRule, Stage } from '../../src/audit/policy.js'
import { policyEvaluator } from '../../src/audit/policy-evaluator.js'
import { type UserInfo, userKey } from '../../src/auth/user.js'
import {
  type Deps,
  type Handler,
  type Request,
  type Response,
  empty,
  fakeClock,
  flushedAtOnceBytes,
  get,
  put,
  recordingLogger,
  runFinalizers,
  stream,
  text,
} from '../../src/core/index.js'
import { newSafeWaitGroup } from '../../src/sync/safe-wait-group.js'
import { auditStep, withAudit } from '../../src/filters/with-audit.js'
import { withWaitGroup } from '../../src/filters/with-wait-group.js'
import { auditIdKey, receivedTimestampKey } from '../../src/request/facts.js'
import { basicLongRunningRequestCheck } from '../../src/request/long-running.js'
import { type RequestInfo, requestInfoKey } from '../../src/request/request-info.js'
import { memoryBackend, tim } from '../audit/fixtures.js'
import { arbAttrs, arbRule, oracleRule } from '../audit/policy-oracle.js'
import { resourceInfo } from '../support/request-info.js'
import { bodyText, makeRequest, run, statusOf } from '../support/request.js'

const t0 = Date.UTC(2026, 10, 23, 10, 0, 0, 0)
const longRunning = basicLongRunningRequestCheck(['watch'], [])
const policyAt = (level: Level, extra: Partial<PolicyRule> = {}): Policy => ({
  apiVersion: 'audit.k8s.io/v1',
  kind: 'Policy',
  rules: [{ level, ...extra }],
})

const setup = (policy: Policy, opts: { fail?: boolean } = {}) => {
  const clock = fakeClock(t0 + 500)
  const logger = recordingLogger()
  const deps: Deps = { clock, newId: () => 'id', random: () => 0, log: logger.log }
  const mem = memoryBackend(opts)
  const filter = withAudit(mem.backend, policyEvaluator(policy), longRunning, deps)
  return { clock, mem, filter, logger }
}

const request = (info: RequestInfo | undefined, user: UserInfo | undefined, id = 'audit-1'): Request => {
  let req = makeRequest(info?.path ?? '/api/v1/pods', { headers: { 'user-agent': 'kubectl/v1.36' } })
  req = put(req, auditIdKey, id)
  req = put(req, receivedTimestampKey, t0)
  if (info !== undefined) req = put(req, requestInfoKey, info)
  if (user !== undefined) req = put(req, userKey, user)
  return req
}

const stages = (events: ReadonlyArray<AuditEvent>): string[] => events.map((e) => `${e.stage}:${e.responseStatus?.code ?? '-'}`)
const ok: Handler = () => Promise.resolve(text(200, 'ok'))
const podsList = resourceInfo('list', 'pods', { path: '/api/v1/pods' })

const Audit = suite('withAudit')

Audit('level None passes the request on untouched: the inner answer itself, no recorder, no events', async () => {
  const { mem, filter } = setup(policyAt('None'))
  let seen: Request | undefined
  const innerTask = Promise.resolve(text(200, 'ok'))
  const handler = filter((req) => {
    seen = req
    return innerTask
  })
  const req = request(podsList, tim)
  assert.is(handler(req), innerTask)
  assert.is(seen, req)
  assert.ok(O.isNone(get(req, auditRecorderKey)))
  assert.equal(mem.events, [])
})

Audit('a policy answering None for everyone makes the filter the identity', () => {
  const { filter } = setup(policyAt('None'))
  assert.is(filter(ok), ok)
  const { filter: metadata } = setup(policyAt('Metadata'))
  assert.is.not(metadata(ok), ok)
})

Audit('level None for this request passes it on untouched, under a policy that audits others', async () => {
  const { mem, filter } = setup({ apiVersion: 'audit.k8s.io/v1', kind: 'Policy', rules: [{ level: 'Metadata', users: ['someone-else'] }] })
  let seen: Request | undefined
  const innerTask = Promise.resolve(text(200, 'ok'))
  const handler = filter((req) => {
    seen = req
    return innerTask
  })
  const req = request(podsList, tim)
  assert.is(handler(req), innerTask)
  assert.is(seen, req)
  assert.equal(mem.events, [])
})

Audit(
  'a short request gives RequestReceived, then ResponseComplete as its complete response is returned, before it is written',
  async () => {
    const { mem, filter, clock } = setup(policyAt('Metadata'))
    const inner: Handler = () => {
      clock.advance(250)
      return Promise.resolve(empty(201))
    }
    const res = await run(filter(inner), request(podsList, tim))
    assert.equal(stages(mem.events), ['RequestReceived:-', 'ResponseComplete:201'])
    runFinalizers(res, 'finished')
    assert.equal(stages(mem.events), ['RequestReceived:-', 'ResponseComplete:201'], 'ending the response adds nothing')
    const [rr, rc] = mem.events
    assert.is(rr?.stageTimestamp, '2026-11-23T10:00:00.000000Z')
    assert.is(rc?.stageTimestamp, '2026-11-23T10:00:00.750000Z')
    assert.is(rc?.requestReceivedTimestamp, '2026-11-23T10:00:00.000000Z')
    assert.ok(mem.events.every((e) => e.auditID === 'audit-1' && e.level === 'Metadata' && e.verb === 'list'))
  },
)

Audit(
  'a body over 64 KiB gives ResponseComplete once it ended (written, cut off by the connection, or dropped by an outer filter)',
  async () => {
    for (const outcome of ['finished', 'aborted', 'discarded'] as const) {
      const { mem, filter } = setup(policyAt('Metadata'))
      const large: Handler = () => Promise.resolve(text(200, 'x'.repeat(flushedAtOnceBytes + 1)))
      const res = await run(filter(large), request(podsList, tim))
      assert.equal(stages(mem.events), ['RequestReceived:-'], `${outcome}: nothing more while it is written`)
      runFinalizers(res, outcome)
      assert.equal(stages(mem.events), ['RequestReceived:-', 'ResponseComplete:200'], outcome)
    }
  },
)

Audit('a body of at most 64 KiB is complete: ResponseComplete comes as it is returned, and a later drop adds nothing', async () => {
  const { mem, filter } = setup(policyAt('Metadata'))
  const res = await run(
    filter(() => Promise.resolve(text(200, 'x'.repeat(flushedAtOnceBytes)))),
    request(podsList, tim),
  )
  assert.equal(stages(mem.events), ['RequestReceived:-', 'ResponseComplete:200'])
  runFinalizers(res, 'discarded')
  assert.equal(stages(mem.events), ['RequestReceived:-', 'ResponseComplete:200'])
})

Audit('a long-running request gives RequestReceived, ResponseStarted when handed out, then ResponseComplete', async () => {
  const { mem, filter } = setup(policyAt('Metadata'))
  const watch = resourceInfo('watch', 'pods', { path: '/api/v1/pods' })
  const chunks = (async function* () {
    yield 'a'
  })()
  const res = await run(
    filter(() => Promise.resolve(stream(200, chunks))),
    request(watch, tim),
  )
  assert.equal(stages(mem.events), ['RequestReceived:-', 'ResponseStarted:200'])
  assert.is(await bodyText(res), 'a')
  runFinalizers(res, 'finished')
  assert.equal(stages(mem.events), ['RequestReceived:-', 'ResponseStarted:200', 'ResponseComplete:200'])
})

Audit('omitted stages are not emitted', async () => {
  const { mem, filter } = setup(policyAt('Metadata', { omitStages: ['RequestReceived', 'ResponseStarted'] }))
  const res = await run(filter(ok), request(resourceInfo('watch', 'pods'), tim))
  runFinalizers(res, 'finished')
  assert.equal(stages(mem.events), ['ResponseComplete:200'])
})

Audit('a rejecting inner handler gives a Panic event with upstream status, and the rejection goes on', async () => {
  for (const inner of [
    () => Promise.reject(new Error('boom')),
    () => {
      throw new Error('boom')
    },
  ] as Handler[]) {
    const { mem, filter } = setup(policyAt('Metadata'))
    const err = await run(filter(inner), request(podsList, tim)).then(
      () => undefined,
      (e: unknown) => e,
    )
    assert.instance(err, Error)
    assert.equal(stages(mem.events), ['RequestReceived:-', 'Panic:500'])
    assert.equal(mem.events[1]?.responseStatus, {
      metadata: {},
      status: 'Failure',
      message: "APIServer panic'd: boom",
      reason: 'InternalError',
      code: 500,
    })
  }
})

Audit('a backend refusing RequestReceived (blocking-strict) fails the request with 500 before the inner handler', async () => {
  const { mem, filter } = setup(policyAt('Metadata'), { fail: true })
  let called = false
  const res = await run(
    filter(() => {
      called = true
      return ok(request(podsList, tim))
    }),
    request(podsList, tim),
  )
  assert.is(called, false)
  assert.is(statusOf(res), 500)
  assert.is(await bodyText(res), 'Internal Server Error: "/api/v1/pods": failed to store audit event\n')
  assert.is(mem.events.length, 1)
})

Audit('a refusing backend does not fail the request when RequestReceived is omitted', async () => {
  const { filter } = setup(policyAt('Metadata', { omitStages: ['RequestReceived'] }), { fail: true })
  assert.is(statusOf(await run(filter(ok), request(podsList, tim))), 200)
})

Audit('no RequestInfo: 500 failed to create audit event', async () => {
  const { filter, mem } = setup(policyAt('Metadata'))
  const res = await run(filter(ok), request(undefined, tim))
  assert.is(statusOf(res), 500)
  assert.is(await bodyText(res), 'Internal Server Error: "/api/v1/pods": failed to create audit event\n')
  assert.equal(mem.events, [])
})

Audit('what inner filters record shows in later events: annotations (first wins), impersonated user, objects by level', async () => {
  const run1 = async (level: Level) => {
    const { mem, filter } = setup(policyAt(level))
    const res = await run(
      filter((req) => {
        const rec = get(req, auditRecorderKey)
        if (O.isSome(rec)) {
          rec.value.annotate('authorization.k8s.io/decision', 'allow')
          rec.value.annotate('authorization.k8s.io/decision', 'forbid')
          rec.value.impersonated({ name: 'bob', uid: '', groups: ['devs'], extra: {} })
          rec.value.requestObject?.({ kind: 'Pod' })
          rec.value.responseObject?.({ kind: 'PodList' })
        }
        return ok(req)
      }),
      request(podsList, tim),
    )
    runFinalizers(res, 'finished')
    return mem.events
  }
  const meta = await run1('Metadata')
  assert.is(meta[0]?.annotations, undefined)
  assert.equal(meta[1]?.annotations, { 'authorization.k8s.io/decision': 'allow' })
  assert.equal(meta[1]?.impersonatedUser, { username: 'bob', uid: undefined, groups: ['devs'], extra: undefined })
  assert.is(meta[1]?.requestObject, undefined)
  const req = await run1('Request')
  assert.equal(req[1]?.requestObject, { kind: 'Pod' })
  assert.is(req[1]?.responseObject, undefined)
  const rr = await run1('RequestResponse')
  assert.equal(rr[1]?.responseObject, { kind: 'PodList' })
})

Audit('an upgrade is recorded as 101', async () => {
  const { mem, filter } = setup(policyAt('Metadata'))
  const upgrade: Response = { _tag: 'Upgrade', server: {} as never, onConnection: () => undefined, headers: {}, finalizers: [] }
  const res = await run(
    filter(() => Promise.resolve(upgrade)),
    request(resourceInfo('get', 'pods'), tim),
  )
  runFinalizers(res, 'finished')
  assert.equal(stages(mem.events), ['RequestReceived:-', 'ResponseComplete:101'])
})

// Shutdown flushes the audit backend once the wait group drained (src/lifecycle/run.ts); the backend takes
// no event after that, so a request's last event must come before the wait group lets the request go.
Audit("a request's ResponseComplete comes before the wait group releases it, so a shutdown begun at the release keeps it", async () => {
  const chunks = async function* () {
    yield 'a'
  }
  const bodies: ReadonlyArray<[string, Handler]> = [
    ['complete', ok],
    ['stream', () => Promise.resolve(stream(200, chunks()))],
  ]
  for (const [name, inner] of bodies) {
    const deps: Deps = { clock: fakeClock(t0), newId: () => 'id', random: () => 0, log: () => undefined }
    const mem = memoryBackend()
    const buffered = bufferedBackend(logBatchDefaults, mem.backend, deps)
    const wg = newSafeWaitGroup()
    const handler = withWaitGroup(
      longRunning,
      wg,
      deps,
    )(withAudit(buffered, policyEvaluator(policyAt('Metadata')), longRunning, deps)(inner))
    const answer = run(handler, request(podsList, tim))
    const stopped = wg.wait().then(() => buffered.shutdown())
    runFinalizers(await answer, 'finished') // the adapter wrote the response
    await stopped
    assert.equal(stages(mem.events), ['RequestReceived:-', 'ResponseComplete:200'], name)
    assert.is(buffered.droppedEvents?.(), 0, name)
  }
})

// The property: the audit log holds exactly the events the policy asks for, each with its
// request's Audit-ID, and nothing is lost when shutdown comes while events are buffered.
Audit('for random requests and policies, the log holds exactly the asked-for events, even when shut down while buffered', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(arbRule, { maxLength: 4 }),
      fc.array(arbAttrs, { minLength: 1, maxLength: 12 }),
      fc.integer({ min: 1, max: 5 }),
      async (rules, reqs, batch) => {
        const policy: Policy = { apiVersion: 'audit.k8s.io/v1', kind: 'Policy', rules }
        const clock = fakeClock(t0)
        const deps: Deps = { clock, newId: () => 'x', random: () => 0, log: () => undefined }
        const mem = memoryBackend()
        const buffered = bufferedBackend(
          { bufferSize: 10000, maxBatchSize: batch, maxBatchWaitMs: 30000, throttleEnable: true, throttleQPS: 1, throttleBurst: 1 },
          mem.backend,
          deps,
        )
        const handler = withAudit(buffered, policyEvaluator(policy), longRunning, deps)(ok)
        const expected: string[] = []
        for (const [i, a] of reqs.entries()) {
          const id = `req-${i}`
          const res = await run(handler, request(a.info, a.user, id))
          runFinalizers(res, 'finished')
          const rule = oracleRule(policy, a.user, a.info)
          if (rule === undefined || rule.level === 'None') continue
          const omit = new Set<Stage>(rule.omitStages ?? [])
          const want: Stage[] = longRunning(a.info)
            ? ['RequestReceived', 'ResponseStarted', 'ResponseComplete']
            : ['RequestReceived', 'ResponseComplete']
          for (const s of want) if (!omit.has(s)) expected.push(`${id}:${s}`)
        }
        await buffered.shutdown()
        assert.equal(
          mem.events.map((e) => `${e.auditID}:${e.stage}`),
          expected,
        )
        assert.is(mem.shutdowns(), 1)
      },
    ),
    { numRuns: 150 },
  )
})

const AuditStep = suite('auditStep')

AuditStep(
  'is named audit, needs User and RequestInfo, inside authentication, outside impersonation, max-in-flight and authorization',
  () => {
    const { mem } = setup(policyAt('None'))
    const s = auditStep(mem.backend, policyEvaluator(policyAt('None')), longRunning, {
      clock: fakeClock(),
      newId: () => '',
      random: () => 0,
      log: () => undefined,
    })
    assert.is(s.name, 'audit')
    assert.equal([...s.needs].sort(), ['RequestInfo', 'User'])
    assert.equal(s.inside, ['authentication'])
    assert.equal(s.outside, ['impersonation', 'max-in-flight', 'authorization'])
  },
)

Audit.run()
AuditStep.run()
