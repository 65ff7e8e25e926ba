import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import { muxErrorMessage } from '../director/mux-error.js'
import { addReadyzChecks } from './add-health-checks.js'
import type { GenericServer, HealthRegistries } from './generic-server.js'
import { installPathHandler } from './health/healthz.js'
import { shutdownCheck } from './health/latch-checks.js'
import { type LifecycleError, lifecycleError } from './lifecycle-error.js'

const install =
  (registry: keyof HealthRegistries, firstTimeHealthy?: () => void) =>
  (server: GenericServer): E.Either<LifecycleError, GenericServer> => {
    const path = `/${registry}`
    server.state.healthInstalled.add(path)
    return pipe(
      server.handler.mux.modify(
        installPathHandler(path, server.health[registry], server.deps.log, firstTimeHealthy, server.metrics.slis.observe),
      ),
      E.bimap(
        (e) => lifecycleError('MuxRefused', muxErrorMessage(e)),
        () => server,
      ),
    )
  }

/** Adds the `shutdown` readiness check; a refusal is only logged, as upstream. */
const withShutdownCheck = (server: GenericServer): GenericServer =>
  pipe(
    addReadyzChecks(server, [shutdownCheck(server.signals.shutdownInitiated)]),
    E.getOrElse((e) => {
      server.deps.log({ level: 'error', msg: `Failed to install readyz shutdown check ${e.message}` })
      return server
    }),
  )

/**
 * Installs `/healthz` and `/livez`, adds the `shutdown` readiness check (red from ShutdownInitiated on),
 * then installs `/readyz`, whose first success fires HasBeenReady (upstream `PrepareRun` steps 3–5).
 * Each endpoint and `<endpoint>/<check>` is a listed route on the server's mux; later additions to an
 * installed endpoint are refused. Every check a root path runs is observed in the server's SLIs
 * (`kubernetes_healthcheck`, `kubernetes_healthchecks_total`, served on `/metrics/slis`). Returns the server with its final checks.
 * @example
 * const installed = installHealth(server)
 */
export const installHealth = (server: GenericServer): E.Either<LifecycleError, GenericServer> =>
  pipe(
    install('healthz')(server),
    E.chain(install('livez')),
    E.map(withShutdownCheck),
    E.chain(install('readyz', server.signals.hasBeenReady.fire)),
  )
