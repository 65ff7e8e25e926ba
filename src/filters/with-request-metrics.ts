import * as O from 'fp-ts/lib/Option.js'
import type { Deps } from '../core/deps.js'
import { type Exit, exit } from '../core/exit.js'
import type { Filter } from '../core/handler.js'
import { isAbortHandler } from '../core/abort-handler.js'
import { type Request, get } from '../core/request.js'
import { type Ended, type Response, isComplete, withFinalizer } from '../core/response.js'
import { type Step, step } from '../core/step.js'
import type { ApiServerMetrics } from '../metrics/api-server-metrics.js'
import { apiServerComponent } from '../metrics/request-labels.js'
import type { LongRunningRequestCheck } from '../request/long-running.js'
import { receivedTimestampKey } from '../request/index.js'
import { type RequestInfo, requestInfoKey } from '../request/request-info.js'

/**
 * The non-resource paths upstream instruments (`healthz.InstallPathHandler` wraps each root health path in
 * `InstrumentHandlerFunc` with component `''`); other non-resource paths are not counted, as upstream.
 */
export const instrumentedPaths: ReadonlyArray<string> = ['/healthz', '/livez', '/readyz']

/**
 * Records the request series of the requests the API handlers serve, as upstream's handlers record them
 * (`InstrumentRouteFunc`, `InstrumentHandlerFunc`, `RecordLongRunning`), from one step at the end of the
 * chain: a resource request, or a request for one of `paths`, counts once its work is done (`whenDone`'s
 * moment: at once for a complete response, when a stream ended), with the time since it was received. A
 * resource request the mux has no route for (its plain-text `404 page not found`) is not counted, as
 * upstream counts routed requests only. Long-running resource requests are in `apiserver_longrunning_requests`
 * while they run. A response cut off (`abortHandler`, or a non-long-running response whose writing was
 * aborted) is also counted in `apiserver_request_aborts_total`, as upstream's `WithPanicRecovery` counts
 * `http.ErrAbortHandler`. Requests refused before (401, 403, 429, 504) are counted where they are refused.
 * @example
 * const filter = withRequestMetrics(newApiServerMetrics(), basicLongRunningRequestCheck(['watch'], []), defaultDeps)
 */
export const withRequestMetrics = (
  metrics: ApiServerMetrics,
  longRunning: LongRunningRequestCheck,
  deps: Pick<Deps, 'clock'>,
  paths: ReadonlyArray<string> = instrumentedPaths,
): Filter => {
  const resources = metrics.monitor(apiServerComponent)
  const nonResources = metrics.monitor('')
  const instrumented = new Set(paths)
  const seconds = (req: Request): number => {
    const at = get(req, receivedTimestampKey)
    return O.isSome(at) ? (deps.clock.now() - at.value) / 1000 : 0
  }
  const record = (req: Request, res: Response, ended: Ended | 'answered'): void => {
    const info = infoOf(req) as RequestInfo
    if (info.isResourceRequest) {
      if (!isMuxNotFound(res)) resources(req, info, res, seconds(req))
      if (ended === 'aborted' && !longRunning(info)) metrics.aborted(req, info)
    } else nonResources(req, info, res, seconds(req))
  }
  const on: Exit<Request> = {
    answered: (res, req) => {
      if (isComplete(res)) {
        record(req, res, 'answered')
        return res
      }
      return withFinalizer(res, (ended) => record(req, res, ended))
    },
    defect: (error, req) => {
      if (isAbortHandler(error)) metrics.aborted(req, infoOf(req))
      throw error
    },
  }
  return (next) => (req) => {
    const info = infoOf(req)
    if (info === undefined || !(info.isResourceRequest || instrumented.has(info.path))) return next(req)
    if (!info.isResourceRequest || !longRunning(info)) return exit(next, req, on, req)
    return exit(next, req, tracked(on, metrics.longRunning(req, info)), req)
  }
}

/**
 * The `request-metrics` step: needs RequestInfo and ReceivedTimestamp (durations count from it; an unchecked
 * chain without it records 0); innermost, inside `authorization`, where upstream's handlers record.
 */
export const requestMetricsStep = (
  metrics: ApiServerMetrics,
  longRunning: LongRunningRequestCheck,
  deps: Pick<Deps, 'clock'>,
  paths?: ReadonlyArray<string>,
): Step =>
  step('request-metrics', withRequestMetrics(metrics, longRunning, deps, paths), {
    needs: [requestInfoKey, receivedTimestampKey],
    inside: ['authorization', 'max-in-flight', 'timeout'],
  })

const infoOf = (req: Request): RequestInfo | undefined => {
  const info = get(req, requestInfoKey)
  return O.isSome(info) ? info.value : undefined
}

/** Go's `http.NotFound` as the mux answers it: a 404 in plain text (API handlers answer 404 with a JSON Status). */
const isMuxNotFound = (res: Response): boolean => {
  if (res._tag !== 'Http' || res.status !== 404) return false
  const type = res.headers['content-type']
  return typeof type === 'string' && type.startsWith('text/plain')
}

/** `on` for a long-running request: its `apiserver_longrunning_requests` cell goes down once the work is done. */
const tracked = (on: Exit<Request>, cell: { value: number }): Exit<Request> => {
  const done = (): void => {
    cell.value -= 1
  }
  return {
    answered: (res, req) => {
      if (!isComplete(res)) return withFinalizer(on.answered(res, req), done)
      done()
      return on.answered(res, req)
    },
    defect: (error, req) => {
      done()
      return on.defect(error, req)
    },
  }
}
