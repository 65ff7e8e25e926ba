import * as E from 'fp-ts/lib/Either.js'
import type { GenericServer, HealthRegistries } from './generic-server.js'
import { delayedCheck } from './health/delayed-check.js'
import type { HealthCheck } from './health/health-check.js'
import { type LifecycleError, lifecycleError } from './lifecycle-error.js'

type Registry = keyof HealthRegistries

const pathOf = (r: Registry): string => `/${r}`

/** `right(server with checks appended to registry)`, refused once that endpoint was installed. */
const addTo =
  (registry: Registry, checks: ReadonlyArray<HealthCheck>) =>
  (server: GenericServer): E.Either<LifecycleError, GenericServer> =>
    server.state.healthInstalled.has(pathOf(registry))
      ? E.left(lifecycleError('HealthInstalled', `unable to add because the ${pathOf(registry)} endpoint has already been created`))
      : E.right({ ...server, health: { ...server.health, [registry]: [...server.health[registry], ...checks] } })

const delayed = (server: GenericServer, delayMs: number, checks: ReadonlyArray<HealthCheck>): ReadonlyArray<HealthCheck> =>
  delayMs > 0 ? checks.map((c) => delayedCheck(c, server.deps.clock, delayMs)) : checks

/**
 * Adds checks to `/readyz` only (upstream `AddReadyzChecks`): the place for a dependency the process
 * cannot mend by restarting (a database, a downstream API). While it fails the pod leaves its Service's
 * endpoints and `/livez` stays ok, so the kubelet does not restart the container over an outage elsewhere.
 * @example
 * let dbReachable = true
 * const next = addReadyzChecks(server, [namedCheck('db', () => (dbReachable ? healthy : E.left('db not reachable')))])
 */
export const addReadyzChecks = (server: GenericServer, checks: ReadonlyArray<HealthCheck>): E.Either<LifecycleError, GenericServer> =>
  addTo('readyz', checks)(server)

/**
 * Adds checks to `/livez` only, reporting ok until `delayMs` after now (upstream `AddLivezChecks`): a
 * failure there restarts the container, so only a fault of the process itself belongs here.
 */
export const addLivezChecks = (
  server: GenericServer,
  delayMs: number,
  checks: ReadonlyArray<HealthCheck>,
): E.Either<LifecycleError, GenericServer> => addTo('livez', delayed(server, delayMs, checks))(server)

const addAll = (server: GenericServer, livezDelayMs: number, checks: ReadonlyArray<HealthCheck>): E.Either<LifecycleError, GenericServer> =>
  E.chain(addTo('readyz', checks))(E.chain(addTo('livez', delayed(server, livezDelayMs, checks)))(addTo('healthz', checks)(server)))

/**
 * Adds checks to `/healthz`, `/livez` and `/readyz`, without a livez grace period (upstream
 * `AddHealthChecks`); refused with upstream's message once an endpoint was installed. A failing check
 * here fails `/livez` too, which restarts the container: use it for faults a restart mends (a wedged
 * worker), and `addReadyzChecks` for dependencies such as a database.
 * @example
 * let workerAlive = true
 * const next = addHealthChecks(server, [namedCheck('worker', () => (workerAlive ? healthy : E.left('worker stalled')))])
 */
export const addHealthChecks = (server: GenericServer, checks: ReadonlyArray<HealthCheck>): E.Either<LifecycleError, GenericServer> =>
  addAll(server, 0, checks)

/** Like `addHealthChecks`, with the config's livez grace period on `/livez` (upstream `AddBootSequenceHealthChecks`). */
export const addBootSequenceHealthChecks = (
  server: GenericServer,
  checks: ReadonlyArray<HealthCheck>,
): E.Either<LifecycleError, GenericServer> => addAll(server, server.config.livezGracePeriod, checks)
