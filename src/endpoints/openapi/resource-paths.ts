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
const listParams = [q.allowWatchBookmarks, q.continue, q.fieldSelector, q.labelSelector, q.limit, q.resourceVersion, q.resourceVersionMatch, q.sendInitialEvents, q.timeoutSeconds, q.watch]
const writeParams = [q.dryRun, q.fieldManager, q.fieldValidation]
const deleteParams = [q.dryRun, q.gracePeriodSeconds, q.ignoreStoreReadErrorWithClusterBreakingPotential, q.orphanDependents, q.propagationPolicy]
const deleteCollectionParams = [...deleteParams, q.continue, q.fieldSelector, q.labelSelector, q.limit, q.resourceVersion, q.resourceVersionMatch, q.sendInitialEvents, q.timeoutSeconds]
const unauthorized: OpenApiResponse = { code: '401', description: 'Unauthorized' }
const ok = (model: string): OpenApiResponse => ({ code: '200', description: 'OK', model })
const created = (model: string): OpenApiResponse => ({ code: '201', description: 'Created', model })
const accepted = (model: string): OpenApiResponse => ({ code: '202', description: 'Accepted', model })

interface Names {
  readonly prefix: string
  readonly tag: string
  readonly gvk: GroupVersionKind
  readonly scoped: string
  readonly scope: ReadonlyArray<OpenApiParameter>
}

/**
 * The paths upstream's REST installer documents for one resource, for each verb it serves: the
 * collection (`list`, `create`, `deletecollection`), the item (`get`, `update`, `patch`, `delete`), the
 * deprecated `/watch/` paths and, for namespaced kinds, the all-namespaces list, with upstream's operation
 * ids (`listCoreV1NamespacedConfigMap`), actions, parameters and responses.
 */
export const resourcePaths = (served: ServedResource): ReadonlyArray<OpenApiPath> => {
  const d = served.definition
  const verbs = new Set(d.verbs)
  const root = groupVersionRoot(d.group, d.version)
  const ns = d.namespaced ? '/namespaces/{namespace}' : ''
  const names: Names = {
    prefix: operationIdPrefix(d.group, d.version),
    tag: tagOf(d.group, d.version),
    gvk: { group: d.group, kind: d.kind, version: d.version },
    scoped: d.namespaced ? `Namespaced${d.kind}` : d.kind,
    scope: d.namespaced ? [namespaceParameter, q.pretty] : [q.pretty],
  }
  const item = [...names.scope, nameParameter(d.kind)]
  const paths: Array<OpenApiPath | undefined> = [
    { path: `${root}${ns}/${d.resource}`, operations: collectionOperations(served, verbs, names) },
    { path: `${root}${ns}/${d.resource}/{name}`, operations: itemOperations(served, verbs, names, item) },
    d.namespaced && verbs.has('list') ? allNamespaces(root, served, names) : undefined,
    ...(verbs.has('watch') ? watchPaths(root, ns, served, names, item) : []),
  ]
  return paths.filter((p): p is OpenApiPath => p !== undefined && p.operations.length > 0).sort((a, b) => (a.path < b.path ? -1 : 1))
}

const op = (names: Names, fields: Omit<OpenApiOperation, 'tag' | 'gvk'>): OpenApiOperation => ({ ...fields, tag: names.tag, gvk: names.gvk })

const collectionOperations = (served: ServedResource, verbs: ReadonlySet<string>, n: Names): ReadonlyArray<OpenApiOperation> => {
  const { kind, model } = served.definition
  const ops: OpenApiOperation[] = []
  if (verbs.has('list'))
    ops.push(op(n, { method: 'get', description: `list or watch objects of kind ${kind}`, operationId: `list${n.prefix}${n.scoped}`, action: 'list', parameters: [...n.scope, ...listParams], produces: streamTypes, responses: [ok(listModelOf(served)), unauthorized] }))
  if (verbs.has('create'))
    ops.push(op(n, { method: 'post', description: `create ${articleFor(kind)} ${kind}`, operationId: `create${n.prefix}${n.scoped}`, action: 'post', parameters: [...n.scope, ...writeParams], body: { model, mediaTypes: ['*/*'] }, produces: objectTypes, responses: [ok(model), created(model), accepted(model), unauthorized] }))
  if (verbs.has('deletecollection'))
    ops.push(op(n, { method: 'delete', description: `delete collection of ${kind}`, operationId: `delete${n.prefix}Collection${n.scoped}`, action: 'deletecollection', parameters: [...n.scope, ...deleteCollectionParams], body: { model: `${meta}.DeleteOptions`, mediaTypes: ['*/*'] }, produces: objectTypes, responses: [ok(`${meta}.Status`), unauthorized] }))
  return ops
}

