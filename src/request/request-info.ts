import { type Key, attr } from '../core/attributes.js'

/**
 * What a request is about, read from its method, path and query (upstream's `request.RequestInfo`).
 * Non-resource requests (`/healthz`, `/apis`) carry only `path` and `verb` (the lower-case method).
 */
export interface RequestInfo {
  /** Whether the path names an API resource (`/api/v1/pods`) rather than anything else (`/healthz`). */
  readonly isResourceRequest: boolean
  /** The percent-decoded URL path. */
  readonly path: string
  /** The Kubernetes verb (`get`, `list`, `watch`, `create`, ...); for non-resource requests the lower-case HTTP method. */
  readonly verb: string
  /** `api` or `apis` (one of the resolver's API prefixes), or `''`. */
  readonly apiPrefix: string
  /** The API group; `''` for the legacy core group. */
  readonly apiGroup: string
  readonly apiVersion: string
  /** `''` for cluster-scoped requests and for requests across all namespaces. */
  readonly namespace: string
  /** The resource (`pods`), not the kind. */
  readonly resource: string
  /** The subresource (`status`, `log`, `exec`), or `''`. */
  readonly subresource: string
  /** The object's name when the request names one (in the path, or as `metadata.name=` in a list's field selector). */
  readonly name: string
  /** Path segments starting at the resource: `[resource, name, subresource, ...]`. */
  readonly parts: ReadonlyArray<string>
  /** The raw `fieldSelector` query value of list, watch and deletecollection requests, else `''`. */
  readonly fieldSelector: string
  /** The raw `labelSelector` query value of list, watch and deletecollection requests, else `''`. */
  readonly labelSelector: string
}

/**
 * The request attribute under which the request-info filter stores the resolved RequestInfo.
 * @example
 * const resourceOf = (req: Request): O.Option<string> => pipe(get(req, requestInfoKey), O.map((info) => info.resource))
 */
export const requestInfoKey: Key<RequestInfo> = attr<RequestInfo>('RequestInfo')
