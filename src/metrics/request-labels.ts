import * as O from 'fp-ts/lib/Option.js'
import { type Request, query } from '../core/index.js'
import { cleanVerb } from '../request/clean-verb.js'
import type { RequestInfo } from '../request/request-info.js'

/** Upstream `metrics.APIServerComponent`: the `component` label of series the generic server records. */
export const apiServerComponent = 'apiserver'

/** Upstream `OtherRequestMethod`: the verb label of any verb outside `validRequestMethods`. */
export const otherVerb = 'other'

/** Upstream `validRequestMethods`: the verbs reported as they are; every other verb is `other`. */
const validVerbs: ReadonlySet<string> = new Set([
  'APPLY',
  'CONNECT',
  'CREATE',
  'DELETE',
  'DELETECOLLECTION',
  'GET',
  'LIST',
  'PATCH',
  'POST',
  'PROXY',
  'PUT',
  'UPDATE',
  'WATCH',
  'WATCHLIST',
])

/**
 * The verb label (upstream's unexported `cleanVerb`): `CleanVerb` of the canonical verb (`LIST` for a GET
 * on a collection, `WATCH`, `APPLY`, `CONNECT`), `WATCH` for the legacy `/watch/` paths, and `other` for
 * anything outside upstream's list, so a client sending odd methods cannot grow the series.
 */
export const reportedVerb = (req: Request, info: RequestInfo | undefined): string => {
  if (info?.isResourceRequest === true && info.verb === 'watch') return 'WATCH'
  const verb = cleanVerb(req, O.fromNullable(info))
  return validVerbs.has(verb) ? verb : otherVerb
}

/** Upstream `CleanScope`: `resource`, `namespace`, `cluster`, or `''` for a non-resource request. */
export const reportedScope = (info: RequestInfo | undefined): string => {
  if (info === undefined) return ''
  if (info.name !== '' || info.verb === 'create') return 'resource'
  if (info.namespace !== '') return 'namespace'
  return info.isResourceRequest ? 'cluster' : ''
}

/**
 * The `dry_run` label (upstream `cleanDryRun`): `''` without a `dryRun` parameter, `invalid` when a value
 * is not `All`, else the distinct values sorted and joined by commas (so `All`).
 */
export const reportedDryRun = (req: Request): string => {
  if (!req.rawQuery.includes('dryRun')) return ''
  const values = query(req).get('dryRun') ?? []
  if (values.some((v) => v !== 'All')) return 'invalid'
  return [...new Set(values)].sort().join(',')
}

/** The labels every request series shares, in the order the families name them. */
export interface RequestLabels {
  readonly verb: string
  readonly dryRun: string
  readonly group: string
  readonly version: string
  readonly resource: string
  readonly subresource: string
  readonly scope: string
}

/**
 * The labels of a request as upstream's `Record*` functions make them: a resource request by its group,
 * version, resource and subresource; anything else by `subresource` = `path` (upstream passes the path it
 * instruments, or the request path when it has no RequestInfo).
 */
export const requestLabels = (req: Request, info: RequestInfo | undefined, path: string = info?.path ?? req.path): RequestLabels => {
  const verb = reportedVerb(req, info)
  const dryRun = reportedDryRun(req)
  const scope = reportedScope(info)
  if (info?.isResourceRequest !== true) return { verb, dryRun, group: '', version: '', resource: '', subresource: path, scope }
  return { verb, dryRun, group: info.apiGroup, version: info.apiVersion, resource: info.resource, subresource: info.subresource, scope }
}
