export { type LifecycleSignals, lifecycleSignalNames, newLifecycleSignals } from '../sync/lifecycle-signals.js'
export { type LifecycleError, lifecycleError } from './lifecycle-error.js'
export { LifecycleConfig, lifecycleDefaults } from './lifecycle-config.js'
export type { ServeFn, NotifyReadyFn } from './serve-fn.js'
export type { AuditBackendLifecycle } from './audit-backend-lifecycle.js'
export {
  type HealthRegistries,
  type GenericServer,
  type GenericServerOptions,
  isGenericServer,
  newGenericServer,
  registerMuxAndDiscoveryCompleteSignal,
} from './generic-server.js'
export { addPostStartHook, addPreShutdownHook } from './add-hooks.js'
export { addReadyzChecks, addLivezChecks, addHealthChecks, addBootSequenceHealthChecks } from './add-health-checks.js'
export {
  type PostStartHookContext,
  type PostStartHook,
  type PreShutdownHook,
  type PostStartHookEntry,
  type PreShutdownHookEntry,
  runPostStartHooks,
  runPreShutdownHooks,
} from './hooks.js'
export { installHealth } from './install-health.js'
export { installDebugFlags, debugFlagRoutes } from './install-debug-flags.js'
export { type LogSink, type ExitProcess, fdLogSink } from './log-sink.js'
export { type PreparedServer, prepareRun } from './prepare-run.js'
export { nonBlockingRun } from './non-blocking-run.js'
export { run } from './run.js'
export { type SignalProcess, setupSignalHandler } from './signal-handler.js'
export { type NotifyEnv, systemdNotifyReady } from './systemd-notify.js'
export { type CheckResult, type HealthCheck, healthy, namedCheck, pingCheck, runCheck } from './health/health-check.js'
export { delayedCheck } from './health/delayed-check.js'
export { rootHealthHandler, checkHandler, installPathHandler } from './health/healthz.js'
export { shutdownCheck, postStartHookCheck } from './health/latch-checks.js'
export { logCheck } from './health/log-check.js'
export { installProfiling } from './install-profiling.js'
export {
  ProfilingOptions,
  type ProfilingDeps,
  type HeapSnapshot,
  profilingDefaults,
  profilingDeps,
  v8HeapSnapshot,
} from './profiling/profiling-options.js'
export { type InspectorSession, type OpenInspector, openInspector } from './profiling/inspector-session.js'
export { cpuProfileHandler } from './profiling/cpu-profile-handler.js'
export { heapHandler } from './profiling/heap-handler.js'
export { pprofIndex, pprofRedirect } from './profiling/pprof-index.js'
export { CallFrame, CpuProfile, ProfileNode } from './profiling/cpu-profile.js'
export { pprofProfile, toPprof } from './profiling/pprof-format.js'
export { installMetrics } from './install-metrics.js'
export type { ObserveCheck } from './health/healthz.js'
export { apfDebugPrefix, apfDebugRoutes, installApfDebug } from './install-apf-debug.js'
