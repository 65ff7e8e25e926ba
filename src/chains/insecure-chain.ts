import { insecureSuperuserStep } from '../auth/insecure-superuser.js'
import type { Config } from '../config/server-config.js'
import { type Handler, build } from '../core/index.js'
import { cacheControlStep } from '../filters/with-cache-control.js'
import { corsDefaults, corsStep } from '../filters/with-cors.js'
import { maxInFlightStep } from '../filters/with-max-in-flight.js'
import { panicRecoveryStep } from '../filters/with-panic-recovery.js'
import { requestDeadlineStep } from '../filters/with-request-deadline.js'
import { requestInfoStep } from '../filters/with-request-info.js'
import { requestMetricsStep } from '../filters/with-request-metrics.js'
import { requestReceivedTimestampStep } from '../filters/with-request-received-timestamp.js'
import { timeoutStep } from '../filters/with-timeout.js'
import { waitGroupStep } from '../filters/with-wait-group.js'
import { warningRecorderStep } from '../filters/with-warning-recorder.js'
import { type ServerChain, type ServerContext, serverChain } from './server-context.js'
import { requestInfoResolverConfig } from './resolver-config.js'

/**
 * The insecure chain in run order (upstream's `BuildInsecureHandlerChain`, reference §1.3): panic
 * recovery, cache control, request facts, wait group, deadline and timeout, warnings, CORS, the insecure
 * superuser as authentication, max-in-flight, request metrics (`ctx.metrics`). No authorization, no impersonation; audit joins when an
 * audit backend exists. Two deliberate changes from the v1.20 chain, both forced by today's rules
 * (§1.2): the warning recorder runs inside the timeout, and the timeout gets its deadline from
 * `request-deadline` (with `request-received-timestamp`) instead of owning a timer. The steps use `ctx`'s
 * deps, wait group and seats, and the chain is marked as built from `ctx`.
 * @example
 * const server = newGenericServer({ name: 'api', mux: newPathMux(), buildHandlerChain: (ctx) => insecureChain(ctx, cfg) })
 */
export const insecureChain = <C extends ServerContext>(ctx: C, cfg: Config): ServerChain<C> => {
  const { deps, runtime } = ctx
  return serverChain(ctx, [
    panicRecoveryStep(deps),
    cacheControlStep(),
    requestReceivedTimestampStep(deps),
    requestInfoStep(requestInfoResolverConfig(cfg), deps),
    waitGroupStep(cfg.longRunningFunc, runtime.nonLongRunningRequestWaitGroup, deps),
    requestDeadlineStep({ requestTimeoutMs: cfg.requestTimeout }, cfg.longRunningFunc, deps),
    timeoutStep(cfg.longRunningFunc, deps, ctx.metrics),
    warningRecorderStep(deps),
    corsStep({ ...corsDefaults, allowedOriginPatterns: cfg.corsAllowedOriginList }),
    insecureSuperuserStep(),
    maxInFlightStep(cfg, cfg.longRunningFunc, deps, runtime.maxInFlightSeats(cfg), ctx.metrics),
    requestMetricsStep(ctx.metrics, cfg.longRunningFunc, deps),
  ])
}

/**
 * Builds the insecure chain around an API handler (upstream `BuildInsecureHandlerChain`), for a handler
 * served without a GenericServer (a server builds its chain from its own context).
 * @example
 * import { createServer } from 'node:http'
 * const cfg = newConfig({ maxRequestsInFlight: 100 })
 * if (E.isRight(cfg)) createServer(toNodeListener(buildInsecureHandlerChain(inner, standaloneContext(), cfg.right)))
 */
export const buildInsecureHandlerChain = (apiHandler: Handler, ctx: ServerContext, cfg: Config): Handler =>
  build(insecureChain(ctx, cfg))(apiHandler)
