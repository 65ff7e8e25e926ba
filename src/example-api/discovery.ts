import type { Handler } from '../core/handler.js'
import { header } from '../core/request.js'
import { type ApiGroup, type ApiResource, apiGroupHandler, apiGroupOf, apiResourceOf, getOnly } from '../endpoints/discovery.js'
import { apiJson } from './api-json.js'
import { configMapDefinition } from './configmap-definition.js'
import { eventDefinition } from './events-handler.js'
import { selfSubjectReviewDefinition } from './self-subject-review.js'

/** The core group's v1 resources served here. */
export const coreV1Resources: ReadonlyArray<ApiResource> = [configMapDefinition, eventDefinition].map(apiResourceOf)

/** The authentication.k8s.io/v1 resources served here. */
export const authenticationV1Resources: ReadonlyArray<ApiResource> = [apiResourceOf(selfSubjectReviewDefinition)]

/** The group served under `/apis`. */
export const authenticationGroup = 'authentication.k8s.io'

/** authentication.k8s.io as `/apis` lists it. */
export const authenticationApiGroup: ApiGroup = apiGroupOf(authenticationGroup, 'v1')

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
    apiJson(200, {
      kind: 'APIVersions',
      versions: ['v1'],
      serverAddressByClientCIDRs: [
        { clientCIDR: '0.0.0.0/0', serverAddress: serverAddress || (header(req, 'host') ?? header(req, ':authority') ?? '') },
      ],
    }),
  )

/**
 * `GET /apis/authentication.k8s.io`: its `APIGroup`.
 * @example
 * const services = [{ root: '/apis/authentication.k8s.io', handler: authenticationGroupHandler }]
 */
export const authenticationGroupHandler: Handler = apiGroupHandler(authenticationApiGroup)
