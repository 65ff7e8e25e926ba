import { networkInterfaces } from 'node:os'
import * as E from 'fp-ts/lib/Either.js'
import * as T from 'fp-ts/lib/Task.js'
import * as TE from 'fp-ts/lib/TaskEither.js'
import { pipe } from 'fp-ts/lib/function.js'
import { secureChain } from '../chains/secure-chain.js'
import type { CompletedOptions } from '../config/options/complete-options.js'
import { formatProblems } from '../config/problems.js'
import type { Deps, Verbosity } from '../core/index.js'
import { exampleApi } from '../example-api/example-api.js'
import { type GenericServer, newGenericServer } from '../lifecycle/generic-server.js'
import type { ObjectCount } from '../flowcontrol/estimate-request-work.js'
import { installApfDebug } from '../lifecycle/install-apf-debug.js'
import { installDebugFlags } from '../lifecycle/install-debug-flags.js'
import { installProfiling } from '../lifecycle/install-profiling.js'
import type { LifecycleError } from '../lifecycle/lifecycle-error.js'
import { type ApiServerMetrics, newApiServerMetrics } from '../metrics/api-server-metrics.js'
import { prepareRun } from '../lifecycle/prepare-run.js'
import { profilingDefaults } from '../lifecycle/profiling/profiling-options.js'
import { run } from '../lifecycle/run.js'
import type { TracingSdk } from '../lifecycle/tracer-provider.js'
import type { ServeFn } from '../lifecycle/serve-fn.js'
import { serveSecurely } from '../serve/serve-securely.js'
import type { Serving } from '../serve/serving.js'
import { banner } from './serve-banner.js'
import type { CliSettings } from './flags/flag-table-client.js'
import { helpText } from './flags/help-text.js'
import { parseServeCommand } from './flags/parse-serve-command.js'
import { serveFlagTable } from './flags/serve-flag-table.js'
import { kubeconfigFileProblems } from './kubeconfig-file.js'
import { type Startup, loadStartup } from './load-startup.js'
import { type ServeLogging, serveLogging } from './serve-logging.js'
import { type ServerSettings, serverSettings } from './server-settings.js'
import { addPostStartHook } from '../lifecycle/add-hooks.js'
import { type AdminTokenPlan, adminTokenPlan } from './admin-token-plan.js'
import { serveVersionRequest } from './flags/serve-version-request.js'
import { versionHelpRow, versionSource, versionText } from './version-flag.js'
import {
  type PriorityAndFairnessParts,
  priorityAndFairnessHook,
  priorityAndFairnessHookName,
  priorityAndFairnessParts,
} from './flowcontrol-parts.js'

/** Where `kubechain serve` writes, and the stop signal it runs until (production: `setupSignalHandler()`). */
export interface ServeIo {
  readonly out: (text: string) => void
  readonly err: (text: string) => void
  readonly stop: () => AbortSignal
  /** Effects to use; with it (and no `logLine`) entries go to its `log`, behind `-v`. */
  readonly deps?: Deps
  /** Takes the klog lines instead of stderr (specs). */
  readonly logLine?: (line: string) => void
  /**
   * Whether `out` is a terminal (production: `process.stdout.isTTY`): only then may the banner print a
   * generated admin token. Absent: not a terminal, so the token goes to a file (`adminTokenPlan`).
   */
  readonly terminal?: boolean
}

/**
 * `kubechain serve`: parses and validates the flags (every problem printed, exit 2), reads every file
 * they name: serving, SNI and `--cert-dir` certificates, token file, CA bundles, RBAC and audit policies
 * and the `--write-kubeconfig` target (every bad file printed, one line each naming the flag and the
 * file, exit 2), builds the secure chain over the example API (tracing through an OpenTelemetry SDK when
 * `--tracing-config-file` names one, flushed at shutdown), serves HTTPS (HTTP/2 and HTTP/1.1), writes
 * the kubeconfig and the admin token file (`adminTokenPlan`) once listening, and runs upstream's lifecycle
 * until `stop` aborts, then shuts down gracefully (exit 0; a serving failure exits 1). `--version` prints
 * the version and exits 0.
 * @example
 * process.exitCode = await runServe(['--secure-port=8443'], { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s), stop: setupSignalHandler })
 */
