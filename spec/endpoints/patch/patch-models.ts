// Spec support: small models shaped like upstream's (a ConfigMap, and a Pod-like kind with merging lists).
import type { Schema, SchemaModels } from '../../../src/endpoints/schema.js'

export const models: SchemaModels = {
  'test.ConfigMap': {
    type: 'object',
    'x-kubernetes-group-version-kind': [{ group: '', version: 'v1', kind: 'ConfigMap' }],
    properties: {
      apiVersion: { type: 'string' },
      kind: { type: 'string' },
      metadata: { allOf: [{ $ref: 'test.ObjectMeta' }] },
      data: { type: 'object', additionalProperties: { type: 'string' } },
    },
  },
  'test.ObjectMeta': {
    type: 'object',
    properties: {
      name: { type: 'string' },
      namespace: { type: 'string' },
      labels: { type: 'object', additionalProperties: { type: 'string' } },
      annotations: { type: 'object', additionalProperties: { type: 'string' } },
      finalizers: { type: 'array', items: { type: 'string' }, 'x-kubernetes-patch-strategy': 'merge', 'x-kubernetes-list-type': 'set' },
      ownerReferences: {
        type: 'array',
        items: { $ref: 'test.OwnerReference' },
        'x-kubernetes-list-type': 'map',
        'x-kubernetes-list-map-keys': ['uid'],
      },
    },
  },
  'test.OwnerReference': {
    type: 'object',
    'x-kubernetes-map-type': 'atomic',
    properties: { uid: { type: 'string' }, name: { type: 'string' } },
  },
  'test.Pod': {
    type: 'object',
    'x-kubernetes-group-version-kind': [{ group: '', version: 'v1', kind: 'Pod' }],
    properties: {
      apiVersion: { type: 'string' },
      kind: { type: 'string' },
      metadata: { $ref: 'test.ObjectMeta' },
      spec: { $ref: 'test.PodSpec' },
    },
  },
  'test.PodSpec': {
    type: 'object',
    properties: {
      containers: {
        type: 'array',
        items: { $ref: 'test.Container' },
        'x-kubernetes-patch-strategy': 'merge',
        'x-kubernetes-patch-merge-key': 'name',
      },
      args: { type: 'array', items: { type: 'string' } },
      matrix: { type: 'array', items: { type: 'array', items: { type: 'string' } }, 'x-kubernetes-patch-strategy': 'merge' },
      strategy: { allOf: [{ $ref: 'test.Strategy' }], 'x-kubernetes-patch-strategy': 'retainKeys' },
      nodeSelector: { type: 'object', additionalProperties: { type: 'string' }, 'x-kubernetes-patch-strategy': 'replace' },
    },
  },
  'test.Container': {
    type: 'object',
    properties: {
      name: { type: 'string' },
      image: { type: 'string' },
      ports: {
        type: 'array',
        items: { $ref: 'test.Port' },
        'x-kubernetes-patch-strategy': 'merge',
        'x-kubernetes-patch-merge-key': 'containerPort',
      },
    },
  },
  'test.Port': { type: 'object', properties: { containerPort: { type: 'integer' }, name: { type: 'string' } } },
  'test.Strategy': { type: 'object', properties: { type: { type: 'string' }, rollingUpdate: { type: 'object' } } },
}

export const configMap: Schema = { $ref: 'test.ConfigMap' }
export const pod: Schema = { $ref: 'test.Pod' }

/** Bytes of a JSON value, as a request body. */
export const body = (v: unknown): Uint8Array => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v))
