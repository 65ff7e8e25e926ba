import type { Registry } from 'prom-client'
import { type Family, type HistogramCell, type ValueCell, counterFamily, gaugeFamily, histogramFamily } from './families.js'

/** The families of upstream's request series, as `requestSeries` registers them. */
export interface RequestSeries {
  readonly requestTotal: Family<ValueCell>
  readonly duration: Family<HistogramCell>
  readonly sizes: Family<HistogramCell>
  readonly currentInflight: Family<ValueCell>
  readonly longRunning: Family<ValueCell>
  readonly terminations: Family<ValueCell>
  readonly aborts: Family<ValueCell>
}

const byRequest = ['verb', 'group', 'version', 'resource', 'subresource', 'scope'] as const

/** Upstream's `apiserver_request_duration_seconds` buckets, chosen for its latency SLOs. */
export const requestDurationBuckets: ReadonlyArray<number> = [
  0.005, 0.025, 0.05, 0.1, 0.2, 0.4, 0.6, 0.8, 1.0, 1.25, 1.5, 2, 3, 4, 5, 6, 8, 10, 15, 20, 30, 45, 60,
]

/** Upstream's `apiserver_response_sizes` buckets: `ExponentialBuckets(1000, 10, 7)`, 1 kB to 1 GB. */
export const responseSizeBuckets: ReadonlyArray<number> = [1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9]

/**
 * Registers upstream's request series in `registry` (`k8s.io/apiserver/pkg/endpoints/metrics/metrics.go`):
 * the names, help texts, stability levels, label names and buckets are upstream's.
 */
export const requestSeries = (registry: Registry, beforeInflightScrape?: () => void): RequestSeries => ({
  requestTotal: counterFamily(registry, {
    name: 'apiserver_request_total',
    help: 'Counter of apiserver requests broken out for each verb, dry run value, group, version, resource, scope, component, and HTTP response code.',
    stability: 'STABLE',
    labelNames: ['verb', 'dry_run', 'group', 'version', 'resource', 'subresource', 'scope', 'component', 'code'],
  }),
  duration: histogramFamily(
    registry,
    {
      name: 'apiserver_request_duration_seconds',
      help: 'Response latency distribution in seconds for each verb, dry run value, group, version, resource, subresource, scope and component.',
      stability: 'STABLE',
      labelNames: ['verb', 'dry_run', 'group', 'version', 'resource', 'subresource', 'scope', 'component'],
    },
    requestDurationBuckets,
  ),
  sizes: histogramFamily(
    registry,
    {
      name: 'apiserver_response_sizes',
      help: 'Response size distribution in bytes for each group, version, verb, resource, subresource, scope and component.',
      stability: 'STABLE',
      labelNames: [...byRequest, 'component'],
    },
    responseSizeBuckets,
  ),
  currentInflight: gaugeFamily(registry, {
    name: 'apiserver_current_inflight_requests',
    help: 'Maximal number of currently used inflight request limit of this apiserver per request kind in last second.',
    stability: 'STABLE',
    labelNames: ['request_kind'],
    ...(beforeInflightScrape === undefined ? {} : { beforeScrape: beforeInflightScrape }),
  }),
  longRunning: gaugeFamily(registry, {
    name: 'apiserver_longrunning_requests',
    help: 'Gauge of all active long-running apiserver requests broken out by verb, group, version, resource, scope and component. Not all requests are tracked this way.',
    stability: 'STABLE',
    labelNames: [...byRequest, 'component'],
  }),
  terminations: counterFamily(registry, {
    name: 'apiserver_request_terminations_total',
    help: 'Number of requests which apiserver terminated in self-defense.',
    stability: 'ALPHA',
    labelNames: [...byRequest, 'component', 'code'],
  }),
  aborts: counterFamily(registry, {
    name: 'apiserver_request_aborts_total',
    help: 'Number of requests which apiserver aborted possibly due to a timeout, for each group, version, verb, resource, subresource and scope',
    stability: 'ALPHA',
    labelNames: [...byRequest],
  }),
})
