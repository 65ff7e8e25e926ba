import { type JsonObject, isJsonObject } from '../endpoints/json-value.js'
import type { ResourceDefinition } from '../endpoints/resource-definition.js'

const entries = (v: unknown): number => (isJsonObject(v) ? Object.keys(v).length : 0)

/**
 * ConfigMaps of the core group, v1, as the API machinery serves them: kubectl's `cm`, every verb
 * upstream serves, and upstream's printer columns (`Data` counts `data` and `binaryData` entries).
 */
export const configMapDefinition: ResourceDefinition = {
  group: '',
  version: 'v1',
  kind: 'ConfigMap',
  listKind: 'ConfigMapList',
  resource: 'configmaps',
  singularName: 'configmap',
  namespaced: true,
  shortNames: ['cm'],
  verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'],
  model: 'io.k8s.api.core.v1.ConfigMap',
  columns: [
    {
      name: 'Data',
      type: 'string',
      format: '',
      description:
        "Data contains the configuration data. Each key must consist of alphanumeric characters, '-', '_' or '.'. Values with non-UTF-8 byte sequences must use the BinaryData field. The keys stored in Data must not overlap with the keys in the BinaryData field, this is enforced during validation process.",
      priority: 0,
      cell: (cm: JsonObject) => entries(cm['data']) + entries(cm['binaryData']),
    },
  ],
}
