import type { Registry } from 'prom-client'
import { type Handler, bytes, text } from '../core/index.js'

/**
 * Serves `registry` in Prometheus' text format with prom-client's content type (upstream's
 * `MetricsWithReset` / `SLIMetricsWithReset`, installed when profiling is on, as by default): `DELETE`
 * resets every series and answers `metrics reset`; any other method scrapes.
 * @example
 * const mux = pipe(newPathMux(), handle('/metrics', metricsHandler(newApiServerMetrics().registry)))
 */
export const metricsHandler = (registry: Registry): Handler => {
  const reset = text(200, 'metrics reset\n')
  return async (req) => {
    if (req.method === 'DELETE') {
      registry.resetMetrics()
      return reset
    }
    const body = await registry.metrics()
    return bytes(200, body, { 'content-type': registry.contentType })
  }
}
