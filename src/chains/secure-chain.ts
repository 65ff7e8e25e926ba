import { type TracerProvider, trace } from '@opentelemetry/api'
import type { Authenticator } from '../auth/authenticator.js'
import type { Authorizer } from '../auth/authorizer.js'
import type { AuditBackend } from '../audit/backend.js'
import type { PolicyEvaluator } from '../audit/policy-evaluator.js'
import type { AuditMetrics } from '../metrics/audit-metrics.js'
import type { Config } from '../config/server-config.js'
import { type Deps, type Handler, type Step, build } from '../core/index.js'
import { auditInitStep } from '../filters/with-audit-init.js'
import { auditStep } from '../filters/with-audit.js'
import {
  type AuthenticationConfig,
  authenticationDefaults,
  authenticationStep,
  unauthorizedHandler,
} from '../filters/with-authentication.js'
import { authorizationStep } from '../filters/with-authorization.js'
import { cacheControlStep } from '../filters/with-cache-control.js'
import { corsDefaults, corsStep } from '../filters/with-cors.js'
import { withFailedAuthenticationAudit } from '../filters/with-failed-authentication-audit.js'
import { goawayStep } from '../filters/with-goaway.js'
import { hstsStep } from '../filters/with-hsts.js'
import { type HttpLoggingConfig, httpLoggingDefaults, httpLoggingStep } from '../filters/with-http-logging.js'
import { impersonationStep } from '../filters/with-impersonation.js'
import { latencyTrackersStep } from '../filters/with-latency-trackers.js'
import { maxInFlightStep } from '../filters/with-max-in-flight.js'
import { priorityAndFairnessStep } from '../filters/with-priority-and-fairness.js'
import type { ApfRuntime } from '../flowcontrol/apf-runtime.js'
import type { ObjectCount } from '../flowcontrol/estimate-request-work.js'
import { muxAndDiscoveryCompleteStep } from '../filters/with-mux-and-discovery-complete.js'
import { panicRecoveryStep } from '../filters/with-panic-recovery.js'
import { mayRecord, withPhaseSpans } from '../filters/with-phase-span.js'
import { requestDeadlineStep } from '../filters/with-request-deadline.js'
import { requestInfoStep } from '../filters/with-request-info.js'
import { requestMetricsStep } from '../filters/with-request-metrics.js'
import { requestReceivedTimestampStep } from '../filters/with-request-received-timestamp.js'
import { retryAfterStep } from '../filters/with-retry-after.js'
import { timeoutStep } from '../filters/with-timeout.js'
import { tracingStep } from '../filters/with-tracing.js'
import { waitGroupStep } from '../filters/with-wait-group.js'
import { warningRecorderStep } from '../filters/with-warning-recorder.js'
import { watchTerminationStep } from '../filters/with-watch-termination.js'
import { type ServerChain, type ServerContext, serverChain } from './server-context.js'
import { requestInfoResolverConfig } from './resolver-config.js'

/** Who may do what, and what is recorded: the parts of upstream's `Config` that are behaviour, not data. */
export interface SecurityParts {
  readonly authenticator: Authenticator
  /** API audiences and the front-proxy headers to strip; upstream's defaults when left out. */
  readonly authentication?: AuthenticationConfig
  readonly authorizer: Authorizer
  /** Without it there is no audit step, as upstream without a backend. */
  readonly audit?: { readonly backend: AuditBackend; readonly policy: PolicyEvaluator }
  /**
   * API Priority and Fairness (`--enable-priority-and-fairness`): with it the `priority-and-fairness` step
   * takes max-in-flight's place, as upstream; `objectCount` widens LISTs by the objects they read.
   */
  readonly priorityAndFairness?: { readonly apf: ApfRuntime; readonly objectCount?: ObjectCount }
}

/** How the secure chain is built beyond config and security parts. */
export interface SecureChainOptions {
  /** HTTP request logging; upstream's default (on) when left out. */
  readonly httpLogging?: HttpLoggingConfig
  /**
   * Where request spans go; the API's global provider (`trace.getTracerProvider()`, a no-op until an SDK
   * registers one) when left out. Register a global SDK before building the chain, or pass its provider,
   * to get the phase spans too.
   */
  readonly tracerProvider?: TracerProvider
}

/**
 * The secure chain in run order (upstream `DefaultBuildHandlerChain`, reference §1.1). Steps that upstream
 * switches off by config are left out rather than built as identities: retry-after without
 * `shutdownSendRetryAfter`, HSTS without directives, GOAWAY at chance 0, watch termination without a grace
 * period, CORS without origins, audit without a backend. Tracing is always there (upstream's no-op provider
 * by default); audit, impersonation and authorization carry phase spans (upstream's `TrackStarted`), the
 * handler too, unless the provider is the API's global one with no SDK registered when the chain is built.
 * With `parts.priorityAndFairness`, `priority-and-fairness` runs where `max-in-flight` would. The steps use `ctx`'s deps, wait groups, seats, signals and metrics
 * (`request-metrics` records the request series innermost, where upstream's handlers record them), and the
 * chain is marked as built from `ctx`.
 * @example
 * const parts = { authenticator, authorizer: rbacAuthorizer(withBootstrapPolicy(noRbacObjects)) }
 * const server = newGenericServer({ name: 'api', mux: newPathMux(), buildHandlerChain: (ctx) => secureChain(ctx, cfg, parts) })
 */
