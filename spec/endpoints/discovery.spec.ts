import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { apiGroupListHandlerOf, resourceListHandler } from '../../src/endpoints/discovery.js'
import { authenticationApiGroup, coreV1Resources } from '../../src/example-api/discovery.js'
import { bodyText, makeRequest, run } from '../support/request.js'

const groups = suite('apiGroupListHandlerOf')
groups('lists authentication.k8s.io/v1', async () => {
  assert.is(
    await bodyText(await run(apiGroupListHandlerOf([authenticationApiGroup]), makeRequest('/apis'))),
    '{"kind":"APIGroupList","apiVersion":"v1","groups":[{"name":"authentication.k8s.io","versions":[{"groupVersion":"authentication.k8s.io/v1","version":"v1"}],"preferredVersion":{"groupVersion":"authentication.k8s.io/v1","version":"v1"}}]}\n',
  )
})
groups.run()

const resources = suite('resourceListHandler')
resources('lists configmaps and events with their verbs and short names', async () => {
  const body = JSON.parse(await bodyText(await run(resourceListHandler('/api/v1', 'v1', coreV1Resources), makeRequest('/api/v1'))))
  assert.equal(body, {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: 'v1',
    resources: [
      {
        name: 'configmaps',
        singularName: 'configmap',
        namespaced: true,
        kind: 'ConfigMap',
        verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'],
        shortNames: ['cm'],
      },
      { name: 'events', singularName: 'event', namespaced: true, kind: 'Event', verbs: ['get', 'list'], shortNames: ['ev'] },
    ],
  })
})
resources.run()
