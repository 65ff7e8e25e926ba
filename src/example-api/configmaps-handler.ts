import * as E from 'fp-ts/lib/Either.js'
import * as O from 'fp-ts/lib/Option.js'
import type { WebSocketServer } from 'ws'
import { answer } from '../core/answered.js'
import type { Handler } from '../core/handler.js'
import { queryValue } from '../core/query.js'
import { type Request, get } from '../core/request.js'
import type { Response } from '../core/response.js'
import { toResponse } from '../core/status.js'
import { notFound } from '../core/status-errors.js'
import { type RequestInfo, requestInfoKey } from '../request/request-info.js'
import { requestInfoResolverDefaults, resolveRequestInfo } from '../request/request-info-resolver.js'
import { methodNotAllowed, routeNotFound } from '../endpoints/api-errors.js'
import { eventsHandler, isEventsPath } from './events-handler.js'
import type { ConfigMap } from './configmap-codec.js'
import type { ConfigMapStore, Listed } from './configmap-store.js'
import { type WriteDeps, configMapWrites } from './configmap-writes.js'
import { configMapDefinition } from './configmap-definition.js'
import type { JsonObject } from '../endpoints/json-value.js'
import { type ObjectResponder, negotiateResponse } from '../endpoints/object-response.js'
import { type WriteOptions, writeOptions } from '../endpoints/write-options.js'
import { type WatchRequest, watchRequest } from '../endpoints/watch-request.js'
import { compileSelection } from './list-selection.js'
import { type WatchOptions, watchResponse } from './watch-response.js'

const resolve = resolveRequestInfo(requestInfoResolverDefaults)

/** The request's RequestInfo: the one the request-info filter stored, else resolved here. */
const infoOf = (req: Request): O.Option<RequestInfo> => {
  const stored = get(req, requestInfoKey)
  return O.isSome(stored) ? stored : O.fromEither(resolve(req))
}

/**
 * The ConfigMap resource of the core group, under `/api/v1`: list and watch (`?watch=1` or
 * `/api/v1/watch/...`, JSON lines or websocket messages; also across namespaces at `/api/v1/configmaps`),
 * get, create (201), update (200), patch (200; JSON, merge, strategic merge and apply patches), delete
 * (200, Success Status) and deletecollection (the deleted list); responses as negotiated (JSON, YAML,
 * Tables, PartialObjectMetadata), writes with `dryRun` and `fieldValidation`. Core v1 events list empty.
 * Paths it does not serve are go-restful's 404 Status; other methods there are 405.
 * Port note: `limit`/`continue` are ignored: lists are never paged.
 * `watch` bounds what each watcher may hold unread (see `watchResponse`).
 * @example
 * const handler = configMapsHandler(newConfigMapStore(defaultDeps), { random: Math.random, clock: systemClock, models: {} }, new WebSocketServer({ noServer: true }))
 */
export const configMapsHandler = (store: ConfigMapStore, deps: WriteDeps, wss: WebSocketServer, watchOptions?: WatchOptions): Handler => {
  const writes = configMapWrites(store, deps)
  const watch = watchResponse(store, wss, watchOptions)
  const events = eventsHandler(() => store.list('').resourceVersion)
  const selecting = (req: Request, name: string, then: (matches: (cm: ConfigMap) => boolean) => Response): Response =>
    E.match(toResponse, then)(compileSelection(queryValue(req, 'labelSelector') ?? '', queryValue(req, 'fieldSelector') ?? '', name))
  const reads = (req: Request, info: RequestInfo, respond: ObjectResponder): Response => {
    const ns = info.namespace
    switch (info.verb) {
      case 'get':
        return O.match(() => toResponse(notFound('', 'configmaps', info.name)), (cm: ConfigMap) => respond(200, cm as unknown as JsonObject))(store.get(ns, info.name))
      case 'list':
        return selecting(req, '', (matches) => respond(200, listOf(store.list(ns), matches)))
      case 'deletecollection':
        return ns === '' ? toResponse(methodNotAllowed) : selecting(req, '', (matches) => removeAll(req, store, ns, matches, respond))
      default:
        return toResponse(methodNotAllowed)
    }
  }
  return (req) => {
    const info = infoOf(req)
    if (O.isSome(info) && isEventsPath(info.value)) return answer(events(req, info.value))
    if (O.isNone(info) || !isConfigMapPath(info.value)) return answer(toResponse(routeNotFound))
    const { verb, namespace, name } = info.value
    if (verb === 'watch') return answer(E.match(toResponse, (w: WatchRequest) => selecting(req, name, (matches) => watch(req, { namespace, matches, ...w.params, convert: w.convert })))(watchRequest(req)))
    const negotiated = negotiateResponse(req, configMapDefinition, deps.clock)
    if (E.isLeft(negotiated)) return answer(toResponse(negotiated.left))
    const respond = negotiated.right
    if (verb === 'create') return namespace !== '' && name === '' ? writes.create(req, namespace, respond) : answer(toResponse(methodNotAllowed))
    if (verb === 'update') return namespace !== '' && name !== '' ? writes.update(req, namespace, name, respond) : answer(toResponse(methodNotAllowed))
    if (verb === 'delete') return namespace !== '' && name !== '' ? writes.remove(req, namespace, name, respond) : answer(toResponse(methodNotAllowed))
    if (verb === 'patch') return namespace !== '' && name !== '' ? writes.patch(req, namespace, name, respond) : answer(toResponse(methodNotAllowed))
    return answer(reads(req, info.value, respond))
  }
}

const isConfigMapPath = (info: RequestInfo): boolean =>
  info.isResourceRequest &&
  info.apiPrefix === 'api' &&
  info.apiVersion === 'v1' &&
  info.resource === 'configmaps' &&
  info.subresource === '' &&
  info.parts.length <= 2 &&
  (info.namespace !== '' || info.name === '')

const listOf = (listed: Listed, matches: (cm: ConfigMap) => boolean): JsonObject =>
  ({ kind: 'ConfigMapList', apiVersion: 'v1', metadata: { resourceVersion: listed.resourceVersion }, items: listed.items.filter(matches) }) as unknown as JsonObject

/** Deletes every match (none with `dryRun=All`) and answers them as a list. */
const removeAll = (req: Request, store: ConfigMapStore, namespace: string, matches: (cm: ConfigMap) => boolean, respond: ObjectResponder): Response =>
  E.match(toResponse, (opts: WriteOptions) => {
    const doomed = store.list(namespace).items.filter(matches)
    for (const cm of doomed) store.remove(namespace, cm.metadata.name, opts.dryRun)
    return respond(200, listOf({ items: doomed, resourceVersion: store.list(namespace).resourceVersion }, () => true))
  })(writeOptions(req, 'DeleteOptions'))
