import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { openApiV2Document } from '../../../src/endpoints/openapi/openapi-v2-document.js'
import { groups, models, refsIn } from './served-fixtures.js'

type Json = Record<string, any>
const v2 = openApiV2Document(
  groups.flatMap((g) => g.served),
  models,
) as Json
const item = '/api/v1/namespaces/{namespace}/configmaps/{name}'

const doc = suite('openApiV2Document')

doc("is Swagger 2.0 with every served group version's paths and the bearer token scheme", () => {
  assert.is(v2['swagger'], '2.0')
  assert.equal(v2['securityDefinitions'], {
    BearerToken: { description: 'Bearer Token authentication', in: 'header', name: 'authorization', type: 'apiKey' },
  })
  const paths = Object.keys(v2['paths'])
  for (const p of [
    '/api/v1/',
    item,
    '/apis/authentication.k8s.io/v1/selfsubjectreviews',
    '/apis/authorization.k8s.io/v1/selfsubjectrulesreviews',
    '/apis/authorization.k8s.io/v1/',
  ])
    assert.ok(paths.includes(p), p)
})

doc('bodies are a `body` parameter first; PATCH consumes the patch media types; other operations */*', () => {
  const patch = v2['paths'][item].patch
  assert.equal(patch.parameters[0], {
    in: 'body',
    name: 'body',
    required: true,
    schema: { $ref: '#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.Patch' },
  })
  assert.equal(
    patch.parameters.slice(1).map((p: Json) => p['name']),
    ['dryRun', 'fieldManager', 'fieldValidation', 'force'],
  )
  assert.equal(patch.consumes, [
    'application/apply-patch+yaml',
    'application/json-patch+json',
    'application/merge-patch+json',
    'application/strategic-merge-patch+json',
  ])
  assert.equal(v2['paths'][item].get.consumes, ['*/*'])
  assert.equal(v2['paths'][item].get.responses['200'], {
    description: 'OK',
    schema: { $ref: '#/definitions/io.k8s.api.core.v1.ConfigMap' },
  })
  assert.equal(v2['paths'][item].parameters[1], {
    description: 'object name and auth scope, such as for teams and projects',
    in: 'path',
    name: 'namespace',
    required: true,
    type: 'string',
    uniqueItems: true,
  })
})

doc('a property that is allOf one $ref is written as that $ref beside its description', () => {
  const metadata = v2['definitions']['io.k8s.api.core.v1.ConfigMap'].properties.metadata
  assert.equal(metadata.$ref, '#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta')
  assert.is(metadata.allOf, undefined)
  assert.match(metadata.description, "Standard object's metadata")
})

doc('every $ref resolves to a definition', () => {
  const refs = refsIn(v2)
  assert.ok(refs.length > 20)
  for (const r of refs) assert.ok(r.startsWith('#/definitions/') && v2['definitions'][r.slice(14)] !== undefined, r)
})

doc.run()
