import * as E from 'fp-ts/lib/Either.js'
import * as t from 'io-ts'
import { pipe } from 'fp-ts/lib/function.js'
import { type Filter, identity } from '../core/handler.js'
import { mapAnswer } from '../core/exit.js'
import { type Request, headerValues } from '../core/request.js'
import { type Response, type ResponseHeaders, empty } from '../core/response.js'
import { type Step, step } from '../core/step.js'
import { compileGoRegexp } from '../internal/go/go-regexp.js'

/** Options of `withCors` (upstream `WithCORS` arguments); an absent list means upstream's default. */
export const CorsConfig = t.readonly(
  t.intersection([
    t.type({ allowedOriginPatterns: t.readonlyArray(t.string), allowCredentials: t.string }),
    t.partial({
      allowedMethods: t.readonlyArray(t.string),
      allowedHeaders: t.readonlyArray(t.string),
      exposedHeaders: t.readonlyArray(t.string),
    }),
  ]),
)
export type CorsConfig = t.TypeOf<typeof CorsConfig>

/** Upstream's defaults: CORS off (no patterns), the default method/header lists, credentials `"true"` as the chain passes. */
export const corsDefaults = {
  allowedOriginPatterns: [],
  allowedMethods: ['POST', 'GET', 'OPTIONS', 'PUT', 'DELETE', 'PATCH'],
  allowedHeaders: [
    'Content-Type',
    'Content-Length',
    'Accept-Encoding',
    'X-CSRF-Token',
    'Authorization',
    'X-Requested-With',
    'If-Modified-Since',
  ],
  exposedHeaders: ['Date'],
  allowCredentials: 'true',
} as const satisfies CorsConfig

/** Upstream's `--cors-allowed-origins` help text, quoted in validation messages. */
export const corsAllowedOriginsHelpText =
  'List of allowed origins for CORS, comma separated. An allowed origin can be a regular expression to support subdomain matching. ' +
  'If this list is empty CORS will not be enabled. Please ensure each expression matches the entire hostname by anchoring to the start ' +
  "with '^' or including the '//' prefix, and by anchoring to the end with '$' or including the ':' port separator suffix. " +
  "Examples of valid expressions are '//example\\.com(:|$)' and '^https://example\\.com(:|$)'"

/**
 * Answers CORS for origins matching a pattern (Go regexps, unanchored): sets the `Access-Control-*` headers
 * and answers a preflight `OPTIONS` with 204 itself; other origins pass through untouched. No `Vary: Origin`.
 * Port note: Go sets the headers on the shared header map before calling the inner handler, so inner
 * values win; here they are added to the inner response where absent. A pattern that does not compile
 * throws at build time with upstream's fatal message (upstream exits); validate with `validateCorsAllowedOrigins`.
 * @example
 * const cors = withCors({ ...corsDefaults, allowedOriginPatterns: ['^https://example\\.com$'] })
 */
export const withCors = (cfg: CorsConfig): Filter => {
  if (cfg.allowedOriginPatterns.length === 0) return identity
  const patterns = compileOrigins(cfg.allowedOriginPatterns)
  const fixed = corsHeaders(cfg)
  const allowed = (origin: string): boolean => origin !== '' && patterns.some((re) => re.test(origin))
  return (next) => (req) => {
    const origin = originOf(req)
    if (!allowed(origin)) return next(req)
    if (req.method === 'OPTIONS') return empty(204, { 'access-control-allow-origin': origin, ...fixed })
    return mapAnswer(next, req, addCorsHeaders(origin, fixed), undefined)
  }
}

/** The `cors` step; it runs outside `authentication` so a preflight needs no credentials. */
export const corsStep = (cfg: CorsConfig): Step => step('cors', withCors(cfg), { outside: ['authentication'] })

/**
 * Upstream's `--cors-allowed-origins` validation, one message per bad pattern: empty, not compiling, or not
 * pinned to the start (`^` or `//`) and end (`$` or `:`) of the host (CVE-2022-1996).
 */
export const validateCorsAllowedOrigins = (patterns: ReadonlyArray<string>): ReadonlyArray<string> =>
  patterns.flatMap((p) => {
    if (p === '') return [`empty value in --cors-allowed-origins, help: ${corsAllowedOriginsHelpText}`]
    const problem = pipe(
      compileGoRegexp(p),
      E.fold(
        (err) => err,
        () => (pinsHost(p) ? undefined : 'regular expression does not pin to start/end of host in the origin header'),
      ),
    )
    return problem === undefined
      ? []
      : [`--cors-allowed-origins has an invalid regular expression: ${problem}, help: ${corsAllowedOriginsHelpText}`]
  })

const pinsHost = (p: string): boolean => (p.includes('^') || p.includes('//')) && (p.includes('$') || p.includes(':'))

const compileOrigins = (patterns: ReadonlyArray<string>): ReadonlyArray<RegExp> =>
  patterns.map((p) =>
    pipe(
      compileGoRegexp(p),
      E.getOrElseW((err) => {
        throw new Error(`Invalid CORS allowed origin, --cors-allowed-origins flag was set to ${patterns.join(',')} - ${err}`)
      }),
    ),
  )

const corsHeaders = (cfg: CorsConfig): ResponseHeaders => ({
  'access-control-allow-methods': (cfg.allowedMethods ?? corsDefaults.allowedMethods).join(', '),
  'access-control-allow-headers': (cfg.allowedHeaders ?? corsDefaults.allowedHeaders).join(', '),
  'access-control-expose-headers': (cfg.exposedHeaders ?? corsDefaults.exposedHeaders).join(', '),
  'access-control-allow-credentials': cfg.allowCredentials,
})

const addCorsHeaders =
  (origin: string, fixed: ResponseHeaders) =>
  (res: Response): Response => ({ ...res, headers: { 'access-control-allow-origin': origin, ...fixed, ...res.headers } })

/** The first `Origin` value, as Go's `Header.Get` (node joins repeated ones with `, `). */
const originOf = (req: Request): string => {
  const v = req.headers['origin']
  if (typeof v === 'string' && !v.includes(',')) return v
  return v === undefined ? '' : (headerValues(req, 'origin')[0] ?? '')
}
