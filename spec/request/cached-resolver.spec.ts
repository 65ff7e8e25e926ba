import * as E from 'fp-ts/lib/Either.js'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { cachedResolver, requestInfoResolverDefaults, resolveRequestInfo } from '../../src/request/index.js'
import type { RequestResolver } from '../../src/request/index.js'
import { makeRequest } from '../support/request.js'

const cached = suite('cachedResolver')

const counting = (): { resolve: RequestResolver; calls: () => number } => {
  const inner = resolveRequestInfo(requestInfoResolverDefaults)
  let n = 0
  return { resolve: (req) => (n++, inner(req)), calls: () => n }
}

cached('answers a repeated method and target from memory with the same value', () => {
  const c = counting()
  const resolve = cachedResolver(c.resolve, 8)
  const first = resolve(makeRequest('/api/v1/namespaces/a/pods'))
  const again = resolve(makeRequest('/api/v1/namespaces/a/pods'))
  assert.is(again, first)
  assert.is(c.calls(), 1)
  assert.ok(E.isRight(first) && first.right.namespace === 'a')
})

cached('keys by method as well as target', () => {
  const c = counting()
  const resolve = cachedResolver(c.resolve, 8)
  const get = resolve(makeRequest('/api/v1/namespaces/a/pods/p'))
  const del = resolve(makeRequest('/api/v1/namespaces/a/pods/p', { method: 'DELETE' }))
  assert.ok(E.isRight(get) && get.right.verb === 'get')
  assert.ok(E.isRight(del) && del.right.verb === 'delete')
  assert.is(c.calls(), 2)
})

cached('starts again empty when full, and never keeps long targets', () => {
  const c = counting()
  const resolve = cachedResolver(c.resolve, 2)
  for (const p of ['/a', '/b', '/c', '/a']) resolve(makeRequest(p))
  assert.is(c.calls(), 4) // '/c' emptied the cache, so '/a' was resolved again
  const long = `/api/v1/namespaces/${'x'.repeat(600)}/pods`
  resolve(makeRequest(long))
  resolve(makeRequest(long))
  assert.is(c.calls(), 6)
})

cached.run()
