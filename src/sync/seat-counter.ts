/**
 * A non-blocking counting semaphore with a high-water mark: upstream max-in-flight's buffered channel
 * (`select { case c <- true: ... default: reject }`) as a plain counter.
 */
export interface SeatCounter {
  /** Seats in all. */
  readonly limit: number
  /** Seats taken now. */
  readonly inFlight: () => number
  /** Takes a seat if one is free. */
  readonly tryAcquire: () => boolean
  /** Gives a seat back; throws when none is taken. */
  readonly release: () => void
  /** The most seats taken at once since the last call; starts the next period at the current count. */
  readonly takeWatermark: () => number
}

/**
 * Makes a SeatCounter with `limit` seats.
 * @example
 * const seats = newSeatCounter(400)
 * if (seats.tryAcquire()) seats.release()
 */
export const newSeatCounter = (limit: number): SeatCounter => {
  let taken = 0
  let watermark = 0
  return {
    limit,
    inFlight: () => taken,
    tryAcquire: () => {
      if (taken >= limit) return false
      taken += 1
      if (taken > watermark) watermark = taken
      return true
    },
    release: () => {
      if (taken === 0) throw new Error('seat released but none was taken')
      taken -= 1
    },
    takeWatermark: () => {
      const high = watermark
      watermark = taken
      return high
    },
  }
}
