import * as t from 'io-ts'
import { type Filter, type Step, identity, mapResponse, setHeaderIfAbsent, step } from '../core/index.js'

/** Options of HSTS: the `Strict-Transport-Security` directives (`--strict-transport-security-directives`). */
export const HstsConfig = t.readonly(t.type({ directives: t.readonlyArray(t.string) }))
export type HstsConfig = t.TypeOf<typeof HstsConfig>

/** No directives: no header, like upstream by default. */
export const hstsDefaults: HstsConfig = { directives: [] }

/**
 * Sets `Strict-Transport-Security: <directives joined by "; ">` unless an inner handler already did
 * (upstream `WithHSTS`). Without directives it is the identity.
 * @example
 * const handler = withHsts({ directives: ['max-age=31536000', 'includeSubDomains', 'preload'] })(inner)
 * // responses carry `strict-transport-security: max-age=31536000; includeSubDomains; preload`
 */
export const withHsts = (cfg: HstsConfig): Filter => {
  if (cfg.directives.length === 0) return identity
  const value = cfg.directives.join('; ')
  return mapResponse(setHeaderIfAbsent('strict-transport-security', value))
}

/** The `hsts` step. */
export const hstsStep = (cfg: HstsConfig): Step => step('hsts', withHsts(cfg))

/**
 * Upstream's check of `--strict-transport-security-directives`: one message per bad directive; each must be
 * `includeSubDomains`, `preload` or `max-age=<x>`. Empty when all are valid.
 * @example
 * validateHstsDirectives(['max-age=31536000', 'preload']) // []
 * validateHstsDirectives([' ']) // ['empty value in strict-transport-security-directives']
 */
export const validateHstsDirectives = (directives: ReadonlyArray<string>): ReadonlyArray<string> =>
  directives.flatMap((d) => {
    if (d.trim() === '') return [emptyDirective]
    return d === 'includeSubDomains' || d === 'preload' || isMaxAge(d) ? [] : [invalidDirective]
  })

const isMaxAge = (d: string): boolean => {
  const parts = d.split('=')
  return parts.length === 2 && parts[0] === 'max-age'
}

const emptyDirective = 'empty value in strict-transport-security-directives'

const invalidDirective =
  '--strict-transport-security-directives invalid, allowed values: max-age=expireTime, includeSubDomains, preload. see https://tools.ietf.org/html/rfc6797#section-6.1 for more information'
