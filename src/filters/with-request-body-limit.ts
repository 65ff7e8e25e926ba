import * as t from 'io-ts'
import { type Filter, identity } from '../core/handler.js'
import { type Request, header } from '../core/request.js'
import { type Step, step } from '../core/step.js'
import { toResponse } from '../core/status.js'
import { bodyTooLarge, canCloseConnection, maxPostHandlerReadBytes } from '../core/read-body.js'

/** Options of `withRequestBodyLimit`; 0 or less switches the filter off. */
export const RequestBodyLimitConfig = t.readonly(t.type({ maxRequestBodyBytes: t.number }))
export type RequestBodyLimitConfig = t.TypeOf<typeof RequestBodyLimitConfig>

/** Upstream's `MaxRequestBodyBytes` default: 3 MiB. */
export const requestBodyLimitDefaults: RequestBodyLimitConfig = { maxRequestBodyBytes: 3 * 1024 * 1024 }

/**
 * Answers 413 (`Request entity too large: limit is <n>`) without calling the inner handler when the
 * request declares a `Content-Length` over the limit. Bodies without a length (chunked) or with a lying
 * one are bounded where they are read, by `readBodyLimited`.
 * Port note: upstream has no such filter; its REST handlers read through `limitedReadBody` and answer the
 * same Status after reading limit+1 bytes. Here the answer comes before the body is read; like Go's server
 * with an unread body of 256 KiB or more, it carries `Connection: close` (HTTP/1).
 * @example
 * const limit = withRequestBodyLimit(requestBodyLimitDefaults)
 */
export const withRequestBodyLimit = (cfg: RequestBodyLimitConfig): Filter => {
  const limit = cfg.maxRequestBodyBytes
  if (!(limit > 0)) return identity
  const keepAlive = toResponse(bodyTooLarge(limit, false))
  const close = toResponse(bodyTooLarge(limit, true))
  return (next) => (req) => {
    const declared = declaredLength(req)
    if (declared === undefined || declared <= limit) return next(req)
    return declared >= maxPostHandlerReadBytes && canCloseConnection(req.raw) ? close : keepAlive
  }
}

/** The `request-body-limit` step. */
export const requestBodyLimitStep = (cfg: RequestBodyLimitConfig): Step => step('request-body-limit', withRequestBodyLimit(cfg))

/** The declared body length; `undefined` without a well-formed `Content-Length` (node rejects malformed ones). */
const declaredLength = (req: Request): number | undefined => {
  const v = header(req, 'content-length')
  return v !== undefined && /^[0-9]+$/.test(v) ? Number(v) : undefined
}
