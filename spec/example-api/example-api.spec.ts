import * as E from 'fp-ts/lib/Either.js'
import { suite } from 'uvu'
import { alwaysAllow } from '../../src/auth/always-authorizers.js'
import { alwaysAllowRules } from '../../src/auth/rules-resolver.js'
import * as assert from 'uvu/assert'
import { fakeClock, put } from '../../src/core/index.js'
import { userKey } from '../../src/auth/user.js'
import { newApiServerHandler } from '../../src/director/api-server-handler.js'
import { exampleApi } from '../../src/example-api/example-api.js'
import { bodyText, makeRequest, run, statusOf } from '../support/request.js'
import { bodyRequest, counterIds } from './fixtures.js'

const api = () =>
  exampleApi(
    { clock: fakeClock(0), newId: counterIds(), random: () => 0.5 },
    {
      version: { packageVersion: '1.2.3', nodeVersion: 'v20.0.0', platform: 'linux', arch: 'x64' },
      authorizer: alwaysAllow,
      rulesResolver: alwaysAllowRules,
    },
  )
const served = () => {
  const a = api()
  const h = newApiServerHandler({ name: 'example', services: a.services })
  if (E.isLeft(h)) throw new Error('expected handlers')
  return { api: a, handler: h.right.fullHandlerChain }
}
const kindAt = async (path: string): Promise<string> => JSON.parse(await bodyText(await run(served().handler, makeRequest(path)))).kind

const example = suite('exampleApi')

example('lists its roots for the index', () => {
  assert.equal(api().paths, [
    '/api',
    '/api/v1',
    '/apis',
    '/apis/authentication.k8s.io',
    '/apis/authentication.k8s.io/v1',
    '/apis/authorization.k8s.io',
    '/apis/authorization.k8s.io/v1',
    '/openapi/v2',
    '/openapi/v3',
    '/version',
  ])
})

example('routes every document through the director', async () => {
  assert.is(await kindAt('/api'), 'APIVersions')
  assert.is(await kindAt('/api/v1'), 'APIResourceList')
  assert.is(await kindAt('/apis'), 'APIGroupList')
  assert.is(await kindAt('/apis/authentication.k8s.io'), 'APIGroup')
  assert.is(await kindAt('/apis/authorization.k8s.io/v1'), 'APIResourceList')
  assert.is(await kindAt('/apis/authentication.k8s.io/v1'), 'APIResourceList')
  assert.is(await kindAt('/api/v1/configmaps'), 'ConfigMapList')
  assert.is(JSON.parse(await bodyText(await run(served().handler, makeRequest('/version')))).gitVersion, 'v1.32.0+kubechain-1.2.3')
})

example('creates a ConfigMap with a generated name from the injected random source', async () => {
  const { handler, api: a } = served()
  const res = await run(handler, bodyRequest('POST', '/api/v1/namespaces/default/configmaps', { metadata: { generateName: 'x-' } }))
  assert.is(statusOf(res), 201)
  assert.is(JSON.parse(await bodyText(res)).metadata.name, 'x-rrrrr')
  assert.is(a.store.list('default').items.length, 1)
})

example('answers a SelfSubjectReview', async () => {
  const req = put(makeRequest('/apis/authentication.k8s.io/v1/selfsubjectreviews', { method: 'POST' }), userKey, {
    name: 'a',
    uid: '',
    groups: [],
    extra: {},
  })
  assert.is(statusOf(await run(served().handler, req)), 201)
})

example('leaves unknown paths to the server not-found handler', async () => {
  assert.is(statusOf(await run(served().handler, makeRequest('/apis/apps/v1'))), 404)
  assert.is(statusOf(await run(served().handler, makeRequest('/api/v2'))), 404)
})

example.run()
