import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import * as E from 'fp-ts/lib/Either.js'
import * as O from 'fp-ts/lib/Option.js'
import fc from 'fast-check'
import { requestInfoResolverDefaults, resolveRequestInfo } from '../../src/request/index.js'
import { cleanVerb } from '../../src/request/clean-verb.js'
import { makeRequest } from '../support/request.js'

const resolve = resolveRequestInfo(requestInfoResolverDefaults)
const verbOf = (method: string, url: string, headers: Record<string, string> = {}): string => {
  const req = makeRequest(url, { method, headers })
  return cleanVerb(req, O.fromEither(resolve(req)))
}

const verb = suite('cleanVerb')

verb('tells LIST from GET by scope', () => {
  assert.is(verbOf('GET', '/api/v1/namespaces/default/pods'), 'LIST')
  assert.is(verbOf('GET', '/api/v1/pods'), 'LIST')
  assert.is(verbOf('HEAD', '/api/v1/pods'), 'LIST')
  assert.is(verbOf('GET', '/api/v1/namespaces/default/pods/web'), 'GET')
  assert.is(verbOf('GET', '/healthz'), 'GET')
})

verb('reports a GET with a true watch parameter as WATCH', () => {
  assert.is(verbOf('GET', '/api/v1/pods?watch=true'), 'WATCH')
  assert.is(verbOf('GET', '/api/v1/pods?watch=1'), 'WATCH')
  assert.is(verbOf('GET', '/api/v1/pods?watch=False'), 'LIST')
  assert.is(verbOf('GET', '/api/v1/pods?watch=0'), 'LIST')
  assert.is(verbOf('GET', '/api/v1/namespaces/default/pods/web?watch=yes'), 'WATCH')
})

verb('reports server-side apply as APPLY and connect subresources as CONNECT', () => {
  assert.is(verbOf('PATCH', '/api/v1/namespaces/default/pods/web', { 'content-type': 'application/apply-patch+yaml' }), 'APPLY')
  assert.is(verbOf('PATCH', '/api/v1/namespaces/default/pods/web', { 'content-type': 'application/merge-patch+json' }), 'PATCH')
  assert.is(verbOf('GET', '/api/v1/namespaces/default/pods/web/log'), 'CONNECT')
  assert.is(verbOf('POST', '/api/v1/namespaces/default/pods/web/exec'), 'CONNECT')
  assert.is(verbOf('GET', '/api/v1/namespaces/default/pods/web/status'), 'GET')
})

verb('keeps other methods, upper-cased, and the raw method without RequestInfo', () => {
  assert.is(verbOf('POST', '/api/v1/namespaces/default/pods'), 'POST')
  assert.is(verbOf('DELETE', '/api/v1/namespaces/default/pods'), 'DELETE')
  assert.is(cleanVerb(makeRequest('/x', { method: 'PUT' }), O.none), 'PUT')
})

verb('never reports GET for a collection, whatever the query', () => {
  fc.assert(
    fc.property(fc.constantFrom('pods', 'services', 'configmaps'), fc.string(), (resource, q) => {
      const url = `/api/v1/namespaces/ns/${resource}?x=${encodeURIComponent(q)}`
      const req = makeRequest(url)
      const info = resolve(req)
      return E.isRight(info) && cleanVerb(req, O.some(info.right)) === 'LIST'
    }),
    { numRuns: 50 },
  )
})

verb.run()
