import { answer } from '../core/answered.js'
import type { Handler } from '../core/handler.js'
import { header } from '../core/request.js'
import { toResponse } from '../core/status.js'
import { methodNotAllowed, routeNotFound } from '../endpoints/api-errors.js'
import { apiJson } from './api-json.js'
import { configMapDefinition } from './configmap-definition.js'
import { eventDefinition } from './events-handler.js'
import type { ResourceDefinition } from '../endpoints/resource-definition.js'

/** One resource in an `APIResourceList` (upstream `metav1.APIResource`, the fields this API uses). */
export interface ApiResource {
  readonly name: string
  readonly singularName: string
  readonly namespaced: boolean
  readonly kind: string
  readonly verbs: ReadonlyArray<string>
  readonly shortNames?: ReadonlyArray<string>
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

/** The core group's v1 resources served here. */
export const coreV1Resources: ReadonlyArray<ApiResource> = [configMapDefinition, eventDefinition].map(apiResourceOf)

/** The authentication.k8s.io/v1 resources served here. */
export const authenticationV1Resources: ReadonlyArray<ApiResource> = [
  { name: 'selfsubjectreviews', singularName: 'selfsubjectreview', namespaced: false, kind: 'SelfSubjectReview', verbs: ['create'] },
]

/** The group served under `/apis`. */
export const authenticationGroup = 'authentication.k8s.io'

const groupVersion = { groupVersion: `${authenticationGroup}/v1`, version: 'v1' }
/** authentication.k8s.io as `/apis` lists it. */
export const authenticationApiGroup = { name: authenticationGroup, versions: [groupVersion], preferredVersion: groupVersion }
const apiGroup = authenticationApiGroup

/** Answers GET on exactly `path` or `path/`, 405 for other methods there, 404 elsewhere. */
const getOnly = (path: string, handle: Handler): Handler => {
  const notAllowed = answer(toResponse(methodNotAllowed))
  const missing = answer(toResponse(routeNotFound))
  const slashed = `${path}/`
  return (req) => (req.path !== path && req.path !== slashed ? missing : req.method === 'GET' ? handle(req) : notAllowed)
}

/** A handler that always answers the same JSON document, encoded once. */
const constantDoc = (doc: unknown): Handler => {
  const res = answer(apiJson(200, doc))
  return () => res
}

/**
 * `GET /api`: `APIVersions` listing `v1`, with the address clients reach the server at for every
 * client CIDR (`0.0.0.0/0`).
 * Port note: upstream takes the address from `--advertise-address`/`ExternalAddress`; here it is the
 * given `serverAddress`, else the request's Host (`:authority`) header.
 * @example
 * const services = [{ root: '/api', handler: apiVersionsHandler('') }]
 */
export const apiVersionsHandler = (serverAddress: string): Handler =>
  getOnly('/api', (req) =>
    answer(
      apiJson(200, {
        kind: 'APIVersions',
        versions: ['v1'],
        serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: serverAddress || (header(req, 'host') ?? header(req, ':authority') ?? '') }],
      }),
    ),
  )

/**
 * `GET /apis`: the `APIGroupList` of the given groups, in order.
 * Port note: aggregated discovery (`Accept: application/json;g=apidiscovery.k8s.io;as=APIGroupDiscoveryList`) is not served; clients fall back to these documents.
 * @example
 * const services = [{ root: '/apis', handler: apiGroupListHandlerOf([authenticationApiGroup]) }]
 */
export const apiGroupListHandlerOf = (groups: ReadonlyArray<unknown>): Handler => getOnly('/apis', constantDoc({ kind: 'APIGroupList', apiVersion: 'v1', groups }))

/**
 * `GET /apis/authentication.k8s.io`: its `APIGroup`.
 * @example
 * const services = [{ root: '/apis/authentication.k8s.io', handler: authenticationGroupHandler }]
 */
export const authenticationGroupHandler: Handler = getOnly(
  `/apis/${authenticationGroup}`,
  constantDoc({ kind: 'APIGroup', apiVersion: 'v1', ...apiGroup }),
)

/**
 * `GET <path>`: the `APIResourceList` of one group version (`v1` for the core group at `/api/v1`).
 * @example
 * resourceListHandler('/api/v1', 'v1', coreV1Resources)
 */
export const resourceListHandler = (path: string, gv: string, resources: ReadonlyArray<ApiResource>): Handler =>
  getOnly(path, constantDoc({ kind: 'APIResourceList', apiVersion: 'v1', groupVersion: gv, resources }))
