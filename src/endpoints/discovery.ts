import type { Handler } from '../core/handler.js'
import { toResponse } from '../core/status.js'
import { methodNotAllowed, routeNotFound } from './api-errors.js'
import { encodeOutput } from './encode-output.js'
import { jsonTarget } from './negotiate-output.js'
import type { ResourceDefinition } from './resource-definition.js'

/** One resource in an `APIResourceList` (upstream `metav1.APIResource`, the fields served here). */
export interface ApiResource {
  readonly name: string
  readonly singularName: string
  readonly namespaced: boolean
  readonly kind: string
  readonly verbs: ReadonlyArray<string>
  readonly shortNames?: ReadonlyArray<string>
}

/** A group as `/apis` lists it and `/apis/<group>` answers it (`metav1.APIGroup`), with one version. */
export interface ApiGroup {
  readonly name: string
  readonly versions: ReadonlyArray<{ readonly groupVersion: string; readonly version: string }>
  readonly preferredVersion: { readonly groupVersion: string; readonly version: string }
}

/** A resource definition as discovery lists it (verbs sorted, short names only when it has some). */
export const apiResourceOf = (def: ResourceDefinition): ApiResource => ({
  name: def.resource,
  singularName: def.singularName,
  namespaced: def.namespaced,
  kind: def.kind,
  verbs: [...def.verbs].sort(),
  ...(def.shortNames.length > 0 ? { shortNames: def.shortNames } : {}),
})

/** A group serving one version, its preferred one. */
export const apiGroupOf = (name: string, version: string): ApiGroup => {
  const gv = { groupVersion: `${name}/${version}`, version }
  return { name, versions: [gv], preferredVersion: gv }
}

/**
 * Answers GET on exactly `path` or `path/` with `handle`, other methods there with go-restful's 405,
 * and anything below it with its 404.
 */
export const getOnly = (path: string, handle: Handler): Handler => {
  const notAllowed = toResponse(methodNotAllowed)
  const missing = toResponse(routeNotFound)
  const slashed = `${path}/`
  return (req) => (req.path !== path && req.path !== slashed ? missing : req.method === 'GET' ? handle(req) : notAllowed)
}

/** A handler that always answers the same JSON document, encoded once. */
export const constantDocument = (doc: unknown): Handler => {
  const res = encodeOutput(jsonTarget, 200, doc)
  return () => res
}

/**
 * `GET /apis`: the `APIGroupList` of the given groups, in order.
 * Port note: aggregated discovery (`Accept: application/json;g=apidiscovery.k8s.io;as=APIGroupDiscoveryList`) is not served; clients fall back to these documents.
 * @example
 * const services = [{ root: '/apis', handler: apiGroupListHandlerOf([apiGroupOf('example.io', 'v1')]) }]
 */
export const apiGroupListHandlerOf = (groups: ReadonlyArray<ApiGroup>): Handler =>
  getOnly('/apis', constantDocument({ kind: 'APIGroupList', apiVersion: 'v1', groups }))

/**
 * `GET /apis/<group>`: its `APIGroup`.
 * @example
 * const services = [{ root: '/apis/example.io', handler: apiGroupHandler(apiGroupOf('example.io', 'v1')) }]
 */
export const apiGroupHandler = (group: ApiGroup): Handler =>
  getOnly(`/apis/${group.name}`, constantDocument({ kind: 'APIGroup', apiVersion: 'v1', ...group }))

/**
 * `GET <path>`: the `APIResourceList` of one group version (`v1` for the core group at `/api/v1`).
 * @example
 * resourceListHandler('/api/v1', 'v1', [apiResourceOf(configMapDefinition)])
 */
export const resourceListHandler = (path: string, gv: string, resources: ReadonlyArray<ApiResource>): Handler =>
  getOnly(path, constantDocument({ kind: 'APIResourceList', apiVersion: 'v1', groupVersion: gv, resources }))
