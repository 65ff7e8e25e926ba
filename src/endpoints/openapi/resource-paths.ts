import type { GroupVersionKind } from '../schema.js'
import { articleFor, groupVersionRoot, operationIdPrefix, tagOf } from './operation-names.js'
import type { OpenApiOperation, OpenApiPath, OpenApiResponse } from './openapi-operation.js'
import { type OpenApiParameter, nameParameter, namespaceParameter, patchFieldManager, queryParameters as q } from './openapi-parameters.js'
import { type ServedResource, listModelOf } from './served-resource.js'

const meta = 'io.k8s.apimachinery.pkg.apis.meta.v1'
const objectTypes = ['application/json', 'application/vnd.kubernetes.protobuf', 'application/yaml']
const streamTypes = [
  'application/json',
  'application/json;stream=watch',
  'application/vnd.kubernetes.protobuf',
  'application/vnd.kubernetes.protobuf;stream=watch',
  'application/yaml',
]
/** The patch media types upstream accepts for built-in kinds. */
export const patchMediaTypes: ReadonlyArray<string> = [
  'application/apply-patch+yaml',
  'application/json-patch+json',
  'application/merge-patch+json',
  'application/strategic-merge-patch+json',
]
const listParams = [
  q.allowWatchBookmarks,
  q.continue,
  q.fieldSelector,
  q.labelSelector,
  q.limit,
  q.resourceVersion,
  q.resourceVersionMatch,
  q.sendInitialEvents,
  q.timeoutSeconds,
  q.watch,
]
const writeParams = [q.dryRun, q.fieldManager, q.fieldValidation]
const deleteParams = [
  q.dryRun,
  q.gracePeriodSeconds,
  q.ignoreStoreReadErrorWithClusterBreakingPotential,
  q.orphanDependents,
  q.propagationPolicy,
]
const deleteCollectionParams = [
  ...deleteParams,
  q.continue,
  q.fieldSelector,
  q.labelSelector,
  q.limit,
  q.resourceVersion,
  q.resourceVersionMatch,
  q.sendInitialEvents,
  q.timeoutSeconds,
]
const unauthorized: OpenApiResponse = { code: '401', description: 'Unauthorized' }
const ok = (model: string): OpenApiResponse => ({ code: '200', description: 'OK', model })
const created = (model: string): OpenApiResponse => ({ code: '201', description: 'Created', model })
const accepted = (model: string): OpenApiResponse => ({ code: '202', description: 'Accepted', model })
const anyBody = (model: string) => ({ model, mediaTypes: ['*/*'] })

/** What every operation of one resource shares. */
interface Ctx {
  readonly kind: string
  readonly model: string
  readonly list: string
  readonly patchTypes: ReadonlyArray<string>
  /** `CoreV1`. */
  readonly prefix: string
  /** `NamespacedConfigMap` or `ClusterRole`. */
  readonly scoped: string
  readonly tag: string
  readonly gvk: GroupVersionKind
  /** The collection's path parameters (`namespace` if namespaced) and `pretty`. */
  readonly scope: ReadonlyArray<OpenApiParameter>
  /** `scope` and `name`. */
  readonly item: ReadonlyArray<OpenApiParameter>
}

type Operation = Omit<OpenApiOperation, 'tag' | 'gvk'>

/** The collection's operations by verb, as upstream's REST installer documents them. */
const collectionVerbs: ReadonlyArray<readonly [string, (c: Ctx) => Operation]> = [
  [
    'list',
    (c) => ({
      method: 'get',
      description: `list or watch objects of kind ${c.kind}`,
      operationId: `list${c.prefix}${c.scoped}`,
      action: 'list',
      parameters: [...c.scope, ...listParams],
      produces: streamTypes,
      responses: [ok(c.list), unauthorized],
    }),
  ],
  [
    'create',
    (c) => ({
      method: 'post',
      description: `create ${articleFor(c.kind)} ${c.kind}`,
      operationId: `create${c.prefix}${c.scoped}`,
      action: 'post',
      parameters: [...c.scope, ...writeParams],
      body: anyBody(c.model),
      produces: objectTypes,
      responses: [ok(c.model), created(c.model), accepted(c.model), unauthorized],
    }),
  ],
  [
    'deletecollection',
    (c) => ({
      method: 'delete',
      description: `delete collection of ${c.kind}`,
      operationId: `delete${c.prefix}Collection${c.scoped}`,
      action: 'deletecollection',
      parameters: [...c.scope, ...deleteCollectionParams],
      body: anyBody(`${meta}.DeleteOptions`),
      produces: objectTypes,
      responses: [ok(`${meta}.Status`), unauthorized],
    }),
  ],
]

/** The item's operations by verb. */
const itemVerbs: ReadonlyArray<readonly [string, (c: Ctx) => Operation]> = [
  [
    'get',
    (c) => ({
      method: 'get',
      description: `read the specified ${c.kind}`,
      operationId: `read${c.prefix}${c.scoped}`,
      action: 'get',
      parameters: c.item,
      produces: objectTypes,
      responses: [ok(c.model), unauthorized],
    }),
  ],
  [
    'update',
    (c) => ({
      method: 'put',
      description: `replace the specified ${c.kind}`,
      operationId: `replace${c.prefix}${c.scoped}`,
      action: 'put',
      parameters: [...c.item, ...writeParams],
      body: anyBody(c.model),
      produces: objectTypes,
      responses: [ok(c.model), created(c.model), unauthorized],
    }),
  ],
  [
    'delete',
    (c) => ({
      method: 'delete',
      description: `delete ${articleFor(c.kind)} ${c.kind}`,
      operationId: `delete${c.prefix}${c.scoped}`,
      action: 'delete',
      parameters: [...c.item, ...deleteParams],
      body: anyBody(`${meta}.DeleteOptions`),
      produces: objectTypes,
      responses: [ok(`${meta}.Status`), accepted(`${meta}.Status`), unauthorized],
    }),
  ],
  [
    'patch',
    (c) => ({
      method: 'patch',
      description: `partially update the specified ${c.kind}`,
      operationId: `patch${c.prefix}${c.scoped}`,
      action: 'patch',
      parameters: [...c.item, q.dryRun, patchFieldManager, q.fieldValidation, q.force],
      body: { model: `${meta}.Patch`, mediaTypes: c.patchTypes },
      produces: objectTypes,
      responses: [ok(c.model), created(c.model), unauthorized],
    }),
  ],
]

