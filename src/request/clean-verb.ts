import * as O from 'fp-ts/lib/Option.js'
import { type Request, header, queryValue } from '../core/index.js'
import type { RequestInfo } from './request-info.js'

/** Subresources whose requests are reported as `CONNECT` (upstream `validConnectRequests`). */
const connectSubresources: ReadonlySet<string> = new Set(['log', 'exec', 'portforward', 'attach', 'proxy'])

const applyPatchType = 'application/apply-patch+yaml'

/**
 * The verb upstream reports for a request in metrics and the HTTP log (`metrics.CanonicalVerb` then
 * `metrics.CleanVerb`): the upper-case method, `LIST` for a GET or HEAD on a collection, `WATCH` for a GET
 * with a true `watch` parameter, `APPLY` for a server-side-apply PATCH, `CONNECT` for `log`, `exec`,
 * `portforward`, `attach` and `proxy` subresources.
 * @example
 * cleanVerb(req, get(req, requestInfoKey)) // 'LIST' for GET /api/v1/namespaces/default/pods
 */
export const cleanVerb = (req: Request, info: O.Option<RequestInfo>): string => {
  const method = req.method.toUpperCase()
  const verb = O.isSome(info) ? canonicalVerb(method, cleanScope(info.value)) : req.method
  if (isWatch(req, method) || verb === 'WATCHLIST') return 'WATCH'
  if (verb === 'PATCH' && header(req, 'content-type') === applyPatchType) return 'APPLY'
  if (O.isSome(info) && info.value.isResourceRequest && connectSubresources.has(info.value.subresource)) return 'CONNECT'
  return verb
}

/** Upstream `metrics.CleanScope`: `resource`, `namespace`, `cluster`, or `''` for non-resource requests. */
const cleanScope = (info: RequestInfo): string => {
  if (info.name !== '' || info.verb === 'create') return 'resource'
  if (info.namespace !== '') return 'namespace'
  return info.isResourceRequest ? 'cluster' : ''
}

const canonicalVerb = (method: string, scope: string): string => {
  if (method !== 'GET' && method !== 'HEAD') return method
  return scope !== 'resource' && scope !== '' ? 'LIST' : 'GET'
}

/** A GET (or LIST) whose first `watch` value is not `0` or `false` (any case). */
const isWatch = (req: Request, method: string): boolean => {
  if (method !== 'GET' && method !== 'LIST') return false
  const watch = queryValue(req, 'watch')
  if (watch === undefined) return false
  const v = watch.toLowerCase()
  return v !== '0' && v !== 'false'
}
