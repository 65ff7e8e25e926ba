/**
 * What serving a request costs, in seats (upstream `request.WorkEstimate`): `initialSeats` while the handler
 * runs, then `finalSeats` for `additionalLatencyMs` after it returns (a write's watch fan-out).
 */
export interface WorkEstimate {
  readonly initialSeats: number
  readonly finalSeats: number
  readonly additionalLatencyMs: number
}

/** One seat, nothing after: the estimate of an ordinary request. */
export const oneSeat: WorkEstimate = { initialSeats: 1, finalSeats: 0, additionalLatencyMs: 0 }

/**
 * The service time a dispatch charges up front, in seconds; the charge is corrected by the measured time
 * when the request finishes (upstream's `estimatedServiceDuration`).
 */
export const estimatedServiceSeconds = 0.003

/** Seats a request holds from dispatch until its seats are released: the larger of its two phases. */
export const maxSeats = (w: WorkEstimate): number => Math.max(w.initialSeats, w.finalSeats)

/** The virtual work a dispatch charges its queue, in seat-seconds (upstream `totalWork`). */
export const totalWork = (w: WorkEstimate): number =>
  w.initialSeats * estimatedServiceSeconds + w.finalSeats * (w.additionalLatencyMs / 1000)

/** The most seats one request of a level may take (upstream): max(1, min(ceil(0.15 × nominalCL), ⌊nominalCL / handSize⌋)). */
export const maxSeatsForLevel = (nominalCL: number, handSize: number): number =>
  Math.max(1, Math.min(Math.ceil(nominalCL * 0.15), Math.floor(nominalCL / handSize)))

/**
 * Caps final seats at the concurrency limit and lengthens the latency so the final work is kept, as upstream
 * does at dispatch.
 */
export const capFinalSeats = (w: WorkEstimate, limit: number): WorkEstimate => {
  if (w.finalSeats <= limit || limit <= 0) return w
  return { ...w, finalSeats: limit, additionalLatencyMs: (w.finalSeats * w.additionalLatencyMs) / limit }
}
