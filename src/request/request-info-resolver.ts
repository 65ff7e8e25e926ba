import * as E from 'fp-ts/lib/Either.js'
import * as O from 'fp-ts/lib/Option.js'
import * as t from 'io-ts'
import { type Query, parseQuery } from '../core/query.js'
import type { Request, Target } from '../core/request.js'
import { parseTarget } from '../core/target.js'
import { listRequest } from './list-options.js'
import { type RequestInfoError, requestInfoError, undeterminedKindError } from './request-info-error.js'
import type { RequestInfo } from './request-info.js'
import { splitPath } from './split-path.js'

/** Options of the RequestInfo resolver: API path prefixes, without slashes (upstream's `RequestInfoFactory`). */
export const RequestInfoResolverConfig = t.readonly(
  t.type({ apiPrefixes: t.readonlyArray(t.string), grouplessApiPrefixes: t.readonlyArray(t.string) }),
)
export type RequestInfoResolverConfig = t.TypeOf<typeof RequestInfoResolverConfig>

/** Upstream's defaults (`NewRequestInfoResolver`): `/api` (legacy, no group) and `/apis`. */
export const requestInfoResolverDefaults: RequestInfoResolverConfig = {
  apiPrefixes: ['api', 'apis'],
  grouplessApiPrefixes: ['api'],
}

/** Resolves an HTTP method and a request target (`/api/v1/pods?watch=1`) to a RequestInfo. */
export type RequestInfoResolver = (method: string, url: string) => E.Either<RequestInfoError, RequestInfo>

/**
 * Builds a resolver over request targets; a target that does not parse is a Left. Pure and total.
 * @example
 * const resolve = newRequestInfoResolver(requestInfoResolverDefaults)
 * resolve('GET', '/api/v1/namespaces/default/pods?watch=true')
 * // right({ isResourceRequest: true, verb: 'watch', namespace: 'default', resource: 'pods', ... })
 */
export const newRequestInfoResolver = (cfg: RequestInfoResolverConfig = requestInfoResolverDefaults): RequestInfoResolver => {
  const resolve = resolveWith(prefixSets(cfg))
  return (method, url) => {
    const target = url === '' ? emptyTarget : parseTarget(url)
    if (E.isLeft(target)) return E.left(requestInfoError(target.left, O.none))
    const raw = target.right.rawQuery
    return resolve(method, target.right, () => queryOf(raw))
  }
}

/**
 * Builds a resolver over core Requests: it reads `req.path` (already percent-decoded, like Go's
 * `URL.Path`) and `req.rawQuery` (parsed only when a nameless get or delete needs it), never re-parsing
 * the target.
 * @example
 * const requestInfoOf = resolveRequestInfo(requestInfoResolverDefaults)
 * const withRequestInfo: Filter = (next) => (req) => {
 *   const info = requestInfoOf(req)
 *   if (E.isRight(info)) return next(put(req, requestInfoKey, info.right))
 *   return toResponse(internalError(`failed to create RequestInfo: ${info.left.message}`))
 * }
 */
export const resolveRequestInfo = (
  cfg: RequestInfoResolverConfig = requestInfoResolverDefaults,
): ((req: Request) => E.Either<RequestInfoError, RequestInfo>) => {
  const resolve = resolveWith(prefixSets(cfg))
  return (req) => resolve(req.method, req, () => queryOf(req.rawQuery))
}

interface PrefixSets {
  readonly all: ReadonlySet<string>
  readonly groupless: ReadonlySet<string>
}

/** Where a resource request's path puts its prefix, group and version, and what follows them. */
interface Located {
  readonly prefix: string
  readonly group: string
  readonly version: string
  readonly rest: ReadonlyArray<string>
}

const prefixSets = (cfg: RequestInfoResolverConfig): PrefixSets => ({
  all: new Set(cfg.apiPrefixes),
  groupless: new Set(cfg.grouplessApiPrefixes),
})

const emptyTarget = E.right<string, Target>({ url: '', path: '', rawPath: '', rawQuery: '' })
const noQuery: Query = new Map()
/** Parses a raw query; not through core's per-Request memo, as the filter's `put` makes a new Request anyway. */
const queryOf = (raw: string): Query => (raw === '' ? noQuery : parseQuery(raw))
const specialVerbs: ReadonlySet<string> = new Set(['proxy', 'watch'])
const namespaceSubresources: ReadonlySet<string> = new Set(['status', 'finalize'])
const methodVerbs: ReadonlyMap<string, string> = new Map([
  ['POST', 'create'],
  ['GET', 'get'],
  ['HEAD', 'get'],
  ['PUT', 'update'],
  ['PATCH', 'patch'],
  ['DELETE', 'delete'],
])
const lowerMethods: ReadonlyMap<string, string> = new Map(
  ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'CONNECT', 'TRACE'].map((m) => [m, m.toLowerCase()]),
)

