import type { Handler } from '../core/handler.js'
import type { ResourceDefinition } from '../endpoints/resource-definition.js'
import { type ApiGroup, type ApiResource, apiGroupHandler, apiGroupOf, apiResourceOf, resourceListHandler } from '../endpoints/discovery.js'

/** The group `kubectl auth can-i` asks. */
export const authorizationGroup = 'authorization.k8s.io'

/** The group's entry in `APIGroupList` and the body of its `APIGroup` document. */
export const authorizationApiGroup: ApiGroup = apiGroupOf(authorizationGroup, 'v1')

/**
 * `GET /apis/authorization.k8s.io` (or with a trailing slash): its `APIGroup`; 405 for other methods there, 404 below it.
 * @example
 * const services = [{ root: '/apis/authorization.k8s.io', handler: authorizationGroupHandler }]
 */
export const authorizationGroupHandler: Handler = apiGroupHandler(authorizationApiGroup)

const review = (kind: string, resource: string): ResourceDefinition => ({
  group: authorizationGroup,
  version: 'v1',
  kind,
  listKind: `${kind}List`,
  resource,
  singularName: resource.slice(0, -1),
  namespaced: false,
  shortNames: [],
  verbs: ['create'],
  model: `io.k8s.api.authorization.v1.${kind}`,
  columns: [],
})

/** SelfSubjectAccessReviews as the API machinery serves them: create only, no table columns. */
export const selfSubjectAccessReviewDefinition: ResourceDefinition = review('SelfSubjectAccessReview', 'selfsubjectaccessreviews')

/** SelfSubjectRulesReviews as the API machinery serves them: create only, no table columns. */
export const selfSubjectRulesReviewDefinition: ResourceDefinition = review('SelfSubjectRulesReview', 'selfsubjectrulesreviews')

/** The authorization.k8s.io/v1 resources served here: the two self reviews, create only, cluster-scoped. */
export const authorizationV1Resources: ReadonlyArray<ApiResource> = [
  selfSubjectAccessReviewDefinition,
  selfSubjectRulesReviewDefinition,
].map(apiResourceOf)

/**
 * `GET /apis/authorization.k8s.io/v1`: its `APIResourceList`.
 * @example
 * const services = [{ root: '/apis/authorization.k8s.io/v1', handler: authorizationV1ResourceListHandler }]
 */
export const authorizationV1ResourceListHandler: Handler = resourceListHandler(
  `/apis/${authorizationGroup}/v1`,
  `${authorizationGroup}/v1`,
  authorizationV1Resources,
)
