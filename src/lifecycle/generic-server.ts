import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import { type ChainBuilder, type ServerContext, newServerContext } from '../chains/server-context.js'
import { type Deps, defaultDeps } from '../core/deps.js'
import type { ApiServerMetrics } from '../metrics/api-server-metrics.js'
import { type Handler, identity } from '../core/handler.js'
import { build } from '../core/step.js'
import { type ApiServerHandler, newApiServerHandler } from '../director/api-server-handler.js'
import { type DelegationTarget, emptyDelegate } from '../director/delegation-target.js'
import type { WebService } from '../director/director.js'
import { muxErrorMessage } from '../director/mux-error.js'
import type { PathMux } from '../director/path-mux.js'
import { addHealthChecks } from './add-health-checks.js'
import { type HealthCheck, pingCheck } from './health/health-check.js'
import { logCheck } from './health/log-check.js'
import type { PostStartHookEntry, PreShutdownHookEntry } from './hooks.js'
import type { Latch } from '../sync/latch.js'
import { type LifecycleConfig, lifecycleDefaults } from './lifecycle-config.js'
import { type LifecycleError, lifecycleError } from './lifecycle-error.js'
import { type RunState, newRunState } from './run-state.js'
import type { NotifyReadyFn, ServeFn } from './serve-fn.js'
import type { AuditBackendLifecycle } from './audit-backend-lifecycle.js'
import { systemdNotifyReady } from './systemd-notify.js'
import type { ApfState } from '../flowcontrol/apf-state.js'

/** The checks of the three health endpoints, in registration order. */
export interface HealthRegistries {
  readonly healthz: ReadonlyArray<HealthCheck>
  readonly livez: ReadonlyArray<HealthCheck>
  readonly readyz: ReadonlyArray<HealthCheck>
}

/**
 * A generic API server (upstream `GenericAPIServer`) as a value: its handlers, lifecycle signals,
 * checks, hooks and delegate. Registration functions return a new value; what happens while it runs
 * (hooks called, endpoints installed) is in `state`, shared by every value derived from one server.
 * It is a `DelegationTarget`, so it can be the delegate of the server in front of it, and it is the
 * `ServerContext` (deps, runtime, signals) its chain was built from, the one `run()` drains and fires.
 */
export interface GenericServer extends DelegationTarget, ServerContext {
  readonly _tag: 'GenericServer'
  readonly name: string
  readonly config: LifecycleConfig
  readonly handler: ApiServerHandler
  readonly health: HealthRegistries
  readonly postStartHooks: ReadonlyArray<PostStartHookEntry>
  readonly preShutdownHooks: ReadonlyArray<PreShutdownHookEntry>
  /** Signals that must all fire before MuxAndDiscoveryComplete, by latch name. */
  readonly muxAndDiscoveryCompleteSignals: ReadonlyArray<Latch>
  readonly delegate: DelegationTarget
  /** Starts serving; `undefined` runs the lifecycle without a listener. */
  readonly serve: ServeFn | undefined
  readonly notifyReady: NotifyReadyFn
  readonly auditBackend: AuditBackendLifecycle | undefined
  /** `DELETE /metrics` resets the series (`GenericServerOptions.metricsReset`). */
  readonly metricsReset: boolean
  readonly state: RunState
}

/** What a server is made of. Checks default to upstream's `ping` and `log` on each endpoint. */
export interface GenericServerOptions {
  readonly name: string
  readonly config?: LifecycleConfig
  readonly deps?: Deps
  readonly services?: ReadonlyArray<WebService>
  readonly mux?: PathMux
  readonly enableIndex?: boolean
  /** The next server (a GenericServer's hooks, checks and signals are merged) or a plain delegation target. */
  readonly delegate?: DelegationTarget
  /**
   * Makes the chain around the director from this server's context (deps, runtime, signals), e.g.
   * `(ctx) => secureChain(ctx, cfg, parts)`. It must return a chain built from the context it is given
   * (the types refuse any other), so the requests it serves are the ones shutdown waits for.
   */
  readonly buildHandlerChain?: ChainBuilder
  readonly healthzChecks?: ReadonlyArray<HealthCheck>
  readonly livezChecks?: ReadonlyArray<HealthCheck>
  readonly readyzChecks?: ReadonlyArray<HealthCheck>
  readonly muxAndDiscoveryCompleteSignals?: ReadonlyArray<Latch>
  readonly serve?: ServeFn
  readonly notifyReady?: NotifyReadyFn
  readonly auditBackend?: AuditBackendLifecycle
  /** Called with each lifecycle signal's name as it fires (a recorder, metrics). */
  readonly onSignal?: (name: string) => void
  /**
   * The series the chain records and `/metrics` serves (`newApiServerMetrics(registry)` to use an embedder's
   * registry); by default a registry of this server's own, without node's process metrics.
   */
  readonly metrics?: ApiServerMetrics
  /** The running API Priority and Fairness system its chain feeds; the server (its context) exposes it to the debug dumps. */
  readonly apf?: ApfState
  /**
   * Whether `DELETE /metrics` resets the series (upstream installs `MetricsWithReset` when profiling is on,
   * `DefaultMetrics` otherwise); off by default.
   */
  readonly metricsReset?: boolean
}

/** True for a GenericServer (rather than a plain delegation target). */
export const isGenericServer = (d: DelegationTarget): d is GenericServer => (d as Partial<GenericServer>)._tag === 'GenericServer'

