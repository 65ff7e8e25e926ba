import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { openApiV3Document } from '../../../src/endpoints/openapi/openapi-v3-document.js'
import { eventDefinition } from '../../../src/example-api/events-handler.js'
import { authenticationV1, authorizationV1, coreV1, models, refsIn } from './served-fixtures.js'

type Json = Record<string, any>
const core = openApiV3Document(coreV1, coreV1.served, models) as Json
const authz = openApiV3Document(authorizationV1, authorizationV1.served, models) as Json
const item = '/api/v1/namespaces/{namespace}/configmaps/{name}'
const collection = '/api/v1/namespaces/{namespace}/configmaps'
const names = (params: ReadonlyArray<Json> | undefined): string[] => (params ?? []).map((p) => p['name'])

const doc = suite('openApiV3Document')

doc("serves every configmap path upstream documents, with upstream's operation ids and actions", () => {
  assert.equal(Object.keys(core['paths']), [
    '/api/v1/',
    '/api/v1/configmaps',
    collection,
    item,
    '/api/v1/watch/configmaps',
    '/api/v1/watch/namespaces/{namespace}/configmaps',
    '/api/v1/watch/namespaces/{namespace}/configmaps/{name}',
  ])
  const ids = Object.values(core['paths'] as Json).flatMap((p: Json) =>
    ['get', 'put', 'post', 'patch', 'delete']
      .filter((m) => p[m] !== undefined)
      .map((m) => `${m} ${p[m].operationId} ${p[m]['x-kubernetes-action'] ?? '-'}`),
  )
  assert.equal(ids.sort(), [
    'delete deleteCoreV1CollectionNamespacedConfigMap deletecollection',
    'delete deleteCoreV1NamespacedConfigMap delete',
    'get getCoreV1APIResources -',
    'get listCoreV1ConfigMapForAllNamespaces list',
    'get listCoreV1NamespacedConfigMap list',
    'get readCoreV1NamespacedConfigMap get',
    'get watchCoreV1ConfigMapListForAllNamespaces watchlist',
    'get watchCoreV1NamespacedConfigMap watch',
    'get watchCoreV1NamespacedConfigMapList watchlist',
    'patch patchCoreV1NamespacedConfigMap patch',
    'post createCoreV1NamespacedConfigMap post',
    'put replaceCoreV1NamespacedConfigMap put',
  ])
})

doc('parameters all operations of a path share sit on the path; the rest on each operation, sorted', () => {
  assert.equal(names(core['paths'][item].parameters), ['name', 'namespace', 'pretty'])
  assert.equal(names(core['paths'][item].patch.parameters), ['dryRun', 'fieldManager', 'fieldValidation', 'force'])
  assert.equal(names(core['paths'][collection].get.parameters), [
    'allowWatchBookmarks',
    'continue',
    'fieldSelector',
    'labelSelector',
    'limit',
    'resourceVersion',
    'resourceVersionMatch',
    'sendInitialEvents',
    'timeoutSeconds',
    'watch',
  ])
  assert.equal(names(core['paths'][collection].post.parameters), ['dryRun', 'fieldManager', 'fieldValidation'])
  assert.equal(core['paths'][item].parameters[1], {
    description: 'object name and auth scope, such as for teams and projects',
    in: 'path',
    name: 'namespace',
    required: true,
    schema: { type: 'string', uniqueItems: true },
  })
})

// kubectl's QueryParamVerifierV3: a PATCH operation tagged with the kind's GVK that lists fieldValidation
const supportsFieldValidation = (d: Json, gvk: Json): boolean =>
  Object.values(d['paths'] as Json).some((p: Json) => {
    const op = p['patch']
    if (op === undefined || JSON.stringify(op['x-kubernetes-group-version-kind']) !== JSON.stringify(gvk)) return false
    return [...(p['parameters'] ?? []), ...(op['parameters'] ?? [])].some((x: Json) => x['name'] === 'fieldValidation')
  })

doc('kubectl finds fieldValidation on the ConfigMap PATCH operation, so it validates on the server', () => {
  assert.ok(supportsFieldValidation(core, { group: '', kind: 'ConfigMap', version: 'v1' }))
  assert.not.ok(supportsFieldValidation(core, { group: '', kind: 'Secret', version: 'v1' }))
})

