import * as E from 'fp-ts/lib/Either.js'
import * as t from 'io-ts'
import { type LongRunningRequestCheck, basicLongRunningRequestCheck, longRunningDefaults } from '../request/long-running.js'
import { FunctionValue, Millis, NonNegativeInt, NumberBetween } from './codecs.js'
import { decodeStrict } from './decode-strict.js'
import { validateCorsAllowedOrigins } from '../filters/with-cors.js'
import { validateHstsDirectives } from '../filters/with-hsts.js'
import { type ConfigError, type Problem, configError } from './problems.js'

/**
 * The chain-related part of upstream's server `Config` (`pkg/server/config.go`), fields in camelCase.
 * Durations are milliseconds; `minRequestTimeout` is seconds, as upstream.
 */
export const Config = t.readonly(
  t.type({
    maxRequestsInFlight: NonNegativeInt,
    maxMutatingRequestsInFlight: NonNegativeInt,
    requestTimeout: Millis,
    minRequestTimeout: NonNegativeInt,
    livezGracePeriod: Millis,
    shutdownDelayDuration: Millis,
    shutdownSendRetryAfter: t.boolean,
    shutdownWatchTerminationGracePeriod: Millis,
    goawayChance: NumberBetween(0, 0.02),
    corsAllowedOriginList: t.readonlyArray(t.string),
    hstsDirectives: t.readonlyArray(t.string),
    maxRequestBodyBytes: NonNegativeInt,
    legacyApiGroupPrefixes: t.readonlyArray(t.string),
    enableIndex: t.boolean,
    longRunningFunc: FunctionValue<LongRunningRequestCheck>('a function (RequestInfo) => boolean'),
  }),
)
export type Config = t.TypeOf<typeof Config>

/** Upstream's `NewConfig` defaults for these fields. */
export const configDefaults: Config = {
  maxRequestsInFlight: 400,
  maxMutatingRequestsInFlight: 200,
  requestTimeout: 60_000,
  minRequestTimeout: 1800,
  livezGracePeriod: 0,
  shutdownDelayDuration: 0,
  shutdownSendRetryAfter: false,
  shutdownWatchTerminationGracePeriod: 0,
  goawayChance: 0,
  corsAllowedOriginList: [],
  hstsDirectives: [],
  maxRequestBodyBytes: 3 * 1024 * 1024,
  legacyApiGroupPrefixes: ['/api'],
  enableIndex: true,
  longRunningFunc: basicLongRunningRequestCheck(longRunningDefaults.generic.verbs, longRunningDefaults.generic.subresources),
}

/**
 * Upstream's defaults with `overrides` applied; an unknown or ill-typed field, a CORS pattern that does
 * not compile or pin the host, or a bad HSTS directive is a Left naming it, every problem at once.
 * @example
 * const cfg = newConfig({ maxRequestsInFlight: 100, requestTimeout: 30_000 })
 */
export const newConfig = (overrides: unknown = {}): E.Either<ConfigError, Config> =>
  E.chain((cfg: Config) => {
    const problems = validateConfig(cfg)
    return problems.length === 0 ? E.right(cfg) : E.left(configError(problems))
  })(decodeStrict(Config, configDefaults, overrides))

/** What the types cannot say: CORS patterns that compile and pin the host, valid HSTS directives. */
const validateConfig = (cfg: Config): ReadonlyArray<Problem> => [
  ...validateCorsAllowedOrigins(cfg.corsAllowedOriginList).map((message) => ({ path: 'corsAllowedOriginList', message })),
  ...validateHstsDirectives(cfg.hstsDirectives).map((message) => ({ path: 'hstsDirectives', message })),
]