export const runServe = async (argv: ReadonlyArray<string>, io: ServeIo): Promise<number> => {
  const version = serveVersionRequest(argv)
  if (version !== 'false') return (io.out(versionText(version, versionSource())), 0)
  const parsed = parseServeCommand(argv, { interfaces: networkInterfaces })
  if (E.isLeft(parsed)) return (io.err(`${formatProblems(parsed.left)}\n`), 2)
  if (parsed.right.help) return (io.out(helpText(serveFlagTable, 'kubechain serve', 100, [versionHelpRow])), 0)
  const { options, cli } = parsed.right
  const settings = serverSettings(options)
  if (E.isLeft(settings)) return (io.err(`${formatProblems(settings.left)}\n`), 2)
  const logging = serveLogging(options.logs, io)
  const { deps } = logging
  const metrics = newApiServerMetrics()
  const loaded = await loadStartup(options, settings.right.serving, deps, metrics.audit)()
  const tokenPlan = adminTokenPlan({
    cli,
    tokenAuthFile: options.authentication.tokenAuthFile,
    certDir: options.secureServing.certDir,
    certDirChecked: options.completed.servingCert.selfSigned,
    terminal: io.terminal === true,
  })
  const problems = [
    ...(E.isLeft(loaded) ? loaded.left : []),
    ...(cli.writeKubeconfig === '' ? [] : kubeconfigFileProblems(cli.writeKubeconfig)),
    ...(E.isLeft(tokenPlan) ? tokenPlan.left : []),
  ]
  // Fatal errors: the log lines before them are written first, so none is lost or comes after them.
  if (E.isLeft(loaded) || E.isLeft(tokenPlan) || problems.length > 0)
    return (await logging.sink.flush(), io.err(`${formatProblems(problems)}\n`), 2)
  const stop = io.stop()
  const tracing = await tracingSdk(loaded.right, logging.deps)
  if (E.isLeft(tracing)) return (await logging.sink.flush(), io.err(`${tracing.left}\n`), 2)
  const result = await serve(
    {
      options,
      cli,
      settings: settings.right,
      startup: loaded.right,
      logging,
      io,
      metrics,
      tracing: tracing.right,
      tokenPlan: tokenPlan.right,
    },
    stop,
  )()
  if (E.isLeft(result)) return (await logging.sink.flush(), io.err(`${result.left}\n`), 1)
  await logging.sink.flush()
  return 0
}

/** Everything a run is made of once every flag and file was found good. */
interface Run {
  readonly options: CompletedOptions
  readonly cli: CliSettings
  readonly settings: ServerSettings
  readonly startup: Startup
  readonly logging: ServeLogging
  readonly io: ServeIo
  readonly metrics: ApiServerMetrics
  /** The OpenTelemetry SDK `--tracing-config-file` asks for; without it only the API's no-op tracing runs. */
  readonly tracing: TracingSdk | undefined
  /** Where the generated admin token goes. */
  readonly tokenPlan: AdminTokenPlan
}

/**
 * The SDK and its OTLP gRPC exporter, loaded only when a tracing configuration asks for them: they are
 * heavy to load, and a server without one runs the API's no-op tracing.
 */
const tracingSdk = async (startup: Startup, deps: Deps): Promise<E.Either<string, TracingSdk | undefined>> => {
  if (startup.tracing === undefined) return E.right(undefined)
  const { newTracingSdk } = await import('../lifecycle/tracer-provider.js')
  const cfg = startup.tracing
  return E.tryCatch(
    () => newTracingSdk(cfg, deps),
    (e) => `--tracing-config-file: the OpenTelemetry exporter refused the endpoint: ${e instanceof Error ? e.message : String(e)}`,
  )
}

/** The ConfigMaps a LIST of them reads at most; `undefined` (one seat) for every other resource. */
const configMapCount =
  (store: () => { readonly count: () => number }): ObjectCount =>
  (info) =>
    info.apiGroup === '' && info.resource === 'configmaps' ? store().count() : undefined

