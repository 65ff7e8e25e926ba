import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { parse } from 'yaml'
import { gnosticV2Document } from '../../../src/endpoints/openapi/gnostic-v2-types.js'
import { openApiV2Document } from '../../../src/endpoints/openapi/openapi-v2-document.js'
import { v2Protobuf } from '../../../src/endpoints/openapi/openapi-v2-protobuf.js'
import { groups, models } from './served-fixtures.js'

type Json = Record<string, any>
const json = openApiV2Document(
  groups.flatMap((g) => g.served),
  models,
) as Json
const decoded = gnosticV2Document.toObject(gnosticV2Document.decode(v2Protobuf(json)), { defaults: false }) as Json
const named = (list: ReadonlyArray<Json>, name: string): Json | undefined => list.find((x) => x['name'] === name)?.['value']
const extension = (o: Json, name: string): unknown => {
  const yaml = named(o['vendor_extension'] ?? [], name)?.['yaml']
  return yaml === undefined ? undefined : parse(yaml)
}

const proto = suite('v2Protobuf')

proto("round-trips through gnostic's Document: every path and definition, in the JSON document's order", () => {
  assert.is(decoded['swagger'], '2.0')
  assert.equal(decoded['info'], { title: 'Kubernetes', version: 'unversioned' })
  assert.equal(
    decoded['paths'].path.map((p: Json) => p['name']),
    Object.keys(json['paths']),
  )
  assert.equal(
    decoded['definitions'].additional_properties.map((d: Json) => d['name']),
    Object.keys(json['definitions']),
  )
})

proto("kinds keep x-kubernetes-group-version-kind as YAML, which is how kubectl finds a kind's model", () => {
  const cm = named(decoded['definitions'].additional_properties, 'io.k8s.api.core.v1.ConfigMap') as Json
  assert.equal(extension(cm, 'x-kubernetes-group-version-kind'), [{ group: '', kind: 'ConfigMap', version: 'v1' }])
  assert.equal(cm['type'], { value: ['object'] })
  const data = named(cm['properties'].additional_properties, 'data') as Json
  assert.equal(data['additional_properties'].schema.type, { value: ['string'] })
  const metadata = named(cm['properties'].additional_properties, 'metadata') as Json
  assert.is(metadata['_ref'], '#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta')
})

proto('operations keep their id, parameters (body and query), responses and x-kubernetes-* extensions', () => {
  const item = named(decoded['paths'].path, '/api/v1/namespaces/{namespace}/configmaps/{name}') as Json
  const patch = item['patch']
  assert.is(patch.operation_id, 'patchCoreV1NamespacedConfigMap')
  assert.is(patch.parameters[0].parameter.body_parameter.schema._ref, '#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.Patch')
  assert.ok(patch.parameters.some((p: Json) => p['parameter']?.non_body_parameter?.query_parameter_sub_schema?.name === 'fieldValidation'))
  assert.is(item['parameters'][0].parameter.non_body_parameter.path_parameter_sub_schema.name, 'name')
  assert.is(named(patch.responses.response_code, '200')?.['response'].schema.schema._ref, '#/definitions/io.k8s.api.core.v1.ConfigMap')
  assert.is(extension(patch, 'x-kubernetes-action'), 'patch')
  assert.equal(extension(patch, 'x-kubernetes-group-version-kind'), { group: '', kind: 'ConfigMap', version: 'v1' })
})

proto('the bearer token scheme and requirement survive', () => {
  assert.equal(decoded['security_definitions'].additional_properties[0], {
    name: 'BearerToken',
    value: { api_key_security: { type: 'apiKey', name: 'authorization', in: 'header', description: 'Bearer Token authentication' } },
  })
  assert.is(decoded['security'][0].additional_properties[0].name, 'BearerToken')
})

proto.run()
