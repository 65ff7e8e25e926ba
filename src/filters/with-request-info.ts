import * as E from 'fp-ts/lib/Either.js'
import { type Deps, type Filter, type Step, put, step } from '../core/index.js'
import { type RequestInfoResolverConfig, cachedResolver, requestInfoKey, resolveRequestInfo } from '../request/index.js'
import { internalErrorResponse } from '../core/internal-error-response.js'

/**
 * Resolves the request's RequestInfo and stores it under `requestInfoKey` (upstream `WithRequestInfo`); the
 * options are the resolver's (`RequestInfoResolverConfig`, `requestInfoResolverDefaults` in `src/request`).
 * Answers are remembered per method and target (`cachedResolver`). A request the resolver rejects gets upstream's `InternalError`: 500 text `Internal Server Error:
 * "<RequestURI>": failed to create RequestInfo: <err>` (`&`, `<`, `>` HTML-escaped), and the error is logged.
 * @example
 * const handler = withRequestInfo(requestInfoResolverDefaults, defaultDeps)(inner)
 */
export const withRequestInfo = (cfg: RequestInfoResolverConfig, deps: Pick<Deps, 'log'>): Filter => {
  const resolve = cachedResolver(resolveRequestInfo(cfg), resolvedTargetsKept)
  return (next) => (req) => {
    const info = resolve(req)
    if (E.isRight(info)) return next(put(req, requestInfoKey, info.right))
    return internalErrorResponse(req, `failed to create RequestInfo: ${info.left.message}`, deps.log)
  }
}

/** How many resolved targets a request-info filter remembers (a few hundred KiB at most). */
const resolvedTargetsKept = 1024

/** The `request-info` step; provides `RequestInfo` to every filter that reads it. */
export const requestInfoStep = (cfg: RequestInfoResolverConfig, deps: Pick<Deps, 'log'>): Step =>
  step('request-info', withRequestInfo(cfg, deps), { provides: [requestInfoKey] })
