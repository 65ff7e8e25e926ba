import { Registry, collectDefaultMetrics } from 'prom-client'
import { type Body, type Request, type Response, takeoverStatus } from '../core/index.js'
import type { RequestInfo } from '../request/request-info.js'
import { type Family, type HistogramCell, type ValueCell, observeHistogram } from './families.js'
import { type SliMetrics, newSliMetrics } from './sli-metrics.js'
import { type AuthMetrics, authMetrics } from './auth-metrics.js'
import { type AuditMetrics, auditMetrics } from './audit-metrics.js'
import { type TlsMetrics, tlsMetrics } from './tls-metrics.js'
import { type FlowcontrolMetrics, flowcontrolMetrics } from './flowcontrol-metrics.js'
import { type RequestSeries, requestSeries } from './request-series.js'
import { type RequestLabels, apiServerComponent, reportedVerb, requestLabels } from './request-labels.js'

/**
 * Records one finished request (upstream `MonitorRequest`): `apiserver_request_total` by `res`'s status,
 * `apiserver_request_duration_seconds` by `seconds`, and, for GET and LIST, `apiserver_response_sizes` by
 * the bytes of a one-piece body (a streamed body's size is not known here and is not observed). An
 * upgrade counts as code 101, a takeover with the status its listener sent (`takeoverStatus`; 0 if never handed over).
 */
export type Monitor = (req: Request, info: RequestInfo | undefined, res: Response, seconds: number) => void

/**
 * The generic server's request series in one prom-client `Registry`, and how the chain records them. Each
 * function stands for the upstream `metrics` function of the same purpose; labels are computed once per
 * RequestInfo (the request-info step hands out one object per method and target) and kept with it.
 */
export interface ApiServerMetrics {
  /** Where the series are registered; serve it on `/metrics` or merge it into an embedder's registry. */
  readonly registry: Registry
  /** A `Monitor` for `component` (upstream `InstrumentRouteFunc`'s recording); make it once per call site. */
  readonly monitor: (component: string) => Monitor
  /** Upstream `RecordDroppedRequest`: `apiserver_request_total` with code 429 for a request refused a seat. */
  readonly dropped: (req: Request, info: RequestInfo | undefined) => void
  /** Upstream `RecordRequestTermination`: `apiserver_request_terminations_total` by `code` (429, 504). */
  readonly terminated: (req: Request, info: RequestInfo | undefined, code: number) => void
  /** Upstream `RecordRequestAbort`: `apiserver_request_aborts_total` for a response cut off. */
  readonly aborted: (req: Request, info: RequestInfo | undefined) => void
  /** Upstream `RecordLongRunning`: the `apiserver_longrunning_requests` cell, already counted; subtract 1 when done. */
  readonly longRunning: (req: Request, info: RequestInfo | undefined) => ValueCell
  /**
   * Where `apiserver_current_inflight_requests` comes from (upstream `UpdateInflightRequestMetrics`, executing
   * phase): `sample` gives the most seats taken per kind since it was last called; each scrape calls it.
   * Port note: upstream samples every second in a post-start hook; here the period is the scrape interval.
   */
  readonly sampleInflight: (sample: () => InflightSample) => void
  /** The health-check SLIs, in their own registry (served on `/metrics/slis`). */
  readonly slis: SliMetrics
  /** Authentication and authorization series, recorded by those steps. */
  readonly auth: AuthMetrics
  /** Audit series, recorded by the audit steps and the audit backends. */
  readonly audit: AuditMetrics
  /** `apiserver_tls_handshake_errors_total`, recorded by secure serving. */
  readonly tls: TlsMetrics
  /** The `apiserver_flowcontrol_*` series, recorded by `priority-and-fairness`. */
  readonly flowcontrol: FlowcontrolMetrics
}

/** The most seats taken per request kind in a period (`request_kind` `readOnly` and `mutating`). */
export interface InflightSample {
  readonly readOnly: number
  readonly mutating: number
}

/** What `newApiServerMetrics` adds beyond upstream's series. */
export interface ApiServerMetricsOptions {
  /** prom-client's `collectDefaultMetrics` (the `process_*` and `nodejs_*` series); on by default. */
  readonly processMetrics?: boolean
  /** Where the SLIs go; a fresh registry by default. */
  readonly slis?: SliMetrics
}

/**
 * Defines upstream's request series (`k8s.io/apiserver/pkg/endpoints/metrics`) in `registry`: names, help
 * texts with their stability, labels and buckets as upstream, plus node's process metrics.
 * @example
 * const metrics = newApiServerMetrics()
 * const server = newGenericServer({ name: 'api', metrics })
 * await metrics.registry.metrics() // the Prometheus text /metrics serves
 */
