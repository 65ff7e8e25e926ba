// End to end: `kubechain serve --tracing-config-file` sending request spans to an OTLP gRPC collector stub,
// and serving as usual when the collector is down.
import * as fs from 'node:fs'
import { request } from 'node:https'
import * as os from 'node:os'
import * as path from 'node:path'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { within } from '../support/http-client.js'
import { closedCollectorPort, startCollector } from '../support/otlp-collector.js'
import { type Child, startServe, stopChild } from '../support/serve-child.js'

const traceId = '0af7651916cd43dd8448eb211c80319c'

const get = (url: URL, p: string, headers: Record<string, string>): Promise<number> =>
  new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path: p, headers, agent: false, rejectUnauthorized: false }, (res) => {
      res.resume()
      res.on('end', () => resolve(res.statusCode ?? 0))
    })
    req.on('error', reject)
    req.end()
  })

const configFile = (dir: string, port: number): string => {
  const file = path.join(dir, 'tracing.yaml')
  fs.writeFileSync(
    file,
    `apiVersion: apiserver.config.k8s.io/v1\nkind: TracingConfiguration\nendpoint: 127.0.0.1:${port}\nsamplingRatePerMillion: 1000000\n`,
  )
  return file
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubechain-tracing-'))
const e2e = suite('kubechain serve with tracing (child process)')
e2e.after(() => fs.rmSync(dir, { recursive: true, force: true }))

e2e("a request's spans reach the collector by shutdown, continuing a system:masters caller's trace", async () => {
  const collector = await startCollector()
  let child: Child | undefined
  try {
    child = await startServe(dir, [`--tracing-config-file=${configFile(dir, collector.port)}`])
    const headers = { authorization: `Bearer ${child.token ?? ''}`, traceparent: `00-${traceId}-b7ad6b7169203331-01` }
    assert.is(await get(child.url, '/api/v1/namespaces/default/configmaps', headers), 200)
    child.proc.kill('SIGTERM')
    assert.equal(await within(child.exited, 15_000, 'a graceful exit'), { code: 0, signal: null })
    const all = Buffer.concat([...collector.received])
    assert.ok(all.includes('GET /api/v1/namespaces/{:namespace}/configmaps'), 'the server span')
    for (const phase of ['authorization', 'impersonation', 'handler']) assert.ok(all.includes(phase), phase)
    assert.ok(all.includes(Buffer.from(traceId, 'hex')), 'the caller trace ID')
  } finally {
    await stopChild(child)
    await collector.stop()
  }
})

e2e('with the collector down, requests are answered and the server still stops gracefully', async () => {
  let child: Child | undefined
  try {
    child = await startServe(dir, [`--tracing-config-file=${configFile(dir, await closedCollectorPort())}`])
    const headers = { authorization: `Bearer ${child.token ?? ''}` }
    for (let i = 0; i < 5; i++)
      assert.is(await within(get(child.url, '/api/v1/namespaces/default/configmaps', headers), 5_000, 'an answer'), 200)
    child.proc.kill('SIGTERM')
    assert.equal(await within(child.exited, 15_000, 'a graceful exit'), { code: 0, signal: null })
    assert.match(child.stderr(), 'tracing: failed to export spans')
  } finally {
    await stopChild(child)
  }
})

e2e.run()
