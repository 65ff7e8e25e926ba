// Spec support for the OpenAPI specs: the example API's served group versions and every model they need.
import { metaModels } from '../../../src/endpoints/models/meta-models.js'
import type { ServedGroupVersion } from '../../../src/endpoints/openapi/openapi-services.js'
import type { ResourceDefinition } from '../../../src/endpoints/resource-definition.js'
import type { SchemaModels } from '../../../src/endpoints/schema.js'
import { configMapDefinition } from '../../../src/example-api/configmap-definition.js'
import { exampleModels } from '../../../src/example-api/models/example-models.js'

const review = (group: string, short: string, kind: string): ResourceDefinition => ({
  group,
  version: 'v1',
  kind,
  listKind: `${kind}List`,
  resource: `${kind.toLowerCase()}s`,
  singularName: kind.toLowerCase(),
  namespaced: false,
  shortNames: [],
  verbs: ['create'],
  model: `io.k8s.api.${short}.v1.${kind}`,
  columns: [],
})

export const selfSubjectReview = review('authentication.k8s.io', 'authentication', 'SelfSubjectReview')
export const selfSubjectAccessReview = review('authorization.k8s.io', 'authorization', 'SelfSubjectAccessReview')
export const selfSubjectRulesReview = review('authorization.k8s.io', 'authorization', 'SelfSubjectRulesReview')

export const coreV1: ServedGroupVersion = { group: '', version: 'v1', served: [{ definition: configMapDefinition }] }
export const authenticationV1: ServedGroupVersion = {
  group: 'authentication.k8s.io',
  version: 'v1',
  served: [{ definition: selfSubjectReview }],
}
export const authorizationV1: ServedGroupVersion = {
  group: 'authorization.k8s.io',
  version: 'v1',
  served: [{ definition: selfSubjectAccessReview }, { definition: selfSubjectRulesReview }],
}
export const groups: ReadonlyArray<ServedGroupVersion> = [coreV1, authenticationV1, authorizationV1]
export const models: SchemaModels = { ...metaModels, ...exampleModels }

/** Every `$ref` in a JSON value, at any depth. */
export const refsIn = (v: unknown): string[] => {
  if (Array.isArray(v)) return v.flatMap(refsIn)
  if (typeof v !== 'object' || v === null) return []
  return Object.entries(v).flatMap(([k, x]) => (k === '$ref' && typeof x === 'string' ? [x] : refsIn(x)))
}
