import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import { muxErrorMessage } from '../director/mux-error.js'
import { type PathMux, unlistedHandle, unlistedHandlePrefix } from '../director/path-mux.js'
import type { GenericServer } from './generic-server.js'
import { type LifecycleError, lifecycleError } from './lifecycle-error.js'
import { cpuProfileHandler } from './profiling/cpu-profile-handler.js'
import { heapHandler } from './profiling/heap-handler.js'
import { pprofIndex, pprofRedirect } from './profiling/pprof-index.js'
import { type ProfilingDeps, type ProfilingOptions, profilingDefaults, profilingDeps } from './profiling/profiling-options.js'

/**
 * Installs the profiling endpoints on the server's mux, unlisted (upstream `routes.Profiling{}.Install`,
 * which `installAPI` calls when `EnableProfiling`): `/debug/pprof` redirects to `/debug/pprof/`, the list
 * of profiles; `/debug/pprof/profile` records a CPU profile, `/debug/pprof/heap` a heap snapshot or a
 * sampling heap profile. The paths are long-running for the chain (no timeout, no in-flight seat) and
 * only `system:masters` may reach them under the bootstrap policy. Install it only when profiling is on.
 * @example
 * const server = pipe(newGenericServer({ name: 'api' }), E.chain((s) => installProfiling(s)), E.chain(prepareRun))
 */
export const installProfiling = (
  server: GenericServer,
  opts: ProfilingOptions = profilingDefaults,
  deps: ProfilingDeps = profilingDeps(server.deps.clock, server.deps.log),
): E.Either<LifecycleError, GenericServer> => {
  if (opts.contentionProfiling)
    deps.log({ level: 'info', msg: 'contention profiling has no node.js counterpart; --contention-profiling changes nothing' })
  const cpu = cpuProfileHandler(deps, opts)
  const index = pprofIndex({ heap: heapHandler(deps, opts) })
  const routes = (mux: PathMux) =>
    pipe(
      unlistedHandle('/debug/pprof', pprofRedirect)(mux),
      E.chain(unlistedHandlePrefix('/debug/pprof/', index)),
      E.chain(unlistedHandle('/debug/pprof/profile', cpu)),
    )
  return pipe(
    server.handler.mux.modify(routes),
    E.bimap(
      (e) => lifecycleError('MuxRefused', muxErrorMessage(e)),
      () => server,
    ),
  )
}