/** How long shutdown waits for queued spans to reach the collector. */
const tracingFlushMs = 5_000

const serve = (
  { options, cli, settings, startup, logging, io, metrics, tracing, tokenPlan }: Run,
  stop: AbortSignal,
): TE.TaskEither<string, void> => {
  const { deps } = logging
  const { security, audit } = startup
  const flowcontrol = startup.flowcontrol === undefined ? E.right(undefined) : priorityAndFairnessParts(startup.flowcontrol, options, deps)
  if (E.isLeft(flowcontrol)) return TE.left(flowcontrol.left)
  const apf = flowcontrol.right
  const parts = {
    ...security.parts,
    ...(audit === undefined ? {} : { audit }),
    // LISTs of ConfigMaps are as wide as the objects they read (upstream's work estimate by object count)
    ...(apf === undefined ? {} : { priorityAndFairness: { apf: apf.apf, objectCount: configMapCount(() => api.store) } }),
  }
  // On at every -v: the logger's V(3) check per request lets /debug/flags/v turn HTTP lines on at run time.
  const httpLogging = { enabled: true }
  const chainOptions = tracing === undefined ? { httpLogging } : { httpLogging, tracerProvider: tracing.provider }
  const announce = (s: Serving): void => io.out(banner(s, options, cli, { token: security.generatedAdminToken, plan: tokenPlan }))
  const serveFn: ServeFn = (handler, signal, timeout) =>
    pipe(
      serveSecurely(settings.serving, handler, timeout, signal, {
        log: deps.log,
        clock: deps.clock,
        selfSigned: options.completed.selfSignedRequest,
        tlsMetrics: metrics.tls,
      }),
      TE.map((s) => (announce(s), s)),
    )
  const api = exampleApi(deps, {
    version: versionSource(),
    authorizer: security.parts.authorizer,
    rulesResolver: security.rulesResolver,
    minRequestTimeoutSeconds: options.serverRun.minRequestTimeout,
    ...(apf === undefined ? {} : { flowcontrol: apf.served }),
  })
  return pipe(
    newGenericServer({
      name: 'kubechain',
      config: settings.lifecycle,
      deps,
      services: api.services,
      buildHandlerChain: (ctx) => secureChain(ctx, settings.config, parts, chainOptions),
      metrics,
      ...(apf === undefined ? {} : { apf: apf.apf }),
      metricsReset: options.features.enableProfiling,
      serve: serveFn,
      ...(audit === undefined ? {} : { auditBackend: audit.backend }),
    }),
    E.chain(withPriorityAndFairness(apf)),
    E.chain(withProfiling(options, logging.verbosity)),
    E.chain(prepareRun),
    TE.fromEither,
    TE.chain((prepared) => run(prepared, stop)),
    TE.mapLeft((e) => e.message),
    T.chainFirst(() => () => tracing?.shutdown(tracingFlushMs) ?? Promise.resolve()),
  )
}

/**
 * When API Priority and Fairness is on: starts its rebalancing after start (upstream's post-start hook)
 * and installs `/debug/api_priority_and_fairness/dump_*` (upstream installs them whenever APF is on).
 */
const withPriorityAndFairness =
  (apf: PriorityAndFairnessParts | undefined) =>
  (server: GenericServer): E.Either<LifecycleError, GenericServer> =>
    apf === undefined
      ? E.right(server)
      : pipe(
          addPostStartHook(server, priorityAndFairnessHookName, priorityAndFairnessHook(apf.apf)),
          E.chain(installApfDebug(() => apf.apf)),
        )

/**
 * Installs `/debug/pprof/` and `/debug/flags/v` when `--profiling` is on (upstream `installAPI`), before
 * the health endpoints.
 */
const withProfiling =
  (o: CompletedOptions, verbosity: Verbosity) =>
  (server: GenericServer): E.Either<LifecycleError, GenericServer> =>
    o.features.enableProfiling
      ? pipe(
          installProfiling(server, { ...profilingDefaults, contentionProfiling: o.features.enableContentionProfiling }),
          E.chain(installDebugFlags(verbosity)),
        )
      : E.right(server)
