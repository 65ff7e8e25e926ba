import { createRequire } from 'node:module'
import { networkInterfaces } from 'node:os'
import * as E from 'fp-ts/lib/Either.js'
import * as TE from 'fp-ts/lib/TaskEither.js'
import { pipe } from 'fp-ts/lib/function.js'
import { newChainRuntime } from '../chains/chain-runtime.js'
import { secureChain } from '../chains/secure-chain.js'
import type { CompletedOptions } from '../config/options/complete-options.js'
import { formatProblems } from '../config/problems.js'
import { type Deps, build, defaultDeps } from '../core/index.js'
import { exampleApi } from '../example-api/example-api.js'
import { newGenericServer } from '../lifecycle/generic-server.js'
import { prepareRun } from '../lifecycle/prepare-run.js'
import { run } from '../lifecycle/run.js'
import type { ServeFn } from '../lifecycle/serve-fn.js'
import { serveSecurely } from '../serve/serve-securely.js'
import type { Serving } from '../serve/serving.js'
import type { AuditParts } from './audit-parts.js'
import { helpText } from './flags/help-text.js'
import { parseServeCommand } from './flags/parse-serve-command.js'
import { serveFlagTable } from './flags/serve-flag-table.js'
import { loadStartup } from './load-startup.js'
import type { LoadedSecurity } from './security-parts.js'
import { type ServerSettings, serverSettings } from './server-settings.js'

/** Where `kubechain serve` writes, and the stop signal it runs until (production: `setupSignalHandler()`). */
export interface ServeIo {
  readonly out: (text: string) => void
  readonly err: (text: string) => void
  readonly stop: () => AbortSignal
  readonly deps?: Deps
}

/**
 * `kubechain serve`: parses and validates the flags (every problem printed, exit 2), reads every file
 * they name: serving, SNI and `--cert-dir` certificates, token file, CA bundles, RBAC and audit policies
 * (every bad file printed, one line each naming the flag and the file, exit 2), builds the secure chain
 * over the example API, serves HTTPS (HTTP/2 and HTTP/1.1) and runs upstream's lifecycle until `stop`
 * aborts, then shuts down gracefully (exit 0; a serving failure exits 1).
 * @example
 * process.exitCode = await runServe(['--secure-port=8443'], { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s), stop: setupSignalHandler })
 */
export const runServe = async (argv: ReadonlyArray<string>, io: ServeIo): Promise<number> => {
  const parsed = parseServeCommand(argv, { interfaces: networkInterfaces })
  if (E.isLeft(parsed)) return io.err(`${formatProblems(parsed.left)}\n`), 2
  if (parsed.right.help) return io.out(helpText(serveFlagTable)), 0
  const options = parsed.right.options
  const settings = serverSettings(options)
  if (E.isLeft(settings)) return io.err(`${formatProblems(settings.left)}\n`), 2
  const deps = io.deps ?? defaultDeps
  const loaded = await loadStartup(options, settings.right.serving, deps)()
  if (E.isLeft(loaded)) return io.err(`${formatProblems(loaded.left)}\n`), 2
  const stop = io.stop()
  const result = await serve(options, settings.right, loaded.right.security, loaded.right.audit, deps, io, stop)()
  if (E.isLeft(result)) return io.err(`${result.left}\n`), 1
  return 0
}

const serve = (
  options: CompletedOptions,
  settings: ServerSettings,
  security: LoadedSecurity,
  audit: AuditParts,
  deps: Deps,
  io: ServeIo,
  stop: AbortSignal,
): TE.TaskEither<string, void> => {
  const runtime = newChainRuntime(settings.config, deps.clock)
  const parts = audit === undefined ? security.parts : { ...security.parts, audit }
  const httpLogging = { enabled: options.logs.verbosity >= 3 }
  const announce = (s: Serving): void => io.out(banner(s, options, security.generatedAdminToken))
  const serveFn: ServeFn = (handler, signal, timeout) =>
    pipe(
      serveSecurely(settings.serving, handler, timeout, signal, { log: deps.log, clock: deps.clock, selfSigned: options.completed.selfSignedRequest }),
      TE.map((s) => (announce(s), s)),
    )
  const api = exampleApi(deps, { version: versionSource() })
  return pipe(
    newGenericServer({
      name: 'kubechain',
      config: settings.lifecycle,
      deps,
      services: api.services,
      runtime,
      buildHandlerChain: ({ signals }) => build(secureChain(settings.config, parts, { deps, runtime, signals, httpLogging })),
      serve: serveFn,
      ...(audit === undefined ? {} : { auditBackend: audit.backend }),
    }),
    E.chain(prepareRun),
    TE.fromEither,
    TE.chain((prepared) => run(prepared, stop)),
    TE.mapLeft((e) => e.message),
  )
}

const versionSource = () => ({
  packageVersion: (createRequire(import.meta.url)('../../package.json') as { version: string }).version,
  nodeVersion: process.version,
  platform: process.platform,
  arch: process.arch,
})

/** Where the server listens and how to reach it; the generated admin token is printed here, once. */
const banner = (s: Serving, o: CompletedOptions, token: string | undefined): string => {
  const host = s.address.host === '0.0.0.0' || s.address.host === '::' ? '127.0.0.1' : s.address.host
  const url = `https://${host.includes(':') ? `[${host}]` : host}:${s.address.port}`
  const cert = o.completed.servingCert.selfSigned ? `self-signed, kept in ${o.secureServing.certDir} (use curl -k, or trust its CA)` : o.secureServing.certFile
  const auth =
    token === undefined
      ? `  authenticate with a token from ${o.authentication.tokenAuthFile || 'your token file'} or a client certificate`
      : `  admin token (user kubechain-admin, group system:masters; printed only now):\n    ${token}`
  const bearer = token === undefined ? '<token>' : token
  return [
    `kubechain is serving on ${url} (HTTP/2 and HTTP/1.1)`,
    `  serving certificate: ${cert}`,
    auth,
    '  try:',
    `    curl -k '${url}/readyz?verbose'`,
    `    curl -k -H 'Authorization: Bearer ${bearer}' ${url}/api/v1/namespaces/default/configmaps`,
    '  stop with SIGTERM or Ctrl-C (graceful); a second signal exits at once',
    '',
  ].join('\n')
}
