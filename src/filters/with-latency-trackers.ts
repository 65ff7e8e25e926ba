import * as O from 'fp-ts/lib/Option.js'
import { type Deps, type Filter, type Request, type Step, attr, get, plainError, put, step, toResponse } from '../core/index.js'
import { requestInfoKey } from '../request/index.js'

/**
 * How long each layer of one request took, in milliseconds, summed over every `trackLatency` call for that
 * layer (`authentication`, `authorization`, `apf_queue_wait`, `etcd`, ...). Read by audit for its
 * `apiserver.latency.k8s.io/*` annotations. Mutable on purpose: one small record per request, no copies.
 */
export interface LatencyTrackers {
  readonly durationsMs: Record<string, number>
}

/** The request's latency trackers; set by `latency-trackers` for every request but watches. */
export const latencyTrackersKey = attr<LatencyTrackers>('LatencyTrackers')

/**
 * Adds `ms` to `layer`'s duration in the request's trackers; does nothing without trackers.
 * @example
 * const started = deps.clock.now()
 * // ... authenticate ...
 * trackLatency(req, 'authentication', deps.clock.now() - started)
 */
export const trackLatency = (req: Request, layer: string, ms: number): void => {
  const trackers = get(req, latencyTrackersKey)
  if (O.isNone(trackers)) return
  const durations = trackers.value.durationsMs
  durations[layer] = (durations[layer] ?? 0) + ms
}

/**
 * Gives each request a fresh `LatencyTrackers` record (upstream `WithLatencyTrackers`); watches get none,
 * as upstream. Without RequestInfo it answers upstream's 500 text `Error - no RequestInfo found in context,
 * handler chain must be wrong: "<RequestURI>"` and logs it.
 * Port note: upstream also wraps the response writer to time body writes; bodies are written by the adapter
 * here, so there is no `response_write` entry.
 * @example
 * const handler = withLatencyTrackers(defaultDeps)(inner)
 */
export const withLatencyTrackers =
  (deps: Pick<Deps, 'log'>): Filter =>
  (next) =>
  (req) => {
    const info = get(req, requestInfoKey)
    if (O.isNone(info)) {
      deps.log({ level: 'error', msg: noRequestInfo, fields: { method: req.method, URI: req.url } })
      return toResponse(plainError(500, `Error - ${noRequestInfo}: ${JSON.stringify(req.url)}`))
    }
    if (info.value.verb === 'watch') return next(req)
    return next(put(req, latencyTrackersKey, { durationsMs: Object.create(null) as Record<string, number> }))
  }

/** The `latency-trackers` step: needs `RequestInfo`, provides `LatencyTrackers`. */
export const latencyTrackersStep = (deps: Pick<Deps, 'log'>): Step =>
  step('latency-trackers', withLatencyTrackers(deps), { needs: [requestInfoKey], provides: [latencyTrackersKey] })

const noRequestInfo = 'no RequestInfo found in context, handler chain must be wrong'
