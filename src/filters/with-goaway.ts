import * as t from 'io-ts'
import { type Deps, type Filter, type RawRequest, type Step, identity, mapAnswer, setHeaderIfAbsent, step } from '../core/index.js'

/** Options of the probabilistic GOAWAY: the chance, 0 to 0.02, that an HTTP/2 response closes its connection. */
export const GoawayConfig = t.readonly(t.type({ chance: t.number }))
export type GoawayConfig = t.TypeOf<typeof GoawayConfig>

/** Off, like upstream's `--goaway-chance` default. */
export const goawayDefaults: GoawayConfig = { chance: 0 }

const closeConnection = setHeaderIfAbsent('connection', 'close')

/**
 * For HTTP/2 requests, with probability `chance` (`deps.random() < chance`), sets `Connection: close` on the
 * response, which the adapter turns into a GOAWAY so the client reconnects, perhaps to another server
 * behind the load balancer (upstream `WithProbabilisticGoaway`). The request itself is served normally;
 * HTTP/1 requests are never touched. A chance of 0 makes it the identity.
 * Port note: upstream sets the header before calling next, so an inner value wins; we set it when absent.
 * @example
 * const handler = withGoaway({ chance: 0.001 }, defaultDeps)(inner)
 */
export const withGoaway = (cfg: GoawayConfig, deps: Pick<Deps, 'random'>): Filter => {
  if (!(cfg.chance > 0)) return identity
  return (next) => (req) => (isHttp2(req.raw) && deps.random() < cfg.chance ? mapAnswer(next, req, closeConnection, undefined) : next(req))
}

/** The `goaway` step. */
export const goawayStep = (cfg: GoawayConfig, deps: Pick<Deps, 'random'>): Step => step('goaway', withGoaway(cfg, deps))

/**
 * Upstream's check of `--goaway-chance`: `[]` for 0 ≤ chance ≤ 0.02, else one message.
 * @example
 * validateGoawayChance(0.05) // ['--goaway-chance can not be less than 0 or greater than 0.02']
 */
export const validateGoawayChance = (chance: number): ReadonlyArray<string> =>
  chance >= 0 && chance <= 0.02 ? [] : ['--goaway-chance can not be less than 0 or greater than 0.02']

const isHttp2 = (raw: RawRequest | undefined): boolean => raw !== undefined && raw.httpVersionMajor === 2
