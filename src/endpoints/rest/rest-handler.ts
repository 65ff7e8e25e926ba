import * as E from 'fp-ts/lib/Either.js'
import * as O from 'fp-ts/lib/Option.js'
import { WebSocketServer } from 'ws'
import type { Handler } from '../../core/handler.js'
import { type Logger, silentLogger } from '../../core/logger.js'
import { queryValue } from '../../core/query.js'
import { type Request, get } from '../../core/request.js'
import type { Response } from '../../core/response.js'
import { toResponse } from '../../core/status.js'
import { notFound } from '../../core/status-errors.js'
import { type RequestInfo, requestInfoKey } from '../../request/request-info.js'
import { requestInfoResolverDefaults, resolveRequestInfo } from '../../request/request-info-resolver.js'
import { methodNotAllowed, routeNotFound } from '../api-errors.js'
import type { JsonObject } from '../json-value.js'
import { type ObjectResponder, negotiateResponse } from '../object-response.js'
import { type ResourceDefinition, apiVersionOf } from '../resource-definition.js'
import { type WatchRequest, watchRequest } from '../watch-request.js'
import { type WriteOptions, writeOptions } from '../write-options.js'
import { type Selection, compileSelection } from './list-selection.js'
import { metaString } from './object-meta.js'
import type { Listed, ObjectStore } from './object-store.js'
import { type RestWrites, type WriteDeps, restWrites } from './rest-writes.js'
import type { ResourceStrategy } from './resource-strategy.js'
import { watchBoundsDefaults } from './event-queue.js'
import { type WatchOptions, watchResponse } from './watch-response.js'

/**
 * What a resource's handler needs besides its store: the writes' deps, the websocket server of upgraded
 * watches (one of its own without), and where watchers closed for not reading are logged when no
 * `watchOptions` are given (nowhere without one).
 */
export interface RestDeps extends WriteDeps {
  readonly wss?: WebSocketServer
  readonly log?: Logger
}

const resolve = resolveRequestInfo(requestInfoResolverDefaults)

/** The request's RequestInfo: the one the request-info filter stored, else resolved here. */
const infoOf = (req: Request): O.Option<RequestInfo> => {
  const stored = get(req, requestInfoKey)
  return O.isSome(stored) ? stored : O.fromEither(resolve(req))
}

/**
 * One resource's REST handler (upstream's generic registry Store behind `pkg/endpoints/handlers`), at
 * `/api/v1` for the core group and `/apis/<group>/<version>` otherwise, under `namespaces/<ns>/` when
 * `def.namespaced`: list and watch (`?watch=1` or `.../watch/...`, JSON lines or websocket messages;
 * a namespaced resource also across namespaces), get, create (201), update (200), patch (200; JSON,
 * merge, strategic merge and apply patches), delete (200, Success Status) and deletecollection (the
 * deleted list); responses as negotiated before any work (JSON, YAML, Tables of `def.columns`,
 * PartialObjectMetadata), writes with `dryRun`, `fieldValidation` and managedFields, typed and validated
 * by `strategy`. Errors name the resource (`widgets.example.kubechain.dev "w" not found`). Paths it does
 * not serve are go-restful's 404 Status; other methods there are 405.
 * Port note: `limit`/`continue` are ignored: lists are never paged.
 * @example
 * import { randomUUID } from 'node:crypto'
 * const store = newObjectStore(configMapDefinition, { clock: systemClock, newId: randomUUID })
 * const handler = restHandler(configMapDefinition, store, defaultStrategy, { random: Math.random, clock: systemClock, models })
 */
