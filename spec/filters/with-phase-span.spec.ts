import { ROOT_CONTEXT, trace } from '@opentelemetry/api'
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { constant, fakeClock, identity, put, runFinalizers, step, stream, text } from '../../src/core/index.js'
import { mayRecord, phaseScope, withPhaseSpan, withPhaseSpans } from '../../src/filters/with-phase-span.js'
import { traceContextKey } from '../../src/request/trace-context.js'
import { chunksOf, makeRequest, run } from '../support/request.js'

const recorder = () => {
  const exporter = new InMemorySpanExporter()
  const tp = new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter })] })
  const parent = tp.getTracer('spec').startSpan('request')
  return { tp, parent, ctx: trace.setSpan(ROOT_CONTEXT, parent), spans: () => exporter.getFinishedSpans() }
}

const phase = suite('withPhaseSpan')

phase('without a recording request span the request passes on untouched and nothing is recorded', async () => {
  const { tp, spans } = recorder()
  const req = makeRequest('/api/v1/pods')
  let passed: unknown
  await run(
    withPhaseSpan('audit', tp, { clock: fakeClock() })((r) => ((passed = r), text(200, 'ok'))),
    req,
  )
  assert.is(passed, req)
  assert.equal(spans(), [])
})

phase('a child of the request span, from entry to when the work inside is done', async () => {
  const { tp, parent, ctx, spans } = recorder()
  const clock = fakeClock(1_800_000_002_000) // epoch-sized: the SDK reads a small number as a performance.now() time
  const h = withPhaseSpan('authorization', tp, { clock })(constant(stream(200, chunksOf('x'))))
  const res = await run(h, put(makeRequest('/api/v1/pods'), traceContextKey, ctx))
  assert.equal(spans(), [])
  clock.advance(30)
  runFinalizers(res, 'finished')
  const [span] = spans()
  assert.is(span?.name, 'authorization')
  assert.is(span?.instrumentationScope.name, phaseScope)
  assert.is(span?.parentSpanContext?.spanId, parent.spanContext().spanId)
  assert.equal(span?.startTime, [1_800_000_002, 0])
  assert.equal(span?.endTime, [1_800_000_002, 30_000_000])
})

phase('withPhaseSpans keeps the step and nests an inner span around what it passes inward', async () => {
  const { tp, ctx, spans } = recorder()
  const s = step('authorization', identity, { needs: ['User'] })
  const traced = withPhaseSpans(s, tp, { clock: fakeClock() }, 'handler')
  assert.is(traced.name, 'authorization')
  assert.equal(traced.needs, ['User'])
  await run(traced.filter(constant(text(200, 'ok'))), put(makeRequest('/api/v1/pods'), traceContextKey, ctx))
  const [inner, outer] = spans()
  assert.equal([inner?.name, outer?.name], ['handler', 'authorization'])
  assert.is(inner?.parentSpanContext?.spanId, outer?.spanContext().spanId)
})

phase.run()

const may = suite('mayRecord')

may("false for the API's global provider while no SDK is registered, true for an SDK's", () => {
  assert.is(mayRecord(trace.getTracerProvider()), false)
  assert.is(mayRecord(new TracerProvider()), true)
})

may.run()