doc('PATCH accepts the four patch media types with the Patch model; responses are OK and Created', () => {
  const patch = core['paths'][item].patch
  assert.equal(Object.keys(patch.requestBody.content), [
    'application/apply-patch+yaml',
    'application/json-patch+json',
    'application/merge-patch+json',
    'application/strategic-merge-patch+json',
  ])
  assert.is(
    patch.requestBody.content['application/json-patch+json'].schema.$ref,
    '#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.Patch',
  )
  assert.equal(Object.keys(patch.responses), ['200', '201', '401'])
  assert.equal(patch['x-kubernetes-group-version-kind'], { group: '', kind: 'ConfigMap', version: 'v1' })
})

doc('lists answer the list model in the watch stream types too; watches answer WatchEvent', () => {
  const list = core['paths'][collection].get.responses['200'].content
  assert.ok('application/json;stream=watch' in list)
  assert.is(list['application/json'].schema.$ref, '#/components/schemas/io.k8s.api.core.v1.ConfigMapList')
  const watch = core['paths']['/api/v1/watch/namespaces/{namespace}/configmaps'].get.responses['200'].content
  assert.is(watch['application/json'].schema.$ref, '#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.WatchEvent')
})

doc("reviews are create-only: one POST with upstream's id, its parameters on the path", () => {
  const p = authz['paths']['/apis/authorization.k8s.io/v1/selfsubjectaccessreviews']
  assert.equal(Object.keys(p), ['parameters', 'post'])
  assert.is(p.post.operationId, 'createAuthorizationV1SelfSubjectAccessReview')
  assert.is(p.post.description, 'create a SelfSubjectAccessReview')
  assert.equal(names(p.parameters), ['dryRun', 'fieldManager', 'fieldValidation', 'pretty'])
  assert.equal(p.post.tags, ['authorization_v1'])
  const authn = openApiV3Document(authenticationV1, authenticationV1.served, models) as Json
  assert.is(authn['paths']['/apis/authentication.k8s.io/v1/selfsubjectreviews'].post.operationId, 'createAuthenticationV1SelfSubjectReview')
})

doc('every $ref resolves to a schema of the document, and only reachable models are included', () => {
  for (const d of [core, authz]) {
    const schemas = d['components'].schemas as Json
    for (const r of refsIn(d)) assert.ok(r.startsWith('#/components/schemas/') && schemas[r.slice(21)] !== undefined, r)
  }
  const coreNames = Object.keys(core['components'].schemas)
  assert.ok(coreNames.includes('io.k8s.apimachinery.pkg.runtime.RawExtension'))
  assert.not.ok(coreNames.some((n) => n.startsWith('io.k8s.api.authorization')))
  const authzNames = Object.keys(authz['components'].schemas)
  assert.ok(authzNames.includes('io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelectorRequirement'))
  assert.not.ok(authzNames.includes('io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions'))
})

doc('a verb the definition does not serve has no operation', () => {
  const readOnly = { definition: { ...coreV1.served[0]!.definition, verbs: ['get', 'list'] } }
  const d = openApiV3Document(coreV1, [readOnly], models) as Json
  assert.equal(Object.keys(d['paths'][item]), ['get', 'parameters'])
  assert.is(d['paths']['/api/v1/watch/configmaps'], undefined)
})

doc('core v1 Events (get and list only) reach their own models and MicroTime', () => {
  const d = openApiV3Document(coreV1, [{ definition: eventDefinition }], models) as Json
  assert.equal(Object.keys(d['paths']), [
    '/api/v1/',
    '/api/v1/events',
    '/api/v1/namespaces/{namespace}/events',
    '/api/v1/namespaces/{namespace}/events/{name}',
  ])
  assert.is(d['paths']['/api/v1/events'].get.operationId, 'listCoreV1EventForAllNamespaces')
  const schemas = Object.keys(d['components'].schemas)
  for (const n of ['Event', 'EventList', 'EventSeries', 'EventSource', 'ObjectReference'])
    assert.ok(schemas.includes(`io.k8s.api.core.v1.${n}`), n)
  assert.ok(schemas.includes('io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime'))
  for (const r of refsIn(d)) assert.ok(d['components'].schemas[r.slice(21)] !== undefined, r)
})

doc.run()
