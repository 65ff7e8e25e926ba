import * as t from 'io-ts'
import { type Filter, type Response, type Step, mapResponse, setHeaderIfAbsent, step } from '../core/index.js'

/** Options of the content-type filter: the `Content-Type` to give responses. */
export const ContentTypeConfig = t.readonly(t.type({ contentType: t.string }))
export type ContentTypeConfig = t.TypeOf<typeof ContentTypeConfig>

/**
 * Gives every response `Content-Type: <contentType>` and `X-Content-Type-Options: nosniff` (upstream
 * `WithContentType`, used around handlers that write raw bytes, e.g. OpenAPI). Upstream sets both before
 * calling next, so a value an inner handler sets wins: each is set here only when absent.
 * @example
 * const openapi = withContentType({ contentType: 'application/json' })(inner)
 */
export const withContentType = (cfg: ContentTypeConfig): Filter => {
  const contentType = setHeaderIfAbsent('content-type', cfg.contentType)
  const nosniff = setHeaderIfAbsent('x-content-type-options', 'nosniff')
  return mapResponse((res: Response) => nosniff(contentType(res)))
}

/** The `content-type` step. */
export const contentTypeStep = (cfg: ContentTypeConfig): Step => step('content-type', withContentType(cfg))
