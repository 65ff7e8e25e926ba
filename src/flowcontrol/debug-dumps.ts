import type { ApfState, RequestDescriptor, RunningLevel } from './apf-state.js'
import { goDuration, goZeroTime, rfc3339Nano, seatSeconds } from './debug-format.js'
import { alignTabs } from './debug-tabwriter.js'
import type { RequestView } from './queue-set-requests.js'

/** Upstream's `row`: columns joined by a comma and a tab, so the tabwriter aligns them. */
const row = (columns: ReadonlyArray<string>): string => columns.join(',\t')

const levelHeaders = [
  'PriorityLevelName',
  'ActiveQueues',
  'IsIdle',
  'IsQuiescing',
  'WaitingRequests',
  'ExecutingRequests',
  'DispatchedRequests',
  'RejectedRequests',
  'TimedoutRequests',
  'CancelledRequests',
]

const queueHeaders = [
  'PriorityLevelName',
  'Index',
  'PendingRequests',
  'ExecutingRequests',
  'SeatsInUse',
  'NextDispatchR',
  'InitialSeatsSum',
  'MaxSeatsSum',
  'TotalWorkSum',
]

const requestHeaders = [
  'PriorityLevelName',
  'FlowSchemaName',
  'QueueIndex',
  'RequestIndexInQueue',
  'FlowDistingsher', // sic: upstream's spelling
  'ArriveTime',
  'InitialSeats',
  'FinalSeats',
  'AdditionalLatency',
  'StartTime',
]

const detailHeaders = ['UserName', 'Verb', 'APIPath', 'Namespace', 'Name', 'APIVersion', 'Resource', 'SubResource']

/** The levels by name, sorted (upstream sorts the priority-level dump; the other two follow it here). */
const levelsOf = (state: ApfState): ReadonlyArray<RunningLevel> =>
  [...state.levels.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, level]) => level)

const table = (lines: ReadonlyArray<string>): string => alignTabs(lines.map((l) => `${l}\n`).join(''))

/**
 * `/debug/api_priority_and_fairness/dump_priority_levels`: one row per priority level, sorted by name,
 * with its active queues (those with a waiting request), whether it is idle, its waiting and executing
 * requests and its dispatched, rejected (`concurrency-limit` and `queue-full`), timed-out and cancelled
 * totals. Levels never quiesce here (configuration does not change at run time).
 */
export const dumpPriorityLevels = (state: ApfState): string =>
  table([
    row(levelHeaders),
    ...levelsOf(state).map((level) => {
      const s = level.queueSet.snapshot()
      return row([
        level.config.metadata.name,
        String(s.queues.filter((q) => q.waiting > 0).length),
        String(s.waiting === 0 && s.executing === 0),
        'false',
        String(s.waiting),
        String(s.executing),
        String(s.dispatched),
        String(s.rejected['concurrency-limit'] + s.rejected['queue-full']),
        String(s.rejected['time-out']),
        String(s.rejected.cancelled),
      ])
    }),
  ])

/**
 * `/debug/api_priority_and_fairness/dump_queues`: one row per queue of every queuing level, with its
 * pending and executing requests, seats in use, next dispatch in virtual time, and the sums over its
 * waiting requests (seat-seconds as upstream prints them, `0.00300000ss`).
 */
export const dumpQueues = (state: ApfState): string =>
  table([
    row(queueHeaders),
    ...levelsOf(state).flatMap((level) =>
      level.queueSet
        .snapshot()
        .queues.map((q, i) =>
          row([
            level.config.metadata.name,
            String(i),
            String(q.waiting),
            String(q.executing),
            String(q.seatsInUse),
            seatSeconds(q.nextDispatchR),
            String(q.initialSeatsSum),
            String(q.maxSeatsSum),
            seatSeconds(q.totalWorkSum),
          ]),
        ),
    ),
  ])

const details = (d: RequestDescriptor | undefined): ReadonlyArray<string> => {
  if (d === undefined) return detailHeaders.map(() => '')
  const group = d.apiGroup ?? ''
  const version = d.apiVersion ?? ''
  return [
    d.userName,
    d.verb,
    d.path,
    d.namespace ?? '',
    d.name ?? '',
    group === '' ? version : `${group}/${version}`,
    d.resource ?? '',
    d.subresource ?? '',
  ]
}

const requestRow = (level: string, queue: number, index: number, r: RequestView, withDetails: boolean): string =>
  row([
    level,
    r.descriptor?.flowSchema ?? '',
    String(queue),
    String(index),
    r.descriptor?.flowDistinguisher ?? '',
    rfc3339Nano(r.arrivedAt),
    String(r.initialSeats),
    String(r.finalSeats),
    goDuration(r.additionalLatencyMs),
    r.startedAt === undefined ? goZeroTime : rfc3339Nano(r.startedAt),
    ...(withDetails ? details(r.descriptor) : []),
  ])

const levelRequests = (level: RunningLevel, withDetails: boolean): ReadonlyArray<string> => {
  const name = level.config.metadata.name
  const { queues, queueless } = level.queueSet.requests()
  return [
    ...queues.flatMap((q, iq) => [
      ...q.waiting.map((r, ir) => requestRow(name, iq, ir, r, withDetails)),
      ...q.executing.map((r) => requestRow(name, iq, -1, r, withDetails)),
    ]),
    ...queueless.map((r) => requestRow(name, -1, -1, r, withDetails)),
  ]
}

/**
 * `/debug/api_priority_and_fairness/dump_requests`: one row per request, waiting (its queue and place)
 * then executing (place `-1`; queue `-1` outside any queue), with flow schema, distinguisher, arrival,
 * seats, additional latency and start (Go's zero time while waiting). With `includeRequestDetails` each
 * row goes on with the user, verb, path, namespace, name, group/version, resource and subresource.
 */
export const dumpRequests = (state: ApfState, includeRequestDetails: boolean): string =>
  table([
    row(includeRequestDetails ? [...requestHeaders, ...detailHeaders] : requestHeaders),
    ...levelsOf(state).flatMap((level) => levelRequests(level, includeRequestDetails)),
  ])
