import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { fakeClock, isPending, put, recordingLogger, systemClock, text } from '../../src/core/index.js'
import { withTracing } from '../../src/filters/with-tracing.js'
import { collectorUrl, newTracingSdk } from '../../src/lifecycle/tracer-provider.js'
import * as E from 'fp-ts/lib/Either.js'
import type { Request } from '../../src/core/index.js'
import { receivedTimestampKey, requestInfoKey, requestInfoResolverDefaults, resolveRequestInfo } from '../../src/request/index.js'
import { closedCollectorPort as closedPort, startCollector as collector } from '../support/otlp-collector.js'
import { makeRequest } from '../support/request.js'

/** A request with its RequestInfo, as the chain has it at `tracing`. */
const resolved = (url: string): Request => {
  const req = makeRequest(url)
  const info = resolveRequestInfo(requestInfoResolverDefaults)(req)
  if (E.isLeft(info)) throw new Error(info.left.message)
  return put(req, requestInfoKey, info.right)
}

const deps = () => {
  const { log, entries } = recordingLogger()
  return { deps: { log, newId: () => 'id-1', clock: systemClock }, entries }
}

const otlp = suite('newTracingSdk over OTLP gRPC')

otlp('a sampled request span reaches a collector on 127.0.0.1 when the SDK shuts down', async () => {
  const c = await collector()
  const { deps: d, entries } = deps()
  const sdk = newTracingSdk({ endpoint: `127.0.0.1:${c.port}`, samplingRatePerMillion: 1_000_000 }, d)
  const h = withTracing(sdk.provider, { clock: fakeClock(5_000) })(() => text(200, 'ok'))
  h(put(resolved('/api/v1/namespaces/default/configmaps'), receivedTimestampKey, 4_000))
  await sdk.shutdown(10_000)
  await c.stop()
  assert.is(c.received.length, 1)
  const body = c.received[0] ?? Buffer.alloc(0)
  assert.ok(body.includes('GET /api/v1/namespaces/{:namespace}/configmaps'), 'the span name is in the export')
  assert.ok(body.includes('apiserver-id-1'), 'the resource carries the instance ID')
  assert.equal(entries, [])
})

otlp('samplingRatePerMillion 0 exports nothing for a root span', async () => {
  const c = await collector()
  const sdk = newTracingSdk({ endpoint: `127.0.0.1:${c.port}`, samplingRatePerMillion: 0 }, deps().deps)
  withTracing(sdk.provider, { clock: fakeClock() })(() => text(200, 'ok'))(makeRequest('/healthz'))
  await sdk.shutdown(10_000)
  await c.stop()
  assert.is(c.received.length, 0)
})

otlp('an unreachable collector neither fails nor holds requests; the failure is logged once and shutdown is bounded', async () => {
  const port = await closedPort()
  const { deps: d, entries } = deps()
  const sdk = newTracingSdk({ endpoint: `127.0.0.1:${port}`, samplingRatePerMillion: 1_000_000 }, d, {
    exportTimeoutMs: 500,
    scheduledDelayMs: 10,
  })
  const h = withTracing(sdk.provider, { clock: fakeClock() })(() => text(200, 'ok'))
  for (let i = 0; i < 3; i++) {
    for (let j = 0; j < 20; j++) {
      const answer = h(makeRequest('/api/v1/pods'))
      assert.ok(!isPending(answer), 'answered in the same turn')
      assert.is(isPending(answer) ? 0 : answer._tag === 'Http' && answer.status, 200)
    }
    await sdk.provider.forceFlush().catch(() => undefined) // a flush asked for reports the failed export; the timer's are only logged
  }
  await sdk.shutdown(5_000)
  const failures = entries.filter((e) => e.msg === 'tracing: failed to export spans')
  assert.is(failures.length, 1)
  assert.is(failures[0]?.fields?.endpoint, `127.0.0.1:${port}`)
})

otlp('collectorUrl: plaintext host:port, dns targets, unix sockets as they are', () => {
  assert.is(collectorUrl('localhost:4317'), 'http://localhost:4317')
  assert.is(collectorUrl('dns:///collector.monitoring:4317'), 'http://collector.monitoring:4317')
  assert.is(collectorUrl('unix:///var/run/otel.sock'), 'unix:///var/run/otel.sock')
})

otlp.run()
