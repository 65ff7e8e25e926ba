// Micro bench: what the `tracing` step and its phase spans (audit, impersonation, authorization, handler;
// left out without an SDK, as the secure chain does) cost per request in memory, on a request carrying the attributes the secure chain has put by then.
// Rows: the handler alone; behind tracing with the API's no-op provider (no SDK), without and with a
// `traceparent` from an unprivileged user; with an SDK whose sampler drops the request (rate 0); with an
// SDK that records every request (its spans then go nowhere). Rows interleaved, fastest of 9 rounds of 100,000.
// Run alone with:
//   npx tsc -p tsconfig.bench.json && node .bench-build/bench/micro/tracing-step.js
import { type TracerProvider, trace } from '@opentelemetry/api'
import { AlwaysOffSampler, AlwaysOnSampler, NoopSpanProcessor, TracerProvider as SdkProvider } from '@opentelemetry/sdk-trace'
import * as E from 'fp-ts/lib/Either.js'
import { userKey } from '../../src/auth/user.js'
import { type Handler, type Request, build, fakeClock, newRequest, parseTarget, put, step, text } from '../../src/core/index.js'
import { mayRecord, withPhaseSpans } from '../../src/filters/with-phase-span.js'
import { tracingStep } from '../../src/filters/with-tracing.js'
import { auditIdKey, deadlineKey, receivedTimestampKey, requestInfoKey, resolveRequestInfo } from '../../src/request/index.js'

const rounds = 9
const perRound = 100_000
const deps = { clock: fakeClock(1_000_000) }
const ok = text(200, 'ok')
const inner: Handler = () => ok

const passThrough = (name: string) => step(name, (next) => next)

/** The tracing step and the three wrapped steps (pass-through here) as the secure chain has them. */
const traced = (tp: TracerProvider): Handler => {
  const phase = (name: string, inner?: string) => (mayRecord(tp) ? withPhaseSpans(passThrough(name), tp, deps, inner) : passThrough(name))
  return build([tracingStep(tp, deps), phase('audit'), phase('impersonation'), phase('authorization', 'handler')])(inner)
}

const request = (headers: Record<string, string>): Request => {
  const target = parseTarget('/api/v1/namespaces/default/configmaps?limit=500')
  if (E.isLeft(target)) throw new Error(target.left)
  let req = newRequest({ method: 'GET', target: target.right, headers })
  const info = resolveRequestInfo()(req)
  if (E.isLeft(info)) throw new Error(info.left.message)
  req = put(put(put(req, auditIdKey, 'a-1'), receivedTimestampKey, 1_000_000), requestInfoKey, info.right)
  return put(put(req, deadlineKey, 1_060_000), userKey, { name: 'alice', uid: '', groups: ['system:authenticated'], extra: {} })
}

const sdk = (sampled: boolean): TracerProvider =>
  new SdkProvider({
    sampler: sampled ? new AlwaysOnSampler() : new AlwaysOffSampler(),
    spanProcessors: [new NoopSpanProcessor()],
  })

const plain = request({})
const withParent = request({ traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' })
const rows: ReadonlyArray<readonly [string, Handler, Request]> = [
  ['handler alone', inner, plain],
  ['tracing, no SDK', traced(trace.getTracerProvider()), plain],
  ['tracing, no SDK, traceparent', traced(trace.getTracerProvider()), withParent],
  ['tracing, SDK, not sampled', traced(sdk(false)), plain],
  ['tracing, SDK, recorded', traced(sdk(true)), plain],
]

/** Nanoseconds per request of one round of `h` on `req`. */
const round = (h: Handler, req: Request): number => {
  const start = process.hrtime.bigint()
  for (let i = 0; i < perRound; i++) h(req)
  return Number(process.hrtime.bigint() - start) / perRound
}

const best = rows.map(() => Number.POSITIVE_INFINITY)
for (let r = 0; r < rounds; r++)
  rows.forEach(([, h, req], i) => {
    best[i] = Math.min(best[i] ?? Number.POSITIVE_INFINITY, round(h, req))
  })
const base = best[0] ?? 0
console.log(`tracing step in memory, fastest of ${rounds} interleaved rounds of ${perRound.toLocaleString('en-US')} requests`)
rows.forEach(([label], i) => {
  const ns = best[i] ?? 0
  console.log(`${label.padEnd(30)} ${ns.toFixed(1).padStart(8)} ns/request  ${i === 0 ? '' : `(+${(ns - base).toFixed(1)} ns)`}`)
})
