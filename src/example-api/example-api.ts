import { WebSocketServer } from 'ws'
import type { Deps } from '../core/deps.js'
import type { Handler } from '../core/handler.js'
import { silentLogger } from '../core/logger.js'
import type { WebService } from '../director/director.js'
import { configMapsHandler } from './configmaps-handler.js'
import { type ConfigMapStore, newConfigMapStore } from './configmap-store.js'
import { type WatchBounds, watchBoundsDefaults } from '../endpoints/rest/event-queue.js'
import { apiGroupListHandlerOf, resourceListHandler } from '../endpoints/discovery.js'
import {
  apiVersionsHandler,
  authenticationApiGroup,
  authenticationGroup,
  authenticationGroupHandler,
  authenticationV1Resources,
  coreV1Resources,
} from './discovery.js'
import { selfSubjectReviewDefinition, selfSubjectReviewHandler } from './self-subject-review.js'
import { openApiServices } from '../endpoints/openapi/openapi-services.js'
import { configMapDefinition } from './configmap-definition.js'
import { eventDefinition } from './events-handler.js'
import type { Authorizer } from '../auth/authorizer.js'
import type { RulesResolver } from '../auth/rules-resolver.js'
import {
  authorizationApiGroup,
  authorizationGroup,
  authorizationGroupHandler,
  authorizationV1ResourceListHandler,
  selfSubjectAccessReviewDefinition,
  selfSubjectRulesReviewDefinition,
} from './authorization-group.js'
import { selfSubjectAccessReviewHandler } from './self-subject-access-review.js'
import { selfSubjectRulesReviewHandler, selfSubjectRulesReviewsPath } from './self-subject-rules-review.js'
import { metaModels } from '../endpoints/models/meta-models.js'
import { exampleModels } from './models/example-models.js'
import { type VersionSource, versionHandler, versionInfo } from './version.js'
import type { FlowcontrolConfig } from '../flowcontrol/flowcontrol-config.js'
import { flowcontrolApiGroup, flowcontrolApiServices } from './flowcontrol-api.js'

/** The OpenAPI models of every kind served here, and of the meta types they use. */
export const servedModels = { ...metaModels, ...exampleModels }

/** What the example API needs besides effects. */
export interface ExampleApiOptions {
  readonly version: VersionSource
  /** The address `/api` advertises; `''` uses the request's Host header. */
  readonly serverAddress?: string
  /** How many past changes a watch may resume from (default 1000). */
  readonly historySize?: number
  /** How many bytes of objects those past changes may hold (default `defaultHistoryBytes`, 64 MiB). */
  readonly historyBytes?: number
  /**
   * A watch without `timeoutSeconds` ends after this many seconds times a random factor in [1, 2), as
   * upstream's `--min-request-timeout` (default 1800) spreads watch ends; 0 never ends one.
   */
  readonly minRequestTimeoutSeconds?: number
  /** How much each watcher may hold unread before it is closed (default `watchBoundsDefaults`). */
  readonly watchBounds?: WatchBounds
  /** Decides SelfSubjectAccessReviews: the server's authorizer. */
  readonly authorizer: Authorizer
  /** Lists SelfSubjectRulesReviews: the rules of the authorizer's modes. */
  readonly rulesResolver: RulesResolver
  /**
   * The API Priority and Fairness objects to serve read-only at `/apis/flowcontrol.apiserver.k8s.io/v1`:
   * the stamped objects the classifier uses (`servedFlowcontrolObjects`). Left out: the group is not served.
   */
  readonly flowcontrol?: FlowcontrolConfig
}

/** The example API: its web services in registration order, their root paths, and the ConfigMap store. */
export interface ExampleApi {
  readonly services: ReadonlyArray<WebService>
  /** The services' roots, sorted: the paths the index lists. */
  readonly paths: ReadonlyArray<string>
  readonly store: ConfigMapStore
}

