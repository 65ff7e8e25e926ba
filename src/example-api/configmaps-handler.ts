import * as O from 'fp-ts/lib/Option.js'
import type { WebSocketServer } from 'ws'
import type { Handler } from '../core/handler.js'
import { get } from '../core/request.js'
import { requestInfoKey } from '../request/request-info.js'
import { requestInfoResolverDefaults, resolveRequestInfo } from '../request/request-info-resolver.js'
import { type RestDeps, restHandler } from '../endpoints/rest/rest-handler.js'
import type { WatchOptions } from '../endpoints/rest/watch-response.js'
import { configMapDefinition } from './configmap-definition.js'
import type { ConfigMapStore } from './configmap-store.js'
import { configMapStrategy } from './configmap-strategy.js'
import { eventsHandler, isEventsPath } from './events-handler.js'

const resolve = resolveRequestInfo(requestInfoResolverDefaults)

/**
 * The ConfigMap resource of the core group, under `/api/v1` (`restHandler` of `configMapDefinition`
 * and `configMapStrategy`): every verb upstream serves, watches across namespaces at
 * `/api/v1/configmaps`; core v1 events list empty beside it.
 * `watch` bounds what each watcher may hold unread (see `watchResponse`).
 * @example
 * import { WebSocketServer } from 'ws'
 * const handler = configMapsHandler(newConfigMapStore(defaultDeps), { random: Math.random, clock: systemClock, models: {} }, new WebSocketServer({ noServer: true }))
 */
export const configMapsHandler = (
  store: ConfigMapStore,
  deps: Omit<RestDeps, 'wss'>,
  wss: WebSocketServer,
  watchOptions?: WatchOptions,
): Handler => {
  const configMaps = restHandler(configMapDefinition, store, configMapStrategy, { ...deps, wss }, watchOptions)
  const events = eventsHandler(() => store.list('').resourceVersion)
  return (req) => {
    const stored = get(req, requestInfoKey)
    const info = O.isSome(stored) ? stored : O.fromEither(resolve(req))
    return O.isSome(info) && isEventsPath(info.value) ? events(req, info.value) : configMaps(req)
  }
}
