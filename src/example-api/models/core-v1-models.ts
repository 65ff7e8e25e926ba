import { apiVersionDescription, gvkOf, kindDescription, refTo, stringMapProp, stringProp } from '../../endpoints/models/model-builders.js'
import type { SchemaModels } from '../../endpoints/schema.js'

const meta = 'io.k8s.apimachinery.pkg.apis.meta.v1'
const metadataInfo = 'More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata'

/** `io.k8s.api.core.v1.ConfigMap` and `ConfigMapList`, as upstream's published OpenAPI v3 document describes them. */
export const coreV1Models: SchemaModels = {
  'io.k8s.api.core.v1.ConfigMap': {
    description: 'ConfigMap holds configuration data for pods to consume.',
    properties: {
      apiVersion: stringProp(apiVersionDescription),
      binaryData: {
        additionalProperties: { format: 'byte', type: 'string' },
        description:
          "BinaryData contains the binary data. Each key must consist of alphanumeric characters, '-', '_' or '.'. BinaryData can contain byte sequences that are not in the UTF-8 range. The keys stored in BinaryData must not overlap with the ones in the Data field, this is enforced during validation process. Using this field will require 1.10+ apiserver and kubelet.",
        type: 'object',
      },
      data: stringMapProp(
        "Data contains the configuration data. Each key must consist of alphanumeric characters, '-', '_' or '.'. Values with non-UTF-8 byte sequences must use the BinaryData field. The keys stored in Data must not overlap with the keys in the BinaryData field, this is enforced during validation process.",
      ),
      immutable: {
        description:
          'Immutable, if set to true, ensures that data stored in the ConfigMap cannot be updated (only object metadata can be modified). If not set to true, the field can be modified at any time. Defaulted to nil.',
        type: 'boolean',
      },
      kind: stringProp(kindDescription),
      metadata: refTo(`${meta}.ObjectMeta`, `Standard object's metadata. ${metadataInfo}`, { default: {} }),
    },
    type: 'object',
    'x-kubernetes-group-version-kind': gvkOf('', 'v1', 'ConfigMap'),
  },
  'io.k8s.api.core.v1.ConfigMapList': {
    description: 'ConfigMapList is a resource containing a list of ConfigMap objects.',
    properties: {
      apiVersion: stringProp(apiVersionDescription),
      items: {
        description: 'Items is the list of ConfigMaps.',
        items: { allOf: [{ $ref: 'io.k8s.api.core.v1.ConfigMap' }], default: {} },
        type: 'array',
      },
      kind: stringProp(kindDescription),
      metadata: refTo(`${meta}.ListMeta`, `${metadataInfo}`, { default: {} }),
    },
    required: ['items'],
    type: 'object',
    'x-kubernetes-group-version-kind': gvkOf('', 'v1', 'ConfigMapList'),
  },
}
