import fc from 'fast-check'
import { Registry } from 'prom-client'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { authDurationBuckets, authMetricHelp, authMetrics, compressUsername } from '../../src/metrics/auth-metrics.js'
import { family, histogramOf, scrape, seriesOf, valueOf } from './scrape.js'

const s = suite('authMetrics')

s("registers upstream's five series with their help texts and types, and no sample before the first attempt", async () => {
  const registry = new Registry()
  authMetrics(registry)
  const families = await scrape(registry)
  assert.equal(
    families.map((f) => [f.name, f.type, f.help, f.metrics.length]),
    [
      ['authenticated_user_requests', 'COUNTER', authMetricHelp.authenticatedUserRequests, 0],
      ['authentication_attempts', 'COUNTER', authMetricHelp.authenticationAttempts, 0],
      ['authentication_duration_seconds', 'HISTOGRAM', authMetricHelp.authenticationDuration, 0],
      ['authorization_attempts_total', 'COUNTER', authMetricHelp.authorizationAttempts, 0],
      ['authorization_duration_seconds', 'HISTOGRAM', authMetricHelp.authorizationDuration, 0],
    ],
  )
  assert.is(authMetricHelp.authenticationAttempts, '[ALPHA] Counter of authenticated attempts.')
})

s("durations use upstream's ExponentialBuckets(0.001, 2, 15)", () => {
  assert.is(authDurationBuckets.length, 15)
  assert.is(authDurationBuckets[0], 0.001)
  assert.is(authDurationBuckets[14], 16.384)
  for (let i = 1; i < 15; i++) assert.is(authDurationBuckets[i], authDurationBuckets[i - 1]! * 2)
})

s('an authentication moves its result, its duration, and for a success the collapsed user', async () => {
  const registry = new Registry()
  const m = authMetrics(registry)
  m.authentication('success', 0.0015, 'admin')
  m.authentication('success', 0.0001, 'jane@example.com')
  m.authentication('success', 0.0001, 'bob')
  m.authentication('failure', 0.0001, 'ignored')
  m.authentication('error', 3, '')
  const families = await scrape(registry)
  assert.equal(seriesOf(families, 'authenticated_user_requests'), [
    '{"username":"admin"} 1',
    '{"username":"email_id"} 1',
    '{"username":"other"} 1',
  ])
  assert.equal(seriesOf(families, 'authentication_attempts'), ['{"result":"error"} 1', '{"result":"failure"} 1', '{"result":"success"} 3'])
  const success = await histogramOf(registry, 'authentication_duration_seconds', { result: 'success' })
  assert.is(success?.count, 3)
  assert.is(success?.buckets['0.001'], 2)
  assert.is(success?.buckets['0.002'], 3)
  const error = await histogramOf(registry, 'authentication_duration_seconds', { result: 'error' })
  assert.is(error?.buckets['2.048'], 0)
  assert.is(error?.buckets['4.096'], 1)
  assert.is(error?.sum, 3)
  assert.is(await histogramOf(registry, 'authentication_duration_seconds', { result: 'failure' }).then((h) => h?.count), 1)
})

s('an authorization moves its result and its duration only', async () => {
  const registry = new Registry()
  const m = authMetrics(registry)
  m.authorization('allowed', 0.0001)
  m.authorization('allowed', 0.0001)
  m.authorization('denied', 0.0001)
  m.authorization('no-opinion', 0.0001)
  m.authorization('error', 0.02)
  const families = await scrape(registry)
  assert.equal(seriesOf(families, 'authorization_attempts_total'), [
    '{"result":"allowed"} 2',
    '{"result":"denied"} 1',
    '{"result":"error"} 1',
    '{"result":"no-opinion"} 1',
  ])
  const error = await histogramOf(registry, 'authorization_duration_seconds', { result: 'error' })
  assert.is(error?.buckets['0.016'], 0)
  assert.is(error?.buckets['0.032'], 1)
  assert.is((await histogramOf(registry, 'authorization_duration_seconds', { result: 'allowed' }))?.count, 2)
  assert.is(family(families, 'authentication_attempts').metrics.length, 0)
  assert.is(valueOf(families, 'authenticated_user_requests', { username: 'other' }), 0)
})

s('the clock it was given is the one it hands the filters', () => {
  let t = 7
  const m = authMetrics(new Registry(), () => t++)
  assert.is(m.now(), 7)
  assert.is(m.now(), 8)
})

s('a second set on the same registry is refused (one registry, one set of series)', () => {
  const registry = new Registry()
  authMetrics(registry)
  assert.throws(() => authMetrics(registry), /already been registered/)
})

const c = suite('compressUsername')

c("keeps upstream's well-known identities", () => {
  for (const u of ['admin', 'client', 'kube_proxy', 'kubelet', 'system:serviceaccount:kube-system:default'])
    assert.is(compressUsername(u), u)
})

c('collapses an address to email_id and anything else to other', () => {
  assert.is(compressUsername('jane@example.com'), 'email_id')
  assert.is(compressUsername('system:serviceaccount:default:builder'), 'other')
  assert.is(compressUsername(''), 'other')
  assert.is(compressUsername('Admin'), 'other')
})

c('any name lands in one of seven values (bounded cardinality)', () => {
  const allowed = new Set(['admin', 'client', 'kube_proxy', 'kubelet', 'system:serviceaccount:kube-system:default', 'email_id', 'other'])
  fc.assert(fc.property(fc.string(), (u) => allowed.has(compressUsername(u))))
})

s.run()
c.run()