/**
 * Makes a server (upstream `completedConfig.New`): builds its handlers over the delegate, then merges a
 * GenericServer delegate as upstream does: its post-start and pre-shutdown hooks are copied (the same
 * names are refused later), its /healthz checks join all three endpoints unless this server's
 * `healthzChecks` has one of that name, its mux-and-discovery signals are registered again. The server
 * makes its `ServerContext` once, hands it to `buildHandlerChain`, and is that context (`run()` drains it).
 * @example
 * const server = newGenericServer({
 *   name: 'kubechain',
 *   config: { ...lifecycleDefaults, shutdownDelayDuration: 5_000 },
 *   buildHandlerChain: (ctx) => secureChain(ctx, cfg, parts),
 *   serve: (handler, stop, timeout) => serveSecurely(servingInfo, handler, timeout, stop),
 * })
 */
export const newGenericServer = (opts: GenericServerOptions): E.Either<LifecycleError, GenericServer> => {
  const deps = opts.deps ?? defaultDeps
  const ctx = newServerContext(deps, signalObserver(deps, opts.onSignal), opts.metrics, opts.apf)
  const delegate = opts.delegate ?? emptyDelegate
  const chain = opts.buildHandlerChain === undefined ? identity : build(opts.buildHandlerChain(ctx))
  return pipe(
    newApiServerHandler({
      name: opts.name,
      services: opts.services,
      mux: opts.mux,
      delegate,
      enableIndex: opts.enableIndex,
      buildHandlerChain: chain,
    }),
    E.mapLeft((e) => lifecycleError('MuxRefused', muxErrorMessage(e))),
    E.map((handler) => base(opts, ctx, delegate, handler)),
    E.chain((server) => (isGenericServer(delegate) ? mergeDelegate(server, delegate, opts.healthzChecks) : E.right(server))),
  )
}

const defaultChecks = (deps: Deps): ReadonlyArray<HealthCheck> => [pingCheck, logCheck(deps.clock)]

const base = (opts: GenericServerOptions, ctx: ServerContext, delegate: DelegationTarget, handler: ApiServerHandler): GenericServer => {
  const checks = defaultChecks(ctx.deps)
  return {
    _tag: 'GenericServer',
    name: opts.name,
    config: opts.config ?? lifecycleDefaults,
    handler,
    unprotectedHandler: handler.director as Handler,
    listedPaths: handler.listedPaths,
    deps: ctx.deps,
    runtime: ctx.runtime,
    signals: ctx.signals,
    metrics: ctx.metrics,
    ...(ctx.apf === undefined ? {} : { apf: ctx.apf }),
    metricsReset: opts.metricsReset ?? false,
    health: { healthz: opts.healthzChecks ?? checks, livez: opts.livezChecks ?? checks, readyz: opts.readyzChecks ?? checks },
    postStartHooks: [],
    preShutdownHooks: [],
    muxAndDiscoveryCompleteSignals: opts.muxAndDiscoveryCompleteSignals ?? [],
    delegate,
    serve: opts.serve,
    notifyReady: opts.notifyReady ?? (() => systemdNotifyReady()),
    auditBackend: opts.auditBackend,
    state: newRunState(),
  }
}

const mergeDelegate = (
  server: GenericServer,
  delegate: GenericServer,
  own: ReadonlyArray<HealthCheck> | undefined,
): E.Either<LifecycleError, GenericServer> => {
  const ownNames = new Set((own ?? server.health.healthz).map((c) => c.name))
  const merged: GenericServer = { ...server, postStartHooks: delegate.postStartHooks, preShutdownHooks: delegate.preShutdownHooks }
  return pipe(
    delegate.muxAndDiscoveryCompleteSignals.reduce(
      (acc, latch) => E.chain((s: GenericServer) => registerMuxAndDiscoveryCompleteSignal(s, latch))(acc),
      E.right(merged) as E.Either<LifecycleError, GenericServer>,
    ),
    E.chain((s) =>
      addHealthChecks(
        s,
        delegate.health.healthz.filter((c) => !ownNames.has(c.name)),
      ),
    ),
  )
}

/**
 * Adds a signal that must fire before this server's MuxAndDiscoveryComplete (upstream
 * `RegisterMuxAndDiscoveryCompleteSignal`); a name already registered is refused: `<name> already registered`.
 * @example
 * const next = registerMuxAndDiscoveryCompleteSignal(server, newLatch('CRDInformersSynced'))
 */
export const registerMuxAndDiscoveryCompleteSignal = (server: GenericServer, latch: Latch): E.Either<LifecycleError, GenericServer> =>
  server.muxAndDiscoveryCompleteSignals.some((l) => l.name === latch.name)
    ? E.left(lifecycleError('DuplicateSignal', `${latch.name} already registered`))
    : E.right({ ...server, muxAndDiscoveryCompleteSignals: [...server.muxAndDiscoveryCompleteSignals, latch] })

const shutdownEvents = new Set([
  'ShutdownInitiated',
  'AfterShutdownDelayDuration',
  'NotAcceptingNewRequest',
  'InFlightRequestsDrained',
  'HTTPServerStoppedListening',
])

const signalObserver =
  (deps: Deps, onSignal: ((name: string) => void) | undefined) =>
  (name: string): void => {
    if (shutdownEvents.has(name)) deps.log({ level: 'info', v: 1, msg: '[graceful-termination] shutdown event', fields: { name } })
    onSignal?.(name)
  }
