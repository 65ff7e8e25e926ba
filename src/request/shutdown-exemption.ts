import { type Request, header } from '../core/request.js'

/** Health probes and metrics scraping are served during shutdown (plain string prefixes of the path). */
const exemptPathPrefixes: ReadonlyArray<string> = ['/readyz', '/livez', '/healthz', '/metrics']

/** The User-Agent prefix of the server's own loopback client. */
const loopbackUserAgentPrefix = 'kube-apiserver/'

/**
 * Upstream's `isRequestExemptFromRetryAfter`: true for the loopback client (User-Agent starting with
 * `kube-apiserver/`) and for paths starting with `/readyz`, `/livez`, `/healthz` or `/metrics` (query
 * ignored). The retry-after and wait-group filters must both use this one predicate, or the wait group
 * could wait for requests the retry filter already rejected, or the other way round.
 * @example
 * isExemptFromShutdownRejection(req) // true for GET /readyz?verbose
 */
export const isExemptFromShutdownRejection = (req: Request): boolean => {
  const agent = header(req, 'user-agent')
  if (agent?.startsWith(loopbackUserAgentPrefix)) return true
  for (const prefix of exemptPathPrefixes) {
    if (req.path.startsWith(prefix)) return true
  }
  return false
}
