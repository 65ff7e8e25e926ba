import { Registry } from 'prom-client'
import { type Family, type ValueCell, counterFamily, gaugeFamily } from './families.js'

/**
 * The component health SLIs (upstream `k8s.io/component-base/metrics/prometheus/slis`), served on
 * `/metrics/slis` from their own registry: `kubernetes_healthcheck{name,type}` (1 healthy, 0 not) and
 * `kubernetes_healthchecks_total{name,status,type}` (`success` or `error`), where `type` is the endpoint
 * (`healthz`, `livez`, `readyz`) and `name` the check.
 */
export interface SliMetrics {
  readonly registry: Registry
  /** Upstream `ObserveHealthcheck`: one check of endpoint `type` ran and passed (`ok`) or failed. */
  readonly observe: (name: string, type: string, ok: boolean) => void
}

/**
 * Registers the SLI series, and `process_start_time_seconds` as upstream's SLI registry does, in `registry`.
 * @example
 * const slis = newSliMetrics()
 * slis.observe('ping', 'readyz', true)
 */
export const newSliMetrics = (registry: Registry = new Registry(), startSeconds: number = performance.timeOrigin / 1000): SliMetrics => {
  const healthcheck = gaugeFamily(registry, {
    name: 'kubernetes_healthcheck',
    help: 'This metric records the result of a single healthcheck.',
    stability: 'STABLE',
    labelNames: ['name', 'type'],
  })
  const total = counterFamily(registry, {
    name: 'kubernetes_healthchecks_total',
    help: 'This metric records the results of all healthcheck.',
    stability: 'STABLE',
    labelNames: ['name', 'type', 'status'],
  })
  processStart(registry, startSeconds)
  return {
    registry,
    observe: (name, type, ok) => {
      healthcheck.child([name, type]).value = ok ? 1 : 0
      total.child([name, type, ok ? 'success' : 'error']).value += 1
    },
  }
}

const processStart = (registry: Registry, seconds: number): Family<ValueCell> => {
  let f: Family<ValueCell> | undefined
  f = gaugeFamily(registry, {
    beforeScrape: () => void (f!.child([]).value = seconds),
    name: 'process_start_time_seconds',
    help: 'Start time of the process since unix epoch in seconds.',
    stability: 'ALPHA',
    labelNames: [],
  })
  f.child([]).value = seconds
  return f
}