const itemOperations = (served: ServedResource, verbs: ReadonlySet<string>, n: Names, item: ReadonlyArray<OpenApiParameter>): ReadonlyArray<OpenApiOperation> => {
  const { kind, model } = served.definition
  const patchTypes = served.patchTypes ?? patchMediaTypes
  const ops: OpenApiOperation[] = []
  if (verbs.has('get'))
    ops.push(op(n, { method: 'get', description: `read the specified ${kind}`, operationId: `read${n.prefix}${n.scoped}`, action: 'get', parameters: item, produces: objectTypes, responses: [ok(model), unauthorized] }))
  if (verbs.has('update'))
    ops.push(op(n, { method: 'put', description: `replace the specified ${kind}`, operationId: `replace${n.prefix}${n.scoped}`, action: 'put', parameters: [...item, ...writeParams], body: { model, mediaTypes: ['*/*'] }, produces: objectTypes, responses: [ok(model), created(model), unauthorized] }))
  if (verbs.has('delete'))
    ops.push(op(n, { method: 'delete', description: `delete ${articleFor(kind)} ${kind}`, operationId: `delete${n.prefix}${n.scoped}`, action: 'delete', parameters: [...item, ...deleteParams], body: { model: `${meta}.DeleteOptions`, mediaTypes: ['*/*'] }, produces: objectTypes, responses: [ok(`${meta}.Status`), accepted(`${meta}.Status`), unauthorized] }))
  if (verbs.has('patch'))
    ops.push(op(n, { method: 'patch', description: `partially update the specified ${kind}`, operationId: `patch${n.prefix}${n.scoped}`, action: 'patch', parameters: [...item, q.dryRun, patchFieldManager, q.fieldValidation, q.force], body: { model: `${meta}.Patch`, mediaTypes: patchTypes }, produces: objectTypes, responses: [ok(model), created(model), unauthorized] }))
  return ops
}

const allNamespaces = (root: string, served: ServedResource, n: Names): OpenApiPath => {
  const { kind, resource } = served.definition
  const operationId = `list${n.prefix}${kind}ForAllNamespaces`
  const operation = op(n, { method: 'get', description: `list or watch objects of kind ${kind}`, operationId, action: 'list', parameters: [q.pretty, ...listParams], produces: streamTypes, responses: [ok(listModelOf(served)), unauthorized] })
  return { path: `${root}/${resource}`, operations: [operation] }
}

const watchPaths = (root: string, ns: string, served: ServedResource, n: Names, item: ReadonlyArray<OpenApiParameter>): ReadonlyArray<OpenApiPath> => {
  const { kind, resource, namespaced } = served.definition
  const event = [ok(`${meta}.WatchEvent`), unauthorized]
  const deprecated = "deprecated: use the 'watch' parameter with a list operation instead"
  const watch = (operationId: string, action: string, description: string, parameters: ReadonlyArray<OpenApiParameter>): OpenApiOperation =>
    op(n, { method: 'get', description, operationId, action, parameters: [...parameters, ...listParams], produces: streamTypes, responses: event })
  const list = `watch individual changes to a list of ${kind}. ${deprecated}.`
  const paths: OpenApiPath[] = [
    { path: `${root}/watch${ns}/${resource}`, operations: [watch(`watch${n.prefix}${n.scoped}List`, 'watchlist', list, n.scope)] },
    { path: `${root}/watch${ns}/${resource}/{name}`, operations: [watch(`watch${n.prefix}${n.scoped}`, 'watch', `watch changes to an object of kind ${kind}. ${deprecated}, filtered to a single item with the 'fieldSelector' parameter.`, item)] },
  ]
  if (namespaced) paths.push({ path: `${root}/watch/${resource}`, operations: [watch(`watch${n.prefix}${kind}ListForAllNamespaces`, 'watchlist', list, [q.pretty])] })
  return paths
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
