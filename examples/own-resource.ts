// A resource of your own, served like a built-in one: a cluster-scoped Widget with a Table column, over
// the generic REST handler and in-memory store, with its discovery document and OpenAPI for kubectl.
import { randomUUID } from 'node:crypto'
import { createServer } from 'node:http'
import { systemClock } from '../src/core/index.js'
import { newPathMux } from '../src/director/index.js'
import { director } from '../src/director/director.js'
import {
  type ResourceDefinition,
  apiResourceOf,
  type SchemaModels,
  defaultStrategy,
  metaModels,
  newObjectStore,
  openApiServices,
  resourceListHandler,
  restHandler,
} from '../src/endpoints/index.js'
import { toNodeListener } from '../src/serve/index.js'
import { type Running, isMain, listen, main } from './listen.js'

const group = 'example.kubechain.dev'

/** Widgets: cluster-scoped, every verb, `kubectl get widgets` shows their colour. */
export const widgets: ResourceDefinition = {
  group,
  version: 'v1',
  kind: 'Widget',
  listKind: 'WidgetList',
  resource: 'widgets',
  singularName: 'widget',
  namespaced: false,
  shortNames: ['wd'],
  verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'],
  model: 'dev.kubechain.example.v1.Widget',
  columns: [
    {
      name: 'Color',
      type: 'string',
      format: '',
      description: 'The colour of the widget.',
      priority: 0,
      cell: (w) => (w['spec'] as { color?: string } | undefined)?.color ?? '',
    },
  ],
}

/** The Widget's OpenAPI model (what strict field validation and `kubectl explain` read), with the meta models it refers to. */
export const widgetModels: SchemaModels = {
  ...metaModels,
  [widgets.model]: {
    type: 'object',
    description: 'A widget.',
    'x-kubernetes-group-version-kind': [{ group, version: 'v1', kind: 'Widget' }],
    properties: {
      apiVersion: { type: 'string' },
      kind: { type: 'string' },
      metadata: { allOf: [{ $ref: 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta' }] },
      spec: { type: 'object', properties: { color: { type: 'string', description: 'The colour of the widget.' } } },
    },
  },
}

/** Serves widgets, their discovery document and OpenAPI on node:http (plain HTTP, no chain: an example). */
export const start = (port = 0): Promise<Running> => {
  const root = `/apis/${group}/v1`
  const store = newObjectStore(widgets, { clock: systemClock, newId: randomUUID })
  const resources = restHandler(widgets, store, defaultStrategy, { random: Math.random, clock: systemClock, models: widgetModels })
  const discovery = resourceListHandler(root, `${group}/v1`, [apiResourceOf(widgets)])
  const services = [
    { root, handler: (req: Parameters<typeof resources>[0]) => (req.path === root ? discovery(req) : resources(req)) },
    ...openApiServices([{ group, version: 'v1', served: [{ definition: widgets }] }], widgetModels),
  ]
  return listen(createServer(toNodeListener(director({ services, mux: newPathMux() }))), port)
}

if (isMain(import.meta.url)) await main('widgets', start)
