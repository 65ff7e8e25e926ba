import type { Request } from '../core/request.js'
import type { Response } from '../core/response.js'
import { toResponse } from '../core/status.js'
import { notFound } from '../core/status-errors.js'
import type { ResourceDefinition } from '../endpoints/resource-definition.js'
import type { RequestInfo } from '../request/request-info.js'
import { methodNotAllowed } from '../endpoints/api-errors.js'
import { apiJson } from './api-json.js'

/** Core v1 Events as this API serves them: listed, always empty (kubectl `describe` lists an object's events). */
export const eventDefinition: ResourceDefinition = {
  group: '',
  version: 'v1',
  kind: 'Event',
  listKind: 'EventList',
  resource: 'events',
  singularName: 'event',
  namespaced: true,
  shortNames: ['ev'],
  verbs: ['get', 'list'],
  model: 'io.k8s.api.core.v1.Event',
  columns: [],
}

/**
 * Answers core v1 `events` requests: a list (of a namespace or of all) is an empty `EventList` at the
 * store's resourceVersion, a get is 404, every other verb 405. Nothing records events here.
 * @example
 * const events = eventsHandler(() => store.list('').resourceVersion)
 */
export const eventsHandler =
  (resourceVersion: () => string): ((req: Request, info: RequestInfo) => Response) =>
  (_req, info) => {
    if (info.verb === 'list')
      return apiJson(200, { kind: 'EventList', apiVersion: 'v1', metadata: { resourceVersion: resourceVersion() }, items: [] })
    if (info.verb === 'get') return toResponse(notFound('', 'events', info.name))
    return toResponse(methodNotAllowed)
  }

/** Whether a RequestInfo names core v1 events (no subresource). */
export const isEventsPath = (info: RequestInfo): boolean =>
  info.isResourceRequest &&
  info.apiPrefix === 'api' &&
  info.apiVersion === 'v1' &&
  info.resource === 'events' &&
  info.subresource === '' &&
  info.parts.length <= 2
