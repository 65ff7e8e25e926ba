import type { Cancel } from '../core/clock.js'
import type { Deps } from '../core/deps.js'
import type { AuditEvent } from './event.js'

/** Counts audit events a backend could not keep and logs them without flooding the log. */
export interface DropReporter {
  /** Counts `events` as lost (`error`: why); logs at once if no line went out in the last interval, else within it. */
  readonly drop: (events: ReadonlyArray<AuditEvent>, error?: unknown) => void
  /** Events lost since the backend was made. */
  readonly count: () => number
  /** Logs what was lost since the last line now (at shutdown, so nothing waits on a timer). */
  readonly flush: () => void
}

/** One drop line per this interval at most; the lines between are summed into the next one. */
export const dropLogIntervalMs = 1_000

/**
 * Reports lost audit events as `msg` (level error) with the fields `backend`, `dropped` (events since
 * the last line), `droppedTotal`, the first lost event's `auditID` and `stage`, and its error if it
 * came with one (and hands each loss's size to `count`, for upstream's `apiserver_audit_error_total`): the first loss at once, later ones at most one line per `dropLogIntervalMs` (upstream
 * logs each event, which under a full buffer floods the log it is meant to warn in). A loss is never silent: every event is counted
 * at once, and is in a line `dropLogIntervalMs` later at the latest (the timer does not keep the
 * process alive) or at `flush`.
 * @example
 * const blocked = dropReporter('audit buffer queue blocked', 'buffered<log>', deps)
 * blocked.drop([event])
 */
export const dropReporter = (
  msg: string,
  backend: string,
  deps: Pick<Deps, 'clock' | 'log'>,
  count: (events: number) => void = ignore,
): DropReporter => {
  let total = 0
  let pending = 0
  let first: AuditEvent | undefined
  let error: unknown
  let lastLineAt = -Infinity
  let timer: Cancel | undefined
  const report = (): void => {
    timer = undefined
    if (first === undefined) return
    const fields = { backend, dropped: pending, droppedTotal: total, auditID: first.auditID, stage: first.stage }
    deps.log(error === undefined ? { level: 'error', msg, fields } : { level: 'error', msg, fields, error })
    pending = 0
    first = undefined
    error = undefined
    lastLineAt = deps.clock.now()
  }
  return {
    drop: (events, why) => {
      count(events.length)
      total += events.length
      pending += events.length
      if (first === undefined && events.length > 0) {
        first = events[0]
        error = why
      }
      if (timer !== undefined) return
      const wait = lastLineAt + dropLogIntervalMs - deps.clock.now()
      if (wait <= 0) report()
      else timer = deps.clock.setTimer(report, wait)
    },
    count: () => total,
    flush: () => {
      timer?.()
      report()
    },
  }
}

const ignore = (): void => undefined
