import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import { type GenericServer, isGenericServer } from './generic-server.js'
import { installHealth } from './install-health.js'
import { installMetrics } from './install-metrics.js'
import type { LifecycleError } from './lifecycle-error.js'

/** A server whose health endpoints are installed: the only value `run` and `nonBlockingRun` accept. */
export interface PreparedServer {
  readonly _tag: 'PreparedServer'
  readonly server: GenericServer
}

/**
 * Upstream `PrepareRun`: prepares the delegate first (down the chain), then installs the health
 * endpoints of this server (`installHealth`) and its `/metrics` and `/metrics/slis` (`installMetrics`).
 * Effectful: it edits the servers' muxes.
 * @example
 * const prepared = prepareRun(server)
 * if (E.isRight(prepared)) await run(prepared.right, setupSignalHandler())()
 */
export const prepareRun = (server: GenericServer): E.Either<LifecycleError, PreparedServer> =>
  pipe(
    isGenericServer(server.delegate) ? E.map(() => undefined)(prepareRun(server.delegate)) : E.right(undefined),
    E.chain(() => installHealth(server)),
    E.chain(installMetrics),
    E.map((s): PreparedServer => ({ _tag: 'PreparedServer', server: s })),
  )
