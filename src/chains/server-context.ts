import { type Deps, defaultDeps } from '../core/deps.js'
import type { Chain } from '../core/step.js'
import { type LifecycleSignals, newLifecycleSignals } from '../sync/lifecycle-signals.js'
import { type ApiServerMetrics, newApiServerMetrics } from '../metrics/api-server-metrics.js'
import { type ChainRuntime, newChainRuntime } from './chain-runtime.js'
import type { ApfState } from '../flowcontrol/apf-state.js'

/**
 * What a server shares with the chain it serves: its deps, the chain runtime (wait groups and seats the
 * shutdown drains and metrics read) and its lifecycle signals (retry-after, watch termination and
 * mux-complete react to them). `newGenericServer` makes one and hands it to `buildHandlerChain`; every
 * chain builder takes it, so the chain a server serves is the chain its `run()` drains.
 */
export interface ServerContext {
  readonly deps: Deps
  readonly runtime: ChainRuntime
  readonly signals: LifecycleSignals
  /** The request series the chain records and `/metrics` serves (upstream's legacy registry, here per server). */
  readonly metrics: ApiServerMetrics
  /** The running API Priority and Fairness system the chain feeds, when it has one: the debug dumps read it. */
  readonly apf?: ApfState
}

/**
 * A fresh context as a server starts: empty wait groups, no signal fired. `newGenericServer` makes one
 * and fires its signals as it runs; `onSignal` hears each signal's name as it fires. Without `metrics`
 * the chain records into a registry of its own that nothing serves (no process metrics). `apf` is the
 * running APF system the chain's `priority-and-fairness` step feeds, kept for whoever reads it.
 * @example
 * const ctx = newServerContext(deps, (name) => console.log(name), newApiServerMetrics())
 */
export const newServerContext = (
  deps: Deps = defaultDeps,
  onSignal?: (name: string) => void,
  metrics?: ApiServerMetrics,
  apf?: ApfState,
): ServerContext => ({
  deps,
  runtime: newChainRuntime(deps.clock),
  signals: newLifecycleSignals(onSignal),
  metrics: metrics ?? newApiServerMetrics(undefined, { processMetrics: false }),
  ...(apf === undefined ? {} : { apf }),
})

/**
 * A context for a chain no GenericServer runs (a bare node listener, a spec): every path is installed, so
 * MuxAndDiscoveryComplete has fired and unknown paths stay 404; the shutdown signals fire only if you fire them.
 * @example
 * import { createServer } from 'node:http'
 * createServer(toNodeListener(buildSecureHandlerChain(inner, standaloneContext(), cfg, parts)))
 */
export const standaloneContext = (deps: Deps = defaultDeps): ServerContext => {
  const ctx = newServerContext(deps)
  ctx.signals.muxAndDiscoveryComplete.fire()
  return ctx
}

declare const builtFrom: unique symbol

/**
 * A chain built from the context `C`. The mark exists only in the types: `newGenericServer`'s
 * `buildHandlerChain` must return a `ServerChain` of the very context it was handed (its `C` is generic),
 * so a chain built from another context, from part of one, or from none does not type-check.
 */
export type ServerChain<C extends ServerContext = ServerContext> = Chain & { readonly [builtFrom]: C }

/**
 * What a server calls to make its chain: given the server's context, the chain built from it. Annotate a
 * named builder with this type (a `(ctx: ServerContext) => ...` is refused, as it could return any context's chain).
 * @example
 * const chainOf: ChainBuilder = (ctx) => secureChain(ctx, cfg, parts)
 */
export type ChainBuilder = <C extends ServerContext>(ctx: C) => ServerChain<C>

/**
 * Marks `steps` as built from `ctx`: for a hand-made chain whose steps use `ctx`'s runtime and signals
 * (`secureChain` and `insecureChain` mark their own).
 * @example
 * const chainOf: ChainBuilder = (ctx) => serverChain(ctx, [waitGroupStep(cfg.longRunningFunc, ctx.runtime.nonLongRunningRequestWaitGroup, ctx.deps)])
 */
export const serverChain = <C extends ServerContext>(_ctx: C, steps: Chain): ServerChain<C> => steps as ServerChain<C>