export const newApiServerMetrics = (registry: Registry = new Registry(), opts: ApiServerMetricsOptions = {}): ApiServerMetrics => {
  let sample: (() => InflightSample) | undefined
  const s = requestSeries(registry, () => {
    if (sample === undefined) return
    const now = sample()
    s.currentInflight.child(['readOnly']).value = now.readOnly
    s.currentInflight.child(['mutating']).value = now.mutating
  })
  if (opts.processMetrics ?? true) collectDefaultMetrics({ register: registry })
  return {
    registry,
    slis: opts.slis ?? newSliMetrics(),
    auth: authMetrics(registry),
    audit: auditMetrics(registry),
    tls: tlsMetrics(registry),
    flowcontrol: flowcontrolMetrics(registry),
    monitor: (component) => monitor(s, component),
    dropped: (req, info) => {
      const l = requestLabels(req, info)
      const subresource = info?.isResourceRequest === true ? l.subresource : (info?.subresource ?? '')
      s.requestTotal.child([l.verb, l.dryRun, l.group, l.version, l.resource, subresource, l.scope, apiServerComponent, '429']).value += 1
    },
    terminated: (req, info, code) => {
      const l = requestLabels(req, info)
      s.terminations.child([...withoutDryRun(l), apiServerComponent, String(code)]).value += 1
    },
    aborted: (req, info) => {
      const l = requestLabels(req, info, '')
      s.aborts.child(withoutDryRun(l)).value += 1
    },
    longRunning: (req, info) => {
      const cell = s.longRunning.child([...withoutDryRun(requestLabels(req, info)), apiServerComponent])
      cell.value += 1
      return cell
    },
    sampleInflight: (f) => {
      sample = f
    },
  }
}

const withoutDryRun = (l: RequestLabels): ReadonlyArray<string> => [l.verb, l.group, l.version, l.resource, l.subresource, l.scope]

/** The cells of one label set: its duration and size children, and its counters by code. */
interface Entry {
  readonly labels: RequestLabels
  readonly duration: HistogramCell
  readonly size: HistogramCell | undefined
  readonly codes: Map<number, ValueCell>
  /** A PATCH is `APPLY` or `PATCH` by its content type: the entry of the other one, made on first use. */
  other: Entry | undefined
}

const monitor = (s: RequestSeries, component: string): Monitor => {
  const byInfo = new WeakMap<RequestInfo, Entry>()
  const entryOf = (req: Request, info: RequestInfo | undefined): Entry => {
    let e = info === undefined ? undefined : byInfo.get(info)
    if (e === undefined) {
      e = entry(s, component, requestLabels(req, info))
      if (info !== undefined) byInfo.set(info, e)
    }
    return e.labels.verb === 'PATCH' || e.labels.verb === 'APPLY' ? patchEntry(s, component, e, req, info) : e
  }
  return (req, info, res, seconds) => {
    const e = entryOf(req, info)
    const code = res._tag === 'Http' ? res.status : res._tag === 'Upgrade' ? 101 : (takeoverStatus(req.raw) ?? 0)
    let counter = e.codes.get(code)
    if (counter === undefined) {
      counter = counterOf(s.requestTotal, e.labels, component, code)
      e.codes.set(code, counter)
    }
    counter.value += 1
    observeHistogram(e.duration, seconds)
    if (e.size !== undefined && res._tag === 'Http' && res.body._tag !== 'Stream') observeHistogram(e.size, bodyBytes(res.body))
  }
}

const patchEntry = (s: RequestSeries, component: string, kept: Entry, req: Request, info: RequestInfo | undefined): Entry => {
  const verb = reportedVerb(req, info)
  if (verb === kept.labels.verb) return kept
  kept.other ??= entry(s, component, { ...kept.labels, verb })
  return kept.other
}

const entry = (s: RequestSeries, component: string, l: RequestLabels): Entry => ({
  labels: l,
  duration: s.duration.child([l.verb, l.dryRun, l.group, l.version, l.resource, l.subresource, l.scope, component]),
  size: l.verb === 'GET' || l.verb === 'LIST' ? s.sizes.child([...withoutDryRun(l), component]) : undefined,
  codes: new Map(),
  other: undefined,
})

const counterOf = (f: Family<ValueCell>, l: RequestLabels, component: string, code: number): ValueCell =>
  f.child([l.verb, l.dryRun, l.group, l.version, l.resource, l.subresource, l.scope, component, String(code)])

const bodyBytes = (body: Exclude<Body, { readonly _tag: 'Stream' }>): number => {
  if (body._tag === 'Empty') return 0
  return typeof body.value === 'string' ? Buffer.byteLength(body.value) : body.value.byteLength
}
