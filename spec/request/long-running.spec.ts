import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import * as E from 'fp-ts/lib/Either.js'
import { type RequestInfo, basicLongRunningRequestCheck, longRunningDefaults, newRequestInfoResolver } from '../../src/request/index.js'

const resolve = newRequestInfoResolver()
const info = (method: string, url: string): RequestInfo => {
  const r = resolve(method, url)
  if (E.isLeft(r)) throw new Error(r.left.message)
  return r.right
}

const check = suite('basicLongRunningRequestCheck')

check('the generic default makes watches long-running, whether by query or by path', () => {
  const generic = basicLongRunningRequestCheck(longRunningDefaults.generic.verbs, longRunningDefaults.generic.subresources)
  assert.equal(
    [
      info('GET', '/api/v1/pods?watch=1'),
      info('GET', '/api/v1/watch/pods'),
      info('GET', '/api/v1/pods'),
      info('GET', '/api/v1/namespaces/n/pods/p/log'),
    ].map(generic),
    [true, true, false, false],
  )
})

check('the kube default adds proxy and the attach, exec, proxy, log and portforward subresources', () => {
  const { verbs, subresources } = longRunningDefaults.kube
  const kube = basicLongRunningRequestCheck(verbs, subresources)
  const longOnes = ['attach', 'exec', 'proxy', 'log', 'portforward'].map((s) => info('POST', `/api/v1/namespaces/n/pods/p/${s}`))
  assert.equal(longOnes.map(kube), [true, true, true, true, true])
  assert.is(kube(info('GET', '/api/v1/proxy/namespaces/n/pods/p')), true)
  assert.is(kube(info('GET', '/api/v1/namespaces/n/pods/p/status')), false)
  assert.is(kube(info('PUT', '/apis/apps/v1/namespaces/n/deployments/d/scale')), false)
})

check('non-resource paths under /debug/pprof/ are long-running, /debug/pprof itself is not', () => {
  const generic = basicLongRunningRequestCheck(['watch'], [])
  assert.equal([info('GET', '/debug/pprof/profile'), info('GET', '/debug/pprof'), info('GET', '/debug/pprof/')].map(generic), [
    true,
    false,
    true,
  ])
})

check('subresources count only for resource requests', () => {
  const all = basicLongRunningRequestCheck([], [''])
  assert.is(all(info('GET', '/healthz')), false)
  assert.is(all(info('GET', '/api/v1/pods')), true)
})

check('a verb counts for any request, resource or not', () => {
  const posts = basicLongRunningRequestCheck(['post'], [])
  assert.is(posts(info('POST', '/healthz')), true)
  assert.is(posts(info('POST', '/api/v1/pods')), false)
})

const defaults = suite('longRunningDefaults')

defaults("hold upstream's generic and kube-apiserver settings", () => {
  assert.equal(longRunningDefaults.generic, { verbs: ['watch'], subresources: [] })
  assert.equal(longRunningDefaults.kube, { verbs: ['watch', 'proxy'], subresources: ['attach', 'exec', 'proxy', 'log', 'portforward'] })
})

check.run()
defaults.run()
