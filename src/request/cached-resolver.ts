import type * as E from 'fp-ts/lib/Either.js'
import type { Request } from '../core/request.js'
import type { RequestInfoError } from './request-info-error.js'
import type { RequestInfo } from './request-info.js'

const longestCachedTarget = 512

/** A resolver over core Requests, as `resolveRequestInfo` builds. */
export type RequestResolver = (req: Request) => E.Either<RequestInfoError, RequestInfo>

/**
 * Remembers the answers of a pure resolver by method and target, up to `capacity` of them; when full
 * it starts again empty (no per-hit bookkeeping). API traffic repeats its targets, so a hit replaces
 * the path split and the rule walk with one map lookup. Targets are compared as received, so
 * the answer is the one the resolver gives for that exact target. Targets longer than 512 characters
 * are not kept, so the cache holds a bounded number of bytes whatever clients send.
 * @example
 * const requestInfoOf = cachedResolver(resolveRequestInfo(requestInfoResolverDefaults), 1024)
 */
export const cachedResolver = (resolve: RequestResolver, capacity: number): RequestResolver => {
  const byMethod = new Map<string, Map<string, E.Either<RequestInfoError, RequestInfo>>>()
  let size = 0
  return (req) => {
    let targets = byMethod.get(req.method)
    const hit = targets?.get(req.url)
    if (hit !== undefined) return hit
    const answer = resolve(req)
    if (req.url.length > longestCachedTarget) return answer
    if (size >= capacity) {
      byMethod.clear()
      size = 0
      targets = undefined
    }
    if (targets === undefined) byMethod.set(req.method, (targets = new Map()))
    targets.set(req.url, answer)
    size++
    return answer
  }
}
