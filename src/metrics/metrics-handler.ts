import type { Registry } from 'prom-client'
import { type Handler, bytes, text } from '../core/index.js'

/** prom-client's process and runtime series, which a reset leaves alone. */
const processSeries = /^(process|nodejs)_/

/**
 * Serves `registry` in Prometheus' text format with prom-client's content type. With `resettable`
 * (upstream's `MetricsWithReset` / `SLIMetricsWithReset`, installed when profiling is on) `DELETE` resets
 * the server's series and answers `metrics reset`; the process series (`process_*`, `nodejs_*`) are not
 * reset, as Go's process collector is not. Without it every method scrapes (upstream `DefaultMetrics`).
 * @example
 * const mux = pipe(newPathMux(), handle('/metrics', metricsHandler(newApiServerMetrics().registry)))
 */
export const metricsHandler = (registry: Registry, resettable = true): Handler => {
  const reset = text(200, 'metrics reset\n')
  return async (req) => {
    if (resettable && req.method === 'DELETE') {
      for (const { name } of registry.getMetricsAsArray()) if (!processSeries.test(name)) registry.getSingleMetric(name)?.reset()
      return reset
    }
    const body = await registry.metrics()
    return bytes(200, body, { 'content-type': registry.contentType })
  }
}