/**
 * Builds the API `kubechain serve` serves: `/version`, discovery (`/api`, `/api/v1`, `/apis`, and
 * the authentication.k8s.io and authorization.k8s.io groups), ConfigMaps in memory under `/api/v1`
 * (and an always-empty events list), SelfSubjectReviews, and SelfSubjectAccessReviews and
 * SelfSubjectRulesReviews decided by `authorizer` and `rulesResolver`, and, with `flowcontrol`, the
 * flowcontrol.apiserver.k8s.io group read-only.
 * Pass `services` to `newApiServerHandler`. Uids, times and generated names come from `deps`; watchers
 * closed for not reading are logged to `deps.log` (nowhere without one).
 * @example
 * const version = { packageVersion: '0.1.0', nodeVersion: process.version, platform: process.platform, arch: process.arch }
 * const api = exampleApi(defaultDeps, { version, authorizer: alwaysAllow, rulesResolver: alwaysAllowRules })
 * const server = newApiServerHandler({ name: 'kubechain', services: api.services })
 */
export const exampleApi = (
  deps: Pick<Deps, 'clock' | 'newId' | 'random'> & Partial<Pick<Deps, 'log'>>,
  opts: ExampleApiOptions,
): ExampleApi => {
  const store = newConfigMapStore(deps, { historySize: opts.historySize ?? 1000, historyBytes: opts.historyBytes })
  const wss = new WebSocketServer({ noServer: true })
  const watch = {
    bounds: opts.watchBounds ?? watchBoundsDefaults,
    log: deps.log ?? silentLogger,
    clock: deps.clock,
    defaultTimeout: { minRequestTimeoutSeconds: opts.minRequestTimeoutSeconds ?? 1800, random: deps.random },
  }
  const authV1 = `/apis/${authenticationGroup}/v1`
  const authzV1 = `/apis/${authorizationGroup}/v1`
  const accessReviews = selfSubjectAccessReviewHandler(opts.authorizer)
  const rulesReviews = selfSubjectRulesReviewHandler(opts.rulesResolver)
  const reviews: Handler = (req) => (req.path === selfSubjectRulesReviewsPath ? rulesReviews(req) : accessReviews(req))
  const services: ReadonlyArray<WebService> = [
    {
      root: '/api/v1',
      handler: discoveryOr(
        resourceListHandler('/api/v1', 'v1', coreV1Resources),
        '/api/v1',
        configMapsHandler(store, { random: deps.random, clock: deps.clock, models: servedModels }, wss, watch),
      ),
    },
    { root: '/api', handler: apiVersionsHandler(opts.serverAddress ?? '') },
    {
      root: authV1,
      handler: discoveryOr(
        resourceListHandler(authV1, `${authenticationGroup}/v1`, authenticationV1Resources),
        authV1,
        selfSubjectReviewHandler,
      ),
    },
    { root: `/apis/${authenticationGroup}`, handler: authenticationGroupHandler },
    { root: authzV1, handler: discoveryOr(authorizationV1ResourceListHandler, authzV1, reviews) },
    { root: `/apis/${authorizationGroup}`, handler: authorizationGroupHandler },
    ...(opts.flowcontrol === undefined ? [] : flowcontrolApiServices(opts.flowcontrol, { clock: deps.clock })),
    {
      root: '/apis',
      handler: apiGroupListHandlerOf([
        authenticationApiGroup,
        authorizationApiGroup,
        ...(opts.flowcontrol === undefined ? [] : [flowcontrolApiGroup]),
      ]),
    },
    { root: '/version', handler: versionHandler(versionInfo(opts.version)) },
    ...openApiServices(
      [
        { group: '', version: 'v1', served: [{ definition: configMapDefinition }, { definition: eventDefinition }] },
        { group: authenticationGroup, version: 'v1', served: [{ definition: selfSubjectReviewDefinition }] },
        {
          group: authorizationGroup,
          version: 'v1',
          served: [{ definition: selfSubjectAccessReviewDefinition }, { definition: selfSubjectRulesReviewDefinition }],
        },
      ],
      servedModels,
      { clock: deps.clock },
    ),
  ]
  return { services, paths: services.map((s) => s.root).sort(), store }
}

/** The discovery document at exactly `root` (or `root/`), the resources below it. */
const discoveryOr = (doc: Handler, root: string, resources: Handler): Handler => {
  const slashed = `${root}/`
  return (req) => (req.path === root || req.path === slashed ? doc(req) : resources(req))
}
