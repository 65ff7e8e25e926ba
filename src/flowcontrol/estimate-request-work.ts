import type { RequestInfo } from '../request/request-info.js'
import { oneSeat, type WorkEstimate } from './work-estimate.js'

/** How many objects a LIST would read (the store's count for the request's resource), or `undefined` when not known. */
export type ObjectCount = (info: RequestInfo) => number | undefined

/** Objects one seat covers when a LIST is estimated (upstream `objectsPerSeat`). */
export const objectsPerSeat = 100

/** Estimates the seats of one request within a level that allows at most `maxSeats`. */
export type WorkEstimator = (info: RequestInfo, maxSeats: number) => WorkEstimate

/**
 * Upstream's work estimator (`request/width.go`), the parts kubechain has: one seat by default; a LIST of
 * a collection (no name) whose object count is known is `ceil(count / 100)` seats, within 1 and the
 * level's maximum, its count taken as the objects read, as upstream counts a list served from its cache.
 * A LIST with an unknown count is one seat, as upstream does when its count is not found. Not done:
 * mutating requests' final seats for watch fan-out (kubechain has no watch count), so writes are one
 * seat with no additional latency.
 * @example
 * const estimate = workEstimator((info) => (info.resource === 'configmaps' ? 250 : undefined))
 * estimate(info, 10).initialSeats // 3 for a list of configmaps
 */
export const workEstimator = (objectCount?: ObjectCount): WorkEstimator => {
  if (objectCount === undefined) return () => oneSeat
  return (info, maxSeats) => {
    if (info.verb !== 'list' || info.name !== '') return oneSeat
    const count = objectCount(info)
    if (count === undefined) return oneSeat
    const seats = Math.min(Math.max(1, Math.ceil(count / objectsPerSeat)), Math.max(1, maxSeats))
    return seats === 1 ? oneSeat : { initialSeats: seats, finalSeats: 0, additionalLatencyMs: 0 }
  }
}
