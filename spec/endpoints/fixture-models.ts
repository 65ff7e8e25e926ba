// Spec support: a small ConfigMap-shaped model set and definition, independent of the published models.
import type { ResourceDefinition } from '../../src/endpoints/resource-definition.js'
import type { SchemaModels } from '../../src/endpoints/schema.js'

export const models: SchemaModels = {
  'test.ConfigMap': {
    type: 'object',
    properties: {
      apiVersion: { type: 'string' },
      kind: { type: 'string' },
      metadata: { allOf: [{ $ref: 'test.ObjectMeta' }] },
      data: { type: 'object', additionalProperties: { type: 'string' } },
      items: { type: 'array', items: { $ref: 'test.Item' } },
      free: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
      elsewhere: { $ref: 'test.Missing' },
    },
  },
  'test.ObjectMeta': {
    type: 'object',
    properties: { name: { type: 'string' }, labels: { type: 'object', additionalProperties: { type: 'string' } } },
  },
  'test.Item': { type: 'object', properties: { key: { type: 'string' } } },
}

export const definition: ResourceDefinition = {
  group: '',
  version: 'v1',
  kind: 'ConfigMap',
  listKind: 'ConfigMapList',
  resource: 'configmaps',
  singularName: 'configmap',
  namespaced: true,
  shortNames: [],
  verbs: ['create'],
  model: 'test.ConfigMap',
  columns: [],
}