export const restHandler = <A>(
  def: ResourceDefinition,
  typedStore: ObjectStore<A>,
  strategy: ResourceStrategy,
  deps: RestDeps,
  watchOptions?: WatchOptions,
): Handler => {
  const store = typedStore as unknown as ObjectStore
  const writes = restWrites(def, store, strategy, deps)
  const watch = watchResponse(
    def,
    store,
    deps.wss ?? new WebSocketServer({ noServer: true }),
    watchOptions ?? { bounds: watchBoundsDefaults, log: deps.log ?? silentLogger },
  )
  const selecting = (req: Request, name: string, then: (matches: Selection) => Response): Response =>
    E.match(
      toResponse,
      then,
    )(compileSelection(queryValue(req, 'labelSelector') ?? '', queryValue(req, 'fieldSelector') ?? '', name, def.namespaced))
  const reads = readsOf(def, store, selecting)
  const scoped = (namespace: string): boolean => !def.namespaced || namespace !== ''
  return (req) => {
    const info = infoOf(req)
    if (O.isNone(info) || !servesPath(def, info.value)) return toResponse(routeNotFound)
    const { verb, namespace, name } = info.value
    if (verb === 'watch')
      return E.match(toResponse, (w: WatchRequest) =>
        selecting(req, name, (matches) => watch(req, { namespace, matches, ...w.params, convert: w.convert })),
      )(watchRequest(req))
    const negotiated = negotiateResponse(req, def, deps.clock)
    if (E.isLeft(negotiated)) return toResponse(negotiated.left)
    const one = scoped(namespace) && name !== ''
    const write = writeOf(writes, verb)
    if (verb === 'create')
      return scoped(namespace) && name === '' ? writes.create(req, namespace, negotiated.right)() : toResponse(methodNotAllowed)
    if (write !== undefined) return one ? write(req, namespace, name, negotiated.right)() : toResponse(methodNotAllowed)
    return reads(req, info.value, negotiated.right)
  }
}

type Selecting = (req: Request, name: string, then: (matches: Selection) => Response) => Response

/** The write of a verb on one named object, if it is one. */
const writeOf = (writes: RestWrites, verb: string): RestWrites['update'] | undefined =>
  verb === 'update' ? writes.update : verb === 'delete' ? writes.remove : verb === 'patch' ? writes.patch : undefined

/** get, list and deletecollection (405 across namespaces, as upstream serves none there). */
const readsOf =
  (def: ResourceDefinition, store: ObjectStore, selecting: Selecting) =>
  (req: Request, info: RequestInfo, respond: ObjectResponder): Response => {
    const ns = info.namespace
    switch (info.verb) {
      case 'get':
        return O.match(
          () => toResponse(notFound(def.group, def.resource, info.name)),
          (o: JsonObject) => respond(200, o),
        )(store.get(ns, info.name))
      case 'list':
        return selecting(req, '', (matches) => respond(200, listOf(def, store.list(ns), matches)))
      case 'deletecollection':
        return def.namespaced && ns === ''
          ? toResponse(methodNotAllowed)
          : selecting(req, '', (matches) => removeAll(def, req, store, ns, matches, respond))
      default:
        return toResponse(methodNotAllowed)
    }
  }

/** Whether a RequestInfo names `def`'s resource (no subresource): in a namespace, or across them for a list or watch. */
const servesPath = (def: ResourceDefinition, info: RequestInfo): boolean =>
  info.isResourceRequest &&
  info.apiPrefix === (def.group === '' ? 'api' : 'apis') &&
  info.apiGroup === def.group &&
  info.apiVersion === def.version &&
  info.resource === def.resource &&
  info.subresource === '' &&
  info.parts.length <= 2 &&
  (def.namespaced ? info.namespace !== '' || info.name === '' : info.namespace === '')

const listOf = (def: ResourceDefinition, listed: Listed, matches: Selection): JsonObject => ({
  kind: def.listKind,
  apiVersion: apiVersionOf(def),
  metadata: { resourceVersion: listed.resourceVersion },
  items: listed.items.filter(matches),
})

/** Deletes every match (none with `dryRun=All`) and answers them as a list. */
const removeAll = (
  def: ResourceDefinition,
  req: Request,
  store: ObjectStore,
  namespace: string,
  matches: Selection,
  respond: ObjectResponder,
): Response =>
  E.match(toResponse, (opts: WriteOptions) => {
    const doomed = store.list(namespace).items.filter(matches)
    for (const o of doomed) store.remove(metaString(o, 'namespace'), metaString(o, 'name'), opts.dryRun)
    return respond(
      200,
      listOf(def, { items: doomed, resourceVersion: store.list(namespace).resourceVersion }, () => true),
    )
  })(writeOptions(req, 'DeleteOptions'))
