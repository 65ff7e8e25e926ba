import * as E from 'fp-ts/lib/Either.js'
import * as O from 'fp-ts/lib/Option.js'
import { Registry } from 'prom-client'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import type { Authenticator } from '../../src/auth/authenticator.js'
import { bearerTokenAuthenticator, staticTokenAuthenticator } from '../../src/auth/token-authenticator.js'
import type { UserInfo } from '../../src/auth/user.js'
import { type Handler, type Headers, type Request, put, recordingLogger, text } from '../../src/core/index.js'
import { authenticationDefaults, unauthorizedHandler, withAuthentication } from '../../src/filters/with-authentication.js'
import { authMetrics } from '../../src/metrics/auth-metrics.js'
import { requestInfoKey } from '../../src/request/request-info.js'
import { histogramOf, scrape, seriesOf } from '../metrics/scrape.js'
import { resourceInfo } from '../support/request-info.js'
import { makeRequest, run, statusOf } from '../support/request.js'

const user = (name: string): UserInfo => ({ name, uid: '', groups: ['system:authenticated'], extra: {} })
const tokens = new Map([
  ['alice-token', user('alice')],
  ['admin-token', user('admin')],
  ['jane-token', user('jane@example.com')],
])
const reqWith = (headers: Headers): Request => put(makeRequest('/api/v1/pods', { headers }), requestInfoKey, resourceInfo('list', 'pods'))
const bearer = (token: string): Request => reqWith({ authorization: `Bearer ${token}` })
const log = recordingLogger()
const deps = { log: log.log }

/** A fake monotonic clock in seconds; the authenticator and the inner handler each move it on. */
const setup = (inner: Handler = () => text(200, 'ok'), apiAudiences: ReadonlyArray<string> = [], authenticator?: Authenticator) => {
  const clock = { t: 100 }
  const registry = new Registry()
  const metrics = authMetrics(registry, () => clock.t)
  const tokenAuth = bearerTokenAuthenticator(staticTokenAuthenticator(tokens))
  const slowAuth: Authenticator = (req) => ((clock.t += 0.003), (authenticator ?? tokenAuth)(req))
  const slowInner: Handler = (req) => ((clock.t += 10), inner(req))
  const cfg = { ...authenticationDefaults, apiAudiences }
  const handler = withAuthentication(slowAuth, unauthorizedHandler(deps), cfg, deps, metrics)(slowInner)
  return { handler, registry }
}

const s = suite('withAuthentication metrics')

s('a good token: 200, one success, the user collapsed to other, the authenticator timed alone', async () => {
  const { handler, registry } = setup()
  assert.is(statusOf(await run(handler, bearer('alice-token'))), 200)
  const families = await scrape(registry)
  assert.equal(seriesOf(families, 'authentication_attempts'), ['{"result":"success"} 1'])
  assert.equal(seriesOf(families, 'authenticated_user_requests'), ['{"username":"other"} 1'])
  const h = await histogramOf(registry, 'authentication_duration_seconds', { result: 'success' })
  assert.is(h?.count, 1)
  assert.is(h?.buckets['0.002'], 0)
  assert.is(h?.buckets['0.004'], 1)
})

s('no credentials: 401 and one failure, no user series', async () => {
  const { handler, registry } = setup()
  assert.is(statusOf(await run(handler, reqWith({}))), 401)
  const families = await scrape(registry)
  assert.equal(seriesOf(families, 'authentication_attempts'), ['{"result":"failure"} 1'])
  assert.equal(seriesOf(families, 'authenticated_user_requests'), [])
  assert.is((await histogramOf(registry, 'authentication_duration_seconds', { result: 'failure' }))?.count, 1)
})

s('a refused token: 401 and one error', async () => {
  const { handler, registry } = setup()
  assert.is(statusOf(await run(handler, bearer('stolen'))), 401)
  const families = await scrape(registry)
  assert.equal(seriesOf(families, 'authentication_attempts'), ['{"result":"error"} 1'])
  assert.equal(seriesOf(families, 'authenticated_user_requests'), [])
})

s('audiences that do not meet the API audiences: 401 and an error, as upstream', async () => {
  const auds: Authenticator = () => E.right(O.some({ user: user('alice'), audiences: ['other-aud'] }))
  const { handler, registry } = setup(undefined, ['api'], auds)
  assert.is(statusOf(await run(handler, bearer('alice-token'))), 401)
  assert.equal(seriesOf(await scrape(registry), 'authentication_attempts'), ['{"result":"error"} 1'])
})

s('well-known and email users keep their category', async () => {
  const { handler, registry } = setup()
  await run(handler, bearer('admin-token'))
  await run(handler, bearer('jane-token'))
  await run(handler, bearer('admin-token'))
  const families = await scrape(registry)
  assert.equal(seriesOf(families, 'authenticated_user_requests'), ['{"username":"admin"} 2', '{"username":"email_id"} 1'])
  assert.equal(seriesOf(families, 'authentication_attempts'), ['{"result":"success"} 3'])
})

s('without metrics the filter answers the same', async () => {
  const handler = withAuthentication(
    bearerTokenAuthenticator(staticTokenAuthenticator(tokens)),
    unauthorizedHandler(deps),
    authenticationDefaults,
    deps,
  )(() => text(200, 'ok'))
  assert.is(statusOf(await run(handler, bearer('alice-token'))), 200)
  assert.is(statusOf(await run(handler, bearer('stolen'))), 401)
  assert.is(statusOf(await run(handler, reqWith({}))), 401)
})

s.run()
