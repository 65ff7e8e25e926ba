import fc from 'fast-check'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { isExemptFromShutdownRejection } from '../../src/request/shutdown-exemption.js'
import { makeRequest } from '../support/request.js'

const exempt = suite('isExemptFromShutdownRejection')

const prefixes = ['/readyz', '/livez', '/healthz', '/metrics']

exempt('exempts health probes and metrics, including their sub-paths and queries', () => {
  for (const url of ['/readyz', '/livez/ping', '/healthz?verbose', '/metrics', '/readyz/shutdown?exclude=etcd']) {
    assert.ok(isExemptFromShutdownRejection(makeRequest(url)), url)
  }
})

exempt('uses a plain string prefix, not a path segment', () => {
  assert.ok(isExemptFromShutdownRejection(makeRequest('/healthzfoo')))
  assert.ok(isExemptFromShutdownRejection(makeRequest('/metricsxyz/a')))
})

exempt('does not exempt other paths, nor exempt prefixes elsewhere in the path or in the query', () => {
  for (const url of ['/', '/api/v1/pods', '/api/readyz', '/Healthz', '/foo?path=/readyz', '/read']) {
    assert.not.ok(isExemptFromShutdownRejection(makeRequest(url)), url)
  }
})

exempt('matches the percent-decoded path, as Go matches URL.Path', () => {
  assert.ok(isExemptFromShutdownRejection(makeRequest('/%72eadyz')))
})

exempt('exempts the loopback client by its User-Agent prefix kube-apiserver/', () => {
  const req = makeRequest('/api/v1/pods', { headers: { 'user-agent': 'kube-apiserver/v1.31.0 (linux/amd64) kubernetes/abc' } })
  assert.ok(isExemptFromShutdownRejection(req))
})

exempt('does not exempt other user agents, case variants, or the bare name without slash', () => {
  for (const agent of ['kubectl/v1.31.0', 'Kube-apiserver/v1', 'kube-apiserver', ' kube-apiserver/v1']) {
    const req = makeRequest('/api/v1/pods', { headers: { 'user-agent': agent } })
    assert.not.ok(isExemptFromShutdownRejection(req), agent)
  }
})

exempt('property: exempt exactly when the path starts with an exempt prefix (no loopback agent)', () => {
  const chars = (set: string) => fc.constantFrom(...set.split(''))
  const segment = fc.string({ unit: chars('abdehiklmrstyz09/._-'), maxLength: 12 })
  const path = fc.oneof(
    fc.tuple(fc.constantFrom(...prefixes), segment).map(([p, s]) => p + s),
    segment.map((s) => `/${s}`),
  )
  fc.assert(
    fc.property(
      path,
      fc.oneof(fc.string({ unit: chars('kube-apiserverK/.0 '), maxLength: 20 }), fc.constant('kube-apiserver/v1')),
      (p, agent) => {
        const req = makeRequest(p, { headers: { 'user-agent': agent } })
        const expected = agent.startsWith('kube-apiserver/') || prefixes.some((x) => p.startsWith(x))
        assert.is(isExemptFromShutdownRejection(req), expected)
      },
    ),
    { numRuns: 300 },
  )
})

exempt.run()
