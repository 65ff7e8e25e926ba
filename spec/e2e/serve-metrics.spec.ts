// End to end: `kubechain serve` serves /metrics and /metrics/slis to the system:monitoring group only.
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import * as fs from 'node:fs'
import { request } from 'node:https'
import * as os from 'node:os'
import * as path from 'node:path'
import { parseSamples, parseText, seriesKey, seriesValues } from '../support/scrape.js'
import { type Child, startServe, stopChild } from '../support/serve-child.js'

interface Reply {
  readonly status: number
  readonly contentType: string
  readonly body: string
}

const get = (url: URL, p: string, token?: string): Promise<Reply> =>
  new Promise((resolve, reject) => {
    const headers: Record<string, string> = token === undefined ? {} : { authorization: `Bearer ${token}` }
    const req = request({ host: url.hostname, port: url.port, path: p, headers, agent: false, rejectUnauthorized: false }, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (c: string) => (body += c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, contentType: String(res.headers['content-type']), body }))
    })
    req.setTimeout(5_000, () => req.destroy(new Error('client timeout')))
    req.on('error', reject)
    req.end()
  })

const e2e = suite('kubechain serve: /metrics')

e2e('403 for anonymous and for a user outside system:monitoring, 200 with upstream’s series for system:monitoring', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubechain-metrics-e2e-'))
  const tokens = path.join(dir, 'tokens.csv')
  fs.writeFileSync(tokens, 'monitor-token,prometheus,1,"system:monitoring"\nbob-token,bob,2\nadmin-token,admin,3,"system:masters"\n')
  let child: Child | undefined
  try {
    child = await startServe(dir, [`--token-auth-file=${tokens}`])
    const url = child.url
    assert.is((await get(url, '/metrics')).status, 403)
    assert.is((await get(url, '/metrics', 'bob-token')).status, 403)
    assert.is((await get(url, '/api/v1/namespaces/default/configmaps', 'admin-token')).status, 200)

    const scraped = await get(url, '/metrics', 'monitor-token')
    assert.is(scraped.status, 200)
    assert.is(scraped.contentType, 'text/plain; version=0.0.4; charset=utf-8')
    const names = parseText(scraped.body).map((f) => f.name)
    for (const name of [
      'apiserver_request_total',
      'apiserver_request_duration_seconds',
      'process_cpu_seconds_total',
      'nodejs_eventloop_lag_seconds',
    ])
      assert.ok(names.includes(name), name)
    const list = seriesKey('apiserver_request_total', {
      code: '200',
      component: 'apiserver',
      dry_run: '',
      group: '',
      resource: 'configmaps',
      scope: 'namespace',
      subresource: '',
      verb: 'LIST',
      version: 'v1',
    })
    assert.is(seriesValues(parseSamples(scraped.body), 'apiserver_request_total').get(list), 1)

    assert.is((await get(url, '/readyz')).status, 200)
    const slis = await get(url, '/metrics/slis', 'monitor-token')
    assert.is(slis.status, 200)
    assert.is(
      seriesValues(parseSamples(slis.body), 'kubernetes_healthcheck').get(
        seriesKey('kubernetes_healthcheck', { name: 'ping', type: 'readyz' }),
      ),
      1,
    )
  } finally {
    await stopChild(child)
    fs.rmSync(dir, { recursive: true, force: true })
  }
})

e2e.run()
