import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { WebSocketServer } from 'ws'
import { type RawRequest, newRequest, noteHandOver, takeover, text, upgrade } from '../../src/core/index.js'
import { newApiServerMetrics } from '../../src/metrics/index.js'
import { makeRequest } from '../support/request.js'
import { resourceInfo } from '../support/request-info.js'

const codes = suite('apiserver_request_total codes')

/** The `code` labels of `apiserver_request_total` with their counts. */
const counted = async (m: ReturnType<typeof newApiServerMetrics>): Promise<Record<string, number>> => {
  const family = (await m.registry.getMetricsAsJSON()).find((f) => f.name === 'apiserver_request_total')
  const out: Record<string, number> = {}
  for (const v of (family?.values ?? []) as ReadonlyArray<{ labels: Record<string, unknown>; value: number }>) {
    out[String(v.labels['code'])] = (out[String(v.labels['code'])] ?? 0) + v.value
  }
  return out
}

codes('an Http answer counts its status, an upgrade 101, a takeover the status its listener sent (0 if never handed over)', async () => {
  const m = newApiServerMetrics()
  const monitor = m.monitor('apiserver')
  const info = resourceInfo('get', 'pods')
  monitor(makeRequest('/api/v1/pods'), info, text(201, 'made'), 0.01)
  monitor(
    makeRequest('/api/v1/pods'),
    info,
    upgrade(new WebSocketServer({ noServer: true }), () => undefined),
    0.01,
  )
  const raw = { socket: undefined } as unknown as RawRequest
  const bare = makeRequest('/api/v1/pods')
  const handedOver = newRequest({ method: 'GET', target: bare, headers: {}, raw })
  noteHandOver(raw, { statusCode: 404 }) // what the adapter notes when it hands the request over
  monitor(
    handedOver,
    info,
    takeover(() => undefined),
    0.01,
  )
  monitor(
    makeRequest('/api/v1/pods'),
    info,
    takeover(() => undefined),
    0.01,
  )
  assert.equal(await counted(m), { '201': 1, '101': 1, '404': 1, '0': 1 })
})

codes.run()