/**
 * The paths upstream's REST installer documents for one resource, for each verb it serves: the
 * collection (`list`, `create`, `deletecollection`), the item (`get`, `update`, `patch`, `delete`), the
 * deprecated `/watch/` paths and, for namespaced kinds, the all-namespaces list, with upstream's operation
 * ids (`listCoreV1NamespacedConfigMap`), actions, parameters and responses. Sorted by path.
 */
export const resourcePaths = (served: ServedResource): ReadonlyArray<OpenApiPath> => {
  const d = served.definition
  const verbs = new Set(d.verbs)
  const c = contextOf(served)
  const base = `${groupVersionRoot(d.group, d.version)}${d.namespaced ? '/namespaces/{namespace}' : ''}/${d.resource}`
  const pick = (table: typeof collectionVerbs): ReadonlyArray<OpenApiOperation> =>
    table.filter(([verb]) => verbs.has(verb)).map(([, build]) => ({ ...build(c), tag: c.tag, gvk: c.gvk }))
  const paths: ReadonlyArray<OpenApiPath> = [
    { path: base, operations: pick(collectionVerbs) },
    { path: `${base}/{name}`, operations: pick(itemVerbs) },
    ...(d.namespaced && verbs.has('list') ? [allNamespaces(served, c)] : []),
    ...(verbs.has('watch') ? watchPaths(served, c) : []),
  ]
  return paths.filter((p) => p.operations.length > 0).sort((a, b) => (a.path < b.path ? -1 : 1))
}

const contextOf = (served: ServedResource): Ctx => {
  const d = served.definition
  const scope = d.namespaced ? [namespaceParameter, q.pretty] : [q.pretty]
  return {
    kind: d.kind,
    model: d.model,
    list: listModelOf(served),
    patchTypes: served.patchTypes ?? patchMediaTypes,
    prefix: operationIdPrefix(d.group, d.version),
    scoped: d.namespaced ? `Namespaced${d.kind}` : d.kind,
    tag: tagOf(d.group, d.version),
    gvk: { group: d.group, kind: d.kind, version: d.version },
    scope,
    item: [...scope, nameParameter(d.kind)],
  }
}

const allNamespaces = (served: ServedResource, c: Ctx): OpenApiPath => ({
  path: `${groupVersionRoot(served.definition.group, served.definition.version)}/${served.definition.resource}`,
  operations: [
    {
      method: 'get',
      description: `list or watch objects of kind ${c.kind}`,
      operationId: `list${c.prefix}${c.kind}ForAllNamespaces`,
      action: 'list',
      parameters: [q.pretty, ...listParams],
      produces: streamTypes,
      responses: [ok(c.list), unauthorized],
      tag: c.tag,
      gvk: c.gvk,
    },
  ],
})

const watchPaths = (served: ServedResource, c: Ctx): ReadonlyArray<OpenApiPath> => {
  const { group, version, resource, namespaced } = served.definition
  const root = `${groupVersionRoot(group, version)}/watch`
  const ns = namespaced ? '/namespaces/{namespace}' : ''
  const deprecated = "deprecated: use the 'watch' parameter with a list operation instead"
  const list = `watch individual changes to a list of ${c.kind}. ${deprecated}.`
  const one = `watch changes to an object of kind ${c.kind}. ${deprecated}, filtered to a single item with the 'fieldSelector' parameter.`
  const watch = (
    path: string,
    operationId: string,
    action: string,
    description: string,
    params: ReadonlyArray<OpenApiParameter>,
  ): OpenApiPath => ({
    path,
    operations: [
      {
        method: 'get',
        description,
        operationId,
        action,
        parameters: [...params, ...listParams],
        produces: streamTypes,
        responses: [ok(`${meta}.WatchEvent`), unauthorized],
        tag: c.tag,
        gvk: c.gvk,
      },
    ],
  })
  return [
    watch(`${root}${ns}/${resource}`, `watch${c.prefix}${c.scoped}List`, 'watchlist', list, c.scope),
    watch(`${root}${ns}/${resource}/{name}`, `watch${c.prefix}${c.scoped}`, 'watch', one, c.item),
    ...(namespaced ? [watch(`${root}/${resource}`, `watch${c.prefix}${c.kind}ListForAllNamespaces`, 'watchlist', list, [q.pretty])] : []),
  ]
}

/** `GET <root>/`: the group version's `APIResourceList` (`getCoreV1APIResources`). */
export const resourcesPath = (group: string, version: string): OpenApiPath => ({
  path: `${groupVersionRoot(group, version)}/`,
  operations: [
    {
      method: 'get',
      description: 'get available resources',
      operationId: `get${operationIdPrefix(group, version)}APIResources`,
      tag: tagOf(group, version),
      parameters: [],
      produces: objectTypes,
      responses: [ok(`${meta}.APIResourceList`), unauthorized],
    },
  ],
})
