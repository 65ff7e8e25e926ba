import type { Answer, Handler } from '../core/handler.js'
import { type Exit, doneWith, exit } from '../core/exit.js'
import type { Request } from '../core/request.js'
import type { Response } from '../core/response.js'
import type { Dispatched } from '../flowcontrol/admission.js'
import type { SeatCounter } from '../sync/seat-counter.js'
import type { FlowRoute } from './priority-and-fairness-routes.js'

/** A dispatched request's seats and how its response is marked. */
interface Running {
  readonly release: () => void
  readonly mark: (res: Response) => Response
}

/** How a dispatched request runs: its seats, whether it is a WATCH, and its kind's count of executing requests. */
export interface How {
  readonly seats: number
  readonly isWatch: boolean
  readonly kind: SeatCounter
}

/**
 * Runs a request its level dispatched: counts it executing (its flow's cells, its kind's watermark) and
 * gives its seats back when its work is done, a WATCH's once its handler answered (upstream's
 * initialisation), marking the response with the flow's headers.
 */
export const runDispatched = (next: Handler, req: Request, r: FlowRoute, d: Dispatched, how: How): Answer => {
  const { cells } = r
  const { seats, kind } = how
  cells.dispatched(d.waitedMs / 1000)
  cells.executing.value += 1
  cells.executingSeats.value += seats
  kind.tryAcquire()
  const release = (): void => {
    d.finish()
    kind.release()
    cells.executing.value -= 1
    cells.executingSeats.value -= seats
  }
  return exit(next, req, how.isWatch ? untilAnswered : untilDone, { release, mark: r.mark })
}

/** Upstream's read-only verbs; every other verb counts as mutating in `apiserver_current_inflight_requests`. */
export const readOnlyVerbs: ReadonlySet<string> = new Set(['get', 'list', 'watch'])

/** Seats held until the work is done: a complete response at once, a stream when it ended. */
const untilDone: Exit<Running> = {
  answered: (res, c) => c.mark(doneWith(res, c.release)),
  defect: (error, c) => {
    c.release()
    throw error
  },
}

/** A WATCH holds its seats while it initialises: until its handler answered. */
const untilAnswered: Exit<Running> = {
  answered: (res, c) => (c.release(), c.mark(res)),
  defect: untilDone.defect,
}
