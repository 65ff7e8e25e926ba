export { type ExampleApiOptions, type ExampleApi, exampleApi, servedModels } from './example-api.js'
export { VersionInfo, type VersionSource, versionInfo, versionHandler } from './version.js'
export { configMapsHandler } from './configmaps-handler.js'
export type { WatchOptions } from '../endpoints/rest/watch-response.js'
export {
  type ConfigMapStore,
  type ConfigMapStoreOptions,
  type StoreEvent,
  defaultHistoryBytes,
  newConfigMapStore,
} from './configmap-store.js'
export { WatchBounds, watchBoundsDefaults } from '../endpoints/rest/event-queue.js'
export { type ConfigMap, type ObjectMeta, ConfigMapInput, decodeConfigMap } from './configmap-codec.js'
export { selfSubjectReviewsPath, selfSubjectReviewHandler } from './self-subject-review.js'
export { apiVersionsHandler, authenticationApiGroup, authenticationGroupHandler } from './discovery.js'
export { configMapDefinition } from './configmap-definition.js'
export { eventDefinition, eventsHandler } from './events-handler.js'
export { selfSubjectReviewDefinition } from './self-subject-review.js'
export { selfSubjectAccessReviewHandler, selfSubjectAccessReviewsPath } from './self-subject-access-review.js'
export { selfSubjectRulesReviewHandler, selfSubjectRulesReviewsPath } from './self-subject-rules-review.js'
export {
  authorizationApiGroup,
  authorizationGroupHandler,
  authorizationV1ResourceListHandler,
  selfSubjectAccessReviewDefinition,
  selfSubjectRulesReviewDefinition,
} from './authorization-group.js'
export { exampleModels } from './models/example-models.js'
