import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import { muxErrorMessage } from '../director/mux-error.js'
import { handle } from '../director/path-mux.js'
import { metricsHandler } from '../metrics/metrics-handler.js'
import type { GenericServer } from './generic-server.js'
import { type LifecycleError, lifecycleError } from './lifecycle-error.js'

/**
 * Installs `/metrics` (the server's `metrics.registry`) and `/metrics/slis` (its health-check SLIs) as
 * listed routes on the server's mux: a request scrapes in Prometheus' text format; with the server's
 * `metricsReset` (upstream `routes.MetricsWithReset` and `slis.SLIMetricsWithReset`, installed when
 * profiling is on) a DELETE resets instead (upstream `DefaultMetrics` otherwise). Who may read them is the authorizer's call: the bootstrap
 * policy lets the `system:monitoring` group `get` them. Servers that delegate to one another should share
 * one `metrics` (`newGenericServer({ metrics })`), since the outermost server's routes answer.
 * @example
 * const installed = installMetrics(server)
 */
export const installMetrics = (server: GenericServer): E.Either<LifecycleError, GenericServer> =>
  pipe(
    server.handler.mux.modify((mux) =>
      pipe(
        handle('/metrics', metricsHandler(server.metrics.registry, server.metricsReset))(mux),
        E.chain(handle('/metrics/slis', metricsHandler(server.metrics.slis.registry, server.metricsReset))),
      ),
    ),
    E.bimap(
      (e) => lifecycleError('MuxRefused', muxErrorMessage(e)),
      () => server,
    ),
  )
