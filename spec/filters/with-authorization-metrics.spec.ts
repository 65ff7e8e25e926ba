import { Registry } from 'prom-client'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import type { Authorizer, AuthorizationResult } from '../../src/auth/authorizer.js'
import { type UserInfo, userKey } from '../../src/auth/user.js'
import { type Handler, type Request, put, recordingLogger, text } from '../../src/core/index.js'
import { withAuthorization } from '../../src/filters/with-authorization.js'
import { authMetrics } from '../../src/metrics/auth-metrics.js'
import { requestInfoKey } from '../../src/request/request-info.js'
import { histogramOf, scrape, seriesOf } from '../metrics/scrape.js'
import { resourceInfo } from '../support/request-info.js'
import { makeRequest, run, statusOf } from '../support/request.js'

const bob: UserInfo = { name: 'bob', uid: '', groups: ['system:authenticated'], extra: {} }
const request = (withInfo = true): Request => {
  const req = put(makeRequest('/api/v1/namespaces/default/configmaps'), userKey, bob)
  return withInfo ? put(req, requestInfoKey, resourceInfo('list', 'configmaps', { namespace: 'default' })) : req
}
const log = recordingLogger()
const deps = { log: log.log }

/** The authorizer moves the fake clock by 0.02 s and the inner handler by 10 s: only the first is timed. */
const setup = (answer: () => AuthorizationResult) => {
  const clock = { t: 5 }
  const registry = new Registry()
  const authorizer: Authorizer = () => ((clock.t += 0.02), answer())
  const inner: Handler = () => ((clock.t += 10), text(200, 'ok'))
  const handler = withAuthorization(
    authorizer,
    deps,
    authMetrics(registry, () => clock.t),
  )(inner)
  return { handler, registry }
}

const s = suite('withAuthorization metrics')

s('allowed: 200, one allowed attempt, timed around the authorizer only', async () => {
  const { handler, registry } = setup(() => ({ decision: 'Allow', reason: '' }))
  assert.is(statusOf(await run(handler, request())), 200)
  assert.equal(seriesOf(await scrape(registry), 'authorization_attempts_total'), ['{"result":"allowed"} 1'])
  const h = await histogramOf(registry, 'authorization_duration_seconds', { result: 'allowed' })
  assert.is(h?.buckets['0.016'], 0)
  assert.is(h?.buckets['0.032'], 1)
  assert.is(h?.buckets['8.192'], 1)
})

s('denied: 403 and one denied attempt', async () => {
  const { handler, registry } = setup(() => ({ decision: 'Deny', reason: 'no' }))
  assert.is(statusOf(await run(handler, request())), 403)
  assert.equal(seriesOf(await scrape(registry), 'authorization_attempts_total'), ['{"result":"denied"} 1'])
})

s('no opinion: 403 and one no-opinion attempt', async () => {
  const { handler, registry } = setup(() => ({ decision: 'NoOpinion', reason: '' }))
  assert.is(statusOf(await run(handler, request())), 403)
  assert.equal(seriesOf(await scrape(registry), 'authorization_attempts_total'), ['{"result":"no-opinion"} 1'])
  assert.is((await histogramOf(registry, 'authorization_duration_seconds', { result: 'no-opinion' }))?.count, 1)
})

s('an authorizer that throws: 500 and one error attempt', async () => {
  const { handler, registry } = setup(() => {
    throw new Error('webhook down')
  })
  assert.is(statusOf(await run(handler, request())), 500)
  assert.equal(seriesOf(await scrape(registry), 'authorization_attempts_total'), ['{"result":"error"} 1'])
})

s('no RequestInfo: 500 and nothing recorded, as upstream', async () => {
  const { handler, registry } = setup(() => ({ decision: 'Allow', reason: '' }))
  assert.is(statusOf(await run(handler, request(false))), 500)
  assert.equal(seriesOf(await scrape(registry), 'authorization_attempts_total'), [])
})

s.run()