const resolveWith =
  (px: PrefixSets) =>
  (method: string, target: Target, q: () => Query): E.Either<RequestInfoError, RequestInfo> => {
    const verb = lowerMethods.get(method) ?? method.toLowerCase()
    const located = locate(px, splitPath(target.path))
    if (typeof located === 'string') return E.right(nonResource(target.path, verb, located))
    const pathVerb = located.rest[0] as string
    if (!specialVerbs.has(pathVerb)) return E.right(resource(target.path, located, methodVerbs.get(method) ?? '', q))
    if (located.rest.length < 2) return E.left(undeterminedKindError(target, partial(target.path, verb, located)))
    return E.right(resource(target.path, { ...located, rest: located.rest.slice(1) }, pathVerb, q))
  }

/**
 * Steps 2-5: prefix, group and version of a resource request; otherwise the API prefix to report
 * (upstream keeps it filled in when a grouped path is too short, e.g. `/apis/apps/v1`).
 */
const locate = (px: PrefixSets, segs: ReadonlyArray<string>): Located | string => {
  const prefix = segs[0] as string
  if (segs.length < 3 || !px.all.has(prefix)) return ''
  if (px.groupless.has(prefix)) return { prefix, group: '', version: segs[1] as string, rest: segs.slice(2) }
  if (segs.length < 4) return prefix
  return { prefix, group: segs[1] as string, version: segs[2] as string, rest: segs.slice(3) }
}

/**
 * Steps 7-11 for a resource request whose verb is known from the method or the path. A verb from the
 * path (`proxy`, `watch`) is never refined and never carries selectors, as upstream's verbViaPathPrefix.
 */
const resource = (path: string, at: Located, verb: string, q: () => Query): RequestInfo => {
  const namespace = at.rest[0] === 'namespaces' && at.rest.length > 1 ? (at.rest[1] as string) : ''
  const parts = dropNamespace(at.rest)
  const pathName = parts[1] ?? ''
  const subresource = parts.length >= 3 && verb !== 'proxy' ? (parts[2] as string) : ''
  const refined = pathName === '' ? collection(verb, q) : undefined
  return {
    isResourceRequest: true,
    path,
    verb: refined?.verb ?? verb,
    apiPrefix: at.prefix,
    apiGroup: at.group,
    apiVersion: at.version,
    namespace,
    resource: parts[0] as string,
    subresource,
    name: refined?.name ?? pathName,
    parts,
    fieldSelector: refined?.fieldSelector ?? '',
    labelSelector: refined?.labelSelector ?? '',
  }
}

/** `namespaces/<ns>/<resource>/...` becomes `<resource>/...`, unless `<resource>` is `status` or `finalize`. */
const dropNamespace = (rest: ReadonlyArray<string>): ReadonlyArray<string> =>
  rest[0] === 'namespaces' && rest.length > 2 && !namespaceSubresources.has(rest[2] as string) ? rest.slice(2) : rest

interface Collection {
  readonly verb: string
  readonly name: string
  readonly fieldSelector: string
  readonly labelSelector: string
}

/**
 * Steps 9-11 for a request without a name in its path: `get` becomes list or watch, `delete`
 * deletecollection, and these (upstream's verbs with selectors) carry the raw first selector values.
 */
const collection = (verb: string, q: () => Query): Collection | undefined => {
  if (verb !== 'get' && verb !== 'delete') return undefined
  const params = q()
  if (verb === 'delete') return withSelectors(params, 'deletecollection', '')
  const list = listRequest(params)
  return withSelectors(params, list.watch ? 'watch' : 'list', list.name)
}

const withSelectors = (params: Query, verb: string, name: string): Collection => ({
  verb,
  name,
  fieldSelector: params.get('fieldSelector')?.[0] ?? '',
  labelSelector: params.get('labelSelector')?.[0] ?? '',
})

const nonResource = (path: string, verb: string, apiPrefix: string): RequestInfo => ({
  isResourceRequest: false,
  path,
  verb,
  apiPrefix,
  apiGroup: '',
  apiVersion: '',
  namespace: '',
  resource: '',
  subresource: '',
  name: '',
  parts: [],
  fieldSelector: '',
  labelSelector: '',
})

/** What upstream returns beside the path-verb error: prefix, group and version, the method's verb. */
const partial = (path: string, verb: string, at: Located): RequestInfo => ({
  ...nonResource(path, verb, at.prefix),
  isResourceRequest: true,
  apiGroup: at.group,
  apiVersion: at.version,
})
