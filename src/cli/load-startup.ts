import * as E from 'fp-ts/lib/Either.js'
import * as TE from 'fp-ts/lib/TaskEither.js'
import { sequenceS } from 'fp-ts/lib/Apply.js'
import { pipe } from 'fp-ts/lib/function.js'
import { ensureLogFile } from '../audit/log-backend.js'
import type { CompletedOptions } from '../config/options/complete-options.js'
import { type Problem, everyProblem, fileProblem } from '../config/problems.js'
import type { Deps } from '../core/deps.js'
import type { SecureServingInfo } from '../serve/secure-serving-info.js'
import { type AuditParts, loadAudit } from './audit-parts.js'
import type { AuditMetrics } from '../metrics/audit-metrics.js'
import { type LoadedSecurity, buildSecurity, readSecurityFiles } from './security-parts.js'
import { servingCertProblems } from './serving-cert-problems.js'
import { loadTracing } from './tracing-parts.js'
import type { TracingConfiguration } from '../config/tracing-configuration.js'
import type { FlowcontrolConfig } from '../flowcontrol/flowcontrol-config.js'
import { loadFlowcontrol } from './flowcontrol-parts.js'

/** What the server starts with once every file it names was read and found good. */
export interface Startup {
  readonly security: LoadedSecurity
  readonly audit: AuditParts
  /** The `--tracing-config-file` configuration; `undefined` without the flag. */
  readonly tracing: TracingConfiguration | undefined
  /** The API Priority and Fairness objects; `undefined` with `--enable-priority-and-fairness=false`. */
  readonly flowcontrol: FlowcontrolConfig | undefined
}

/**
 * Reads every file the flags name (serving and SNI certificates and the self-signed pair of `--cert-dir`,
 * token file, client and front-proxy CA bundles, RBAC policy, audit policy, tracing configuration, flowcontrol
 * configuration), all of them even when one is
 * bad, and reports every problem, each naming its flag and file (and line where there is one). Only when
 * all are good does anything start: the CA bundles are watched from then on. With a good audit policy, the
 * audit log file is created as upstream's `ensureLogFile` does, so a path that cannot be is a problem too.
 */
export const loadStartup = (
  o: CompletedOptions,
  serving: SecureServingInfo,
  deps: Deps,
  auditMetrics?: AuditMetrics,
): TE.TaskEither<ReadonlyArray<Problem>, Startup> =>
  pipe(
    sequenceS(everyProblem)({
      certs: TE.fromIOEither(() => noProblems(servingCertProblems(serving, o.completed.selfSignedRequest, deps))),
      security: readSecurityFiles(o, deps),
      audit: pipe(
        loadAudit(o.audit, deps, auditMetrics),
        TE.mapLeft(auditProblems(o.audit.policyFile)),
        TE.chainFirstEitherK(auditLogProblems(o.audit.logPath)),
      ),
      tracing: loadTracing(o.traces.configFile),
      flowcontrol: loadFlowcontrol(o),
    }),
    TE.map(({ security, audit, tracing, flowcontrol }) => ({ security: buildSecurity(o, security, deps), audit, tracing, flowcontrol })),
  )

/** Upstream's `ensureLogFile` for an audit log in use: a file that cannot be created is a problem of `--audit-log-path`. */
const auditLogProblems =
  (file: string) =>
  (parts: AuditParts): E.Either<ReadonlyArray<Problem>, void> =>
    parts === undefined
      ? E.right(undefined)
      : pipe(
          ensureLogFile(file),
          E.mapLeft((e) => [fileProblem('--audit-log-path', file, `unable to create the audit log: ${e.message}`)]),
        )

const noProblems = (problems: ReadonlyArray<Problem>): E.Either<ReadonlyArray<Problem>, void> =>
  problems.length === 0 ? E.right(undefined) : E.left(problems)

/** `loadAudit` reports one `<file>: <problem>` line per problem; each becomes a problem of `--audit-policy-file`. */
const auditProblems =
  (file: string) =>
  (text: string): ReadonlyArray<Problem> =>
    text
      .split('\n')
      .map((line) => fileProblem('--audit-policy-file', file, line.startsWith(`${file}: `) ? line.slice(file.length + 2) : line))
