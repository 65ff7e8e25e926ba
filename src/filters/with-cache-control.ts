import { type Filter, type Step, mapResponse, setHeaderIfAbsent, step } from '../core/index.js'

/**
 * Sets `Cache-Control: no-cache, private` on every response that has no `Cache-Control` of its own
 * (upstream `WithCacheControl`), so no shared cache keeps API responses.
 * @example
 * const handler = withCacheControl(inner)
 */
export const withCacheControl: Filter = mapResponse(setHeaderIfAbsent('cache-control', 'no-cache, private'))

/** The `cache-control` step. */
export const cacheControlStep = (): Step => step('cache-control', withCacheControl)
