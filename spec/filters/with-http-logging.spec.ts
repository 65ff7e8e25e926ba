import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import * as E from 'fp-ts/lib/Either.js'
import { WebSocketServer } from 'ws'
import { checkChain } from '../../src/chains/index.js'
import {
  type Handler,
  type RawRequest,
  type Request,
  constant,
  fakeClock,
  identity,
  newRequest,
  parseTarget,
  put,
  newVerbosity,
  noteHandOver,
  recordingLogger,
  runFinalizers,
  step,
  takeover,
  text,
  upgrade,
  withVerbosity,
} from '../../src/core/index.js'
import {
  auditIdKey,
  receivedTimestampKey,
  requestInfoKey,
  requestInfoResolverDefaults,
  resolveRequestInfo,
} from '../../src/request/index.js'
import { addHttpLogKeyValue } from '../../src/request/http-log-values.js'
import { httpLoggingDefaults, httpLoggingStep, withHttpLogging } from '../../src/filters/with-http-logging.js'
import { run } from '../support/request.js'

const resolve = resolveRequestInfo(requestInfoResolverDefaults)

/** A request as the chain has it by http-logging: audit ID, received timestamp and RequestInfo set. */
const prepared = (url: string, opts: { method?: string; headers?: Record<string, string>; raw?: unknown; received?: number }): Request => {
  const target = parseTarget(url)
  if (E.isLeft(target)) throw new Error(target.left)
  const base = newRequest({ method: opts.method ?? 'GET', target: target.right, headers: opts.headers ?? {}, raw: opts.raw as RawRequest })
  const info = resolve(base)
  if (E.isLeft(info)) throw new Error(info.left.message)
  const withFacts = put(put(base, auditIdKey, 'audit-7'), requestInfoKey, info.right)
  return opts.received === undefined ? withFacts : put(withFacts, receivedTimestampKey, opts.received)
}

const socketAt = (remoteAddress: string, remotePort: number) => ({ socket: { remoteAddress, remotePort } })

const filter = suite('withHttpLogging')

filter('is the identity when disabled, as by default', () => {
  const inner = constant(text(200, 'ok'))
  assert.is(withHttpLogging(httpLoggingDefaults, { clock: fakeClock(), log: recordingLogger().log })(inner), inner)
})

filter('while the logger says V(3) is off, requests pass straight through; raising the verbosity turns lines on', async () => {
  const rec = recordingLogger()
  const verbosity = newVerbosity(2)
  const ok = text(200, 'ok')
  const h = withHttpLogging({ enabled: true }, { clock: fakeClock(), log: withVerbosity(rec.log, verbosity) })(constant(ok))
  const quiet = await run(h, prepared('/healthz', {}))
  runFinalizers(quiet, 'finished')
  assert.is(quiet, ok, 'the inner response itself: nothing wrapped')
  assert.equal(rec.entries, [])
  verbosity.set(3)
  runFinalizers(await run(h, prepared('/livez', {})), 'finished')
  assert.equal(
    rec.entries.map((e) => [e.msg, e.v, e.fields?.['URI']]),
    [['HTTP', 3, '/livez']],
  )
})

filter('logs one HTTP entry with upstream fields once the response ended', async () => {
  const clock = fakeClock(10_000)
  const { log, entries } = recordingLogger()
  const h = withHttpLogging({ enabled: true }, { clock, log })(constant(text(201, 'made')))
  const req = prepared('/api/v1/namespaces/default/pods?watch=1', {
    headers: { 'user-agent': 'kubectl/v1.31', 'content-type': 'application/json' },
    raw: socketAt('10.0.0.7', 51234),
    received: 9_900,
  })
  const res = await run(h, req)
  assert.equal(entries, [])
  clock.advance(150)
  runFinalizers(res, 'finished')
  assert.equal(entries, [
    {
      level: 'info',
      v: 3,
      msg: 'HTTP',
      fields: {
        verb: 'WATCH',
        URI: '/api/v1/namespaces/default/pods?watch=1',
        latency: 250,
        userAgent: 'kubectl/v1.31',
        contentType: 'application/json',
        'audit-ID': 'audit-7',
        srcIP: '10.0.0.7:51234',
        resp: 201,
      },
    },
  ])
  assert.equal(Object.keys(entries[0]?.fields ?? {}), ['verb', 'URI', 'latency', 'userAgent', 'contentType', 'audit-ID', 'srcIP', 'resp'])
})