export const secureChain = <C extends ServerContext>(
  ctx: C,
  cfg: Config,
  parts: SecurityParts,
  opts: SecureChainOptions = {},
): ServerChain<C> => {
  const { deps, runtime, signals } = ctx
  const longRunning = cfg.longRunningFunc
  const when = (on: boolean, s: () => Step): ReadonlyArray<Step> => (on ? [s()] : [])
  const tp = opts.tracerProvider ?? trace.getTracerProvider()
  const phase = mayRecord(tp) ? (s: Step, inner?: string): Step => withPhaseSpans(s, tp, deps, inner) : (s: Step): Step => s
  return serverChain(ctx, [
    auditInitStep(deps),
    panicRecoveryStep(deps),
    muxAndDiscoveryCompleteStep(signals.muxAndDiscoveryComplete),
    requestReceivedTimestampStep(deps),
    requestInfoStep(requestInfoResolverConfig(cfg), deps),
    latencyTrackersStep(deps),
    httpLoggingStep(opts.httpLogging ?? httpLoggingDefaults, deps),
    ...when(cfg.shutdownSendRetryAfter, () => retryAfterStep(signals.notAcceptingNewRequest)),
    ...when(cfg.hstsDirectives.length > 0, () => hstsStep({ directives: cfg.hstsDirectives })),
    cacheControlStep(),
    ...when(cfg.goawayChance > 0, () => goawayStep({ chance: cfg.goawayChance }, deps)),
    ...when(cfg.shutdownWatchTerminationGracePeriod > 0, () =>
      watchTerminationStep(
        { shutdownWatchTerminationGracePeriodMs: cfg.shutdownWatchTerminationGracePeriod },
        signals.notAcceptingNewRequest,
        runtime.watchRequestWaitGroup,
        deps,
      ),
    ),
    waitGroupStep(longRunning, runtime.nonLongRunningRequestWaitGroup, deps),
    requestDeadlineStep({ requestTimeoutMs: cfg.requestTimeout }, longRunning, deps),
    timeoutStep(longRunning, deps, ctx.metrics),
    warningRecorderStep(deps),
    ...when(cfg.corsAllowedOriginList.length > 0, () => corsStep({ ...corsDefaults, allowedOriginPatterns: cfg.corsAllowedOriginList })),
    authenticationStep(
      parts.authenticator,
      failedAuthentication(parts, deps, ctx.metrics.audit),
      parts.authentication ?? authenticationDefaults,
      deps,
      ctx.metrics.auth,
    ),
    tracingStep(tp, deps),
    ...(parts.audit === undefined ? [] : [phase(auditStep(parts.audit.backend, parts.audit.policy, longRunning, deps, ctx.metrics.audit))]),
    phase(impersonationStep(parts.authorizer, deps)),
    parts.priorityAndFairness === undefined
      ? maxInFlightStep(cfg, longRunning, deps, runtime.maxInFlightSeats(cfg), ctx.metrics)
      : priorityAndFairnessStep(parts.priorityAndFairness.apf, longRunning, deps, {
          requestTimeoutMs: cfg.requestTimeout,
          metrics: ctx.metrics,
          ...(parts.priorityAndFairness.objectCount === undefined ? {} : { objectCount: parts.priorityAndFairness.objectCount }),
        }),
    phase(authorizationStep(parts.authorizer, deps, ctx.metrics.auth), 'handler'),
    requestMetricsStep(ctx.metrics, longRunning, deps),
  ])
}

/**
 * Builds the secure chain around an API handler (upstream `BuildHandlerChainFunc` = `DefaultBuildHandlerChain`),
 * for a handler served without a GenericServer (a server builds its chain from its own context).
 * @example
 * import { createServer } from 'node:http'
 * createServer(toNodeListener(buildSecureHandlerChain(inner, standaloneContext(), cfg, parts)))
 */
export const buildSecureHandlerChain = (
  apiHandler: Handler,
  ctx: ServerContext,
  cfg: Config,
  parts: SecurityParts,
  opts: SecureChainOptions = {},
): Handler => build(secureChain(ctx, cfg, parts, opts))(apiHandler)

/** Upstream's failed handler: the 401, audited (`WithFailedAuthenticationAudit`) when there is an audit backend. */
const failedAuthentication = (parts: SecurityParts, deps: Deps, metrics: AuditMetrics): Handler => {
  const unauthorized = unauthorizedHandler(deps)
  return parts.audit === undefined
    ? unauthorized
    : withFailedAuthenticationAudit(unauthorized, parts.audit.backend, parts.audit.policy, deps, metrics)
}
