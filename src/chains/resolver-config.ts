import type { Config } from '../config/server-config.js'
import type { RequestInfoResolverConfig } from '../request/request-info-resolver.js'

const trimSlashes = (s: string): string => s.replace(/^\/+|\/+$/g, '')

/**
 * The RequestInfo resolver's prefixes from a server Config (upstream `NewRequestInfoResolver`):
 * `apis` plus the legacy prefixes, slashes trimmed; the legacy prefixes are the groupless ones.
 */
export const requestInfoResolverConfig = (cfg: Pick<Config, 'legacyApiGroupPrefixes'>): RequestInfoResolverConfig => {
  const legacy = cfg.legacyApiGroupPrefixes.map(trimSlashes)
  return { apiPrefixes: [...new Set(['apis', ...legacy])], grouplessApiPrefixes: legacy }
}