filter('measures from its own start without a received timestamp and brackets IPv6 peers', async () => {
  const clock = fakeClock(5_000)
  const { log, entries } = recordingLogger()
  const h = withHttpLogging({ enabled: true }, { clock, log })(constant(text(200, 'ok')))
  const res = await run(h, prepared('/api/v1/namespaces/default/pods/web', { raw: socketAt('::1', 6443) }))
  clock.advance(40)
  runFinalizers(res, 'aborted')
  assert.equal([entries[0]?.fields?.['latency'], entries[0]?.fields?.['srcIP'], entries[0]?.fields?.['verb']], [40, '[::1]:6443', 'GET'])
})

filter('puts pairs added by inner filters before the outcome; a takeover logs the status its listener sent', async () => {
  const { log, entries } = recordingLogger()
  const raw = socketAt('10.0.0.1', 5000)
  const inner: Handler = (req) => {
    addHttpLogKeyValue(req, 'apf_pl', 'workload-low')
    addHttpLogKeyValue(req, 'apf_fs', 'service-accounts')
    return constant(takeover(() => undefined))(req)
  }
  const res = await run(withHttpLogging({ enabled: true }, { clock: fakeClock(), log })(inner), prepared('/apis', { raw }))
  noteHandOver(raw, { statusCode: 404 }) // what the adapter notes when it hands the request over
  runFinalizers(res, 'finished')
  const fields = entries[0]?.fields ?? {}
  assert.equal(Object.keys(fields).slice(-3), ['apf_pl', 'apf_fs', 'resp'])
  assert.equal([fields['apf_pl'], fields['resp'], fields['hijacked']], ['workload-low', 404, undefined])
})

filter('a takeover never handed over logs resp 0; an upgrade logs hijacked', async () => {
  const { log, entries } = recordingLogger()
  const h = withHttpLogging({ enabled: true }, { clock: fakeClock(), log })
  const dropped = await run(h(constant(takeover(() => undefined))), prepared('/apis', {}))
  runFinalizers(dropped, 'discarded')
  const upgraded = await run(h(constant(upgrade(new WebSocketServer({ noServer: true }), () => undefined))), prepared('/apis', {}))
  runFinalizers(upgraded, 'finished')
  assert.equal(
    entries.map((e) => [e.fields?.['resp'], e.fields?.['hijacked'], e.fields?.['srcIP'], e.fields?.['userAgent']]),
    [
      [0, undefined, '', ''],
      [undefined, true, '', ''],
    ],
  )
})

filter('logs resp 0 at once when the inner handler fails with a defect, and passes the defect on', async () => {
  const { log, entries } = recordingLogger()
  const boom = new Error('boom')
  const h = withHttpLogging({ enabled: true }, { clock: fakeClock(), log })(() => Promise.reject(boom))
  let caught: unknown
  await run(h, prepared('/apis', {})).catch((e: unknown) => (caught = e))
  assert.is(caught, boom)
  assert.is(entries.length, 1)
  assert.is(entries[0]?.fields?.['resp'], 0)
})

filter.run()

const stepSuite = suite('httpLoggingStep')

stepSuite('is named http-logging, inside audit-init and outside retry-after', () => {
  const s = httpLoggingStep({ enabled: true }, { clock: fakeClock(), log: recordingLogger().log })
  assert.is(s.name, 'http-logging')
  assert.equal([s.inside, s.outside], [['audit-init'], ['retry-after']])
  const retry = step('retry-after', identity)
  assert.equal(checkChain([retry, s]), E.left([{ _tag: 'MustRunOutside', step: 'http-logging', other: 'retry-after' }]))
})

stepSuite.run()
