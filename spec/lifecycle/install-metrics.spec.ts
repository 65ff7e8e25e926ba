import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import * as E from 'fp-ts/lib/Either.js'
import type { ClientHttp2Session } from 'node:http2'
import {
  anonymousAuthenticator,
  authenticatedGroupAdder,
  bearerTokenAuthenticator,
  bootstrapPolicy,
  rbacAuthorizer,
  staticTokenAuthenticator,
  unionAuthenticator,
} from '../../src/auth/index.js'
import { secureChain } from '../../src/chains/index.js'
import { type Config, newConfig } from '../../src/config/index.js'
import { defaultDeps, silentLogger } from '../../src/core/index.js'
import { type GenericServer, newGenericServer, prepareRun } from '../../src/lifecycle/index.js'
import { newApiServerMetrics } from '../../src/metrics/index.js'
import { parseSamples, parseText, seriesKey, seriesValues } from '../support/scrape.js'
import { type SecureServer, startSecure, tlsSession2 } from '../support/secure-server.js'

const cfg = ((): Config => {
  const c = newConfig({})
  if (E.isLeft(c)) throw new Error('bad config')
  return c.right
})()

const users = new Map([
  ['monitor-token', { name: 'prometheus', uid: '1', groups: ['system:monitoring'], extra: {} }],
  ['bob-token', { name: 'bob', uid: '2', groups: [], extra: {} }],
])
const authenticator = unionAuthenticator(
  [authenticatedGroupAdder(bearerTokenAuthenticator(staticTokenAuthenticator(users))), anonymousAuthenticator()],
  { failOnError: true },
)

interface Reply {
  readonly status: number
  readonly contentType: string
  readonly body: string
}

/** One request on a session of its own (the spec server answers one request per session). */
const get = async (port: number, path: string, token?: string, method = 'GET'): Promise<Reply> => {
  const session = tlsSession2(port)
  try {
    return await ask(session, path, token, method)
  } finally {
    session.close()
  }
}

const ask = (session: ClientHttp2Session, path: string, token: string | undefined, method: string): Promise<Reply> =>
  new Promise((resolve, reject) => {
    const headers = { ':path': path, ':method': method, ...(token === undefined ? {} : { authorization: `Bearer ${token}` }) }
    const stream = session.request(headers, { endStream: true })
    let status = 0
    let contentType = ''
    let body = ''
    stream.on('response', (h) => {
      status = Number(h[':status'])
      contentType = String(h['content-type'] ?? '')
    })
    stream.setEncoding('utf8')
    stream.on('data', (d: string) => (body += d))
    stream.on('end', () => resolve({ status, contentType, body }))
    stream.on('error', reject)
  })

const serving = async (): Promise<{ server: GenericServer; secure: SecureServer; port: number }> => {
  const made = newGenericServer({
    name: 'metrics-spec',
    deps: { ...defaultDeps, log: silentLogger },
    metrics: newApiServerMetrics(),
    buildHandlerChain: (ctx) => secureChain(ctx, cfg, { authenticator, authorizer: rbacAuthorizer(bootstrapPolicy) }),
  })
  const prepared = E.chain(prepareRun)(made)
  if (E.isLeft(prepared)) throw new Error(prepared.left.message)
  const server = prepared.right.server
  const secure = await startSecure(server.handler.fullHandlerChain)
  return { server, secure, port: secure.port }
}

const e2e = suite('/metrics and /metrics/slis over TLS, behind the secure chain')

e2e('anonymous and an unprivileged user get 403; a token in group system:monitoring scrapes both endpoints', async () => {
  const { secure, port } = await serving()
  try {
    const anonymous = await get(port, '/metrics')
    assert.is(anonymous.status, 403)
    assert.match(anonymous.body, 'forbidden: User \\"system:anonymous\\" cannot get path \\"/metrics\\"')
    assert.is((await get(port, '/metrics', 'bob-token')).status, 403)
    assert.is((await get(port, '/metrics/slis', 'bob-token')).status, 403)

    assert.is((await get(port, '/readyz', 'monitor-token')).status, 200)
    await get(port, '/api/v1/namespaces/default/configmaps', 'monitor-token')
    const metrics = await get(port, '/metrics', 'monitor-token')
    assert.is(metrics.status, 200)
    assert.is(metrics.contentType, 'text/plain; version=0.0.4; charset=utf-8')
    const families = parseText(metrics.body).map((f) => f.name)
    for (const name of [
      'apiserver_request_total',
      'apiserver_request_duration_seconds',
      'process_cpu_seconds_total',
      'nodejs_heap_size_used_bytes',
    ])
      assert.ok(families.includes(name), name)
    const readyz = seriesKey('apiserver_request_total', {
      code: '200',
      component: '',
      dry_run: '',
      group: '',
      resource: '',
      scope: '',
      subresource: '/readyz',
      verb: 'GET',
      version: '',
    })
    assert.is(seriesValues(parseSamples(metrics.body), 'apiserver_request_total').get(readyz), 1)

    const slis = await get(port, '/metrics/slis', 'monitor-token')
    assert.is(slis.status, 200)
    const sli = seriesValues(parseSamples(slis.body), 'kubernetes_')
    assert.is(sli.get(seriesKey('kubernetes_healthcheck', { name: 'ping', type: 'readyz' })), 1)
    assert.is(sli.get(seriesKey('kubernetes_healthchecks_total', { name: 'ping', status: 'success', type: 'readyz' })), 1)
    assert.is(sli.get(seriesKey('kubernetes_healthcheck', { name: 'ping', type: 'healthz' })), undefined)
  } finally {
    await secure.stop()
  }
})

e2e('system:monitoring may only get: its DELETE (a reset) is 403', async () => {
  const { server, secure, port } = await serving()
  try {
    await get(port, '/readyz', 'monitor-token')
    const before = seriesValues(parseSamples(await server.metrics.registry.metrics()), 'apiserver_request_total')
    assert.is(before.size, 1)
    assert.is((await get(port, '/metrics', 'monitor-token', 'DELETE')).status, 403)
    assert.equal(seriesValues(parseSamples(await server.metrics.registry.metrics()), 'apiserver_request_total'), before)
  } finally {
    await secure.stop()
  }
})

e2e.run()
