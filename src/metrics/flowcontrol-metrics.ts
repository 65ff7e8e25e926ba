import type { Registry } from 'prom-client'
import {
  type Family,
  type HistogramCell,
  type ValueCell,
  counterFamily,
  gaugeFamily,
  histogramFamily,
  observeHistogram,
} from './families.js'

/** Why API Priority and Fairness turned a request away (upstream's `reason` label). */
export type FlowcontrolRejectReason = 'concurrency-limit' | 'queue-full' | 'time-out' | 'cancelled'

/**
 * The cells of one flow schema in its priority level, resolved once: the filter keeps them per schema
 * and records by adding to numbers.
 */
export interface FlowCells {
  /** A request was dispatched (`dispatched_requests_total`) after `waitedSeconds` in a queue (0 when it never queued). */
  readonly dispatched: (waitedSeconds: number) => void
  /** A request was rejected for `reason`; `waitedSeconds` when it had queued (`request_wait_duration_seconds`, execute `false`). */
  readonly rejected: (reason: FlowcontrolRejectReason, waitedSeconds: number | undefined) => void
  /** `current_inqueue_requests`: +1 when a request joins a queue, −1 when it leaves. */
  readonly inQueue: ValueCell
  /** `current_executing_requests`: +1 at dispatch, −1 when its seats are released. */
  readonly executing: ValueCell
  /** `current_executing_seats`: the seats of the executing requests. */
  readonly executingSeats: ValueCell
}

/** One level's limits as a scrape samples them. */
export interface LevelLimitSample {
  readonly priorityLevel: string
  readonly nominal: number
  readonly current: number
}

/** Upstream's `apiserver_flowcontrol_*` series the filter records (`pkg/util/flowcontrol/metrics`). */
export interface FlowcontrolMetrics {
  /** The cells of `flowSchema` in `priorityLevel`; make them once per schema, not per request. */
  readonly flow: (priorityLevel: string, flowSchema: string) => FlowCells
  /** Where `nominal_limit_seats` and `current_limit_seats` come from: each scrape calls `sample`. */
  readonly sampleLimits: (sample: () => ReadonlyArray<LevelLimitSample>) => void
}

/** Upstream's `request_wait_duration_seconds` buckets. */
export const flowcontrolWaitBuckets: ReadonlyArray<number> = [0, 0.005, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 15, 30]

const byFlow = ['priority_level', 'flow_schema'] as const

/**
 * Registers upstream's API Priority and Fairness series in `registry` (names, help texts, stability, label
 * order and buckets as upstream): rejected and dispatched totals, in-queue and executing requests,
 * executing seats, queue wait durations, and each level's nominal and current seat limits.
 * @example
 * import { Registry } from 'prom-client'
 * const metrics = flowcontrolMetrics(new Registry())
 * metrics.flow('workload-low', 'service-accounts').dispatched(0)
 */
export const flowcontrolMetrics = (registry: Registry): FlowcontrolMetrics => {
  const f = families(registry)
  let sample: (() => ReadonlyArray<LevelLimitSample>) | undefined
  f.onScrape = () => {
    for (const l of sample?.() ?? []) {
      f.nominal.child([l.priorityLevel]).value = l.nominal
      f.current.child([l.priorityLevel]).value = l.current
    }
  }
  return {
    flow: (level, schema) => flowCells(f, level, schema),
    sampleLimits: (s) => {
      sample = s
    },
  }
}

interface Families {
  readonly rejected: Family<ValueCell>
  readonly dispatched: Family<ValueCell>
  readonly inQueue: Family<ValueCell>
  readonly executing: Family<ValueCell>
  readonly seats: Family<ValueCell>
  readonly wait: Family<HistogramCell>
  readonly nominal: Family<ValueCell>
  readonly current: Family<ValueCell>
  onScrape: () => void
}

const flowCells = (f: Families, level: string, schema: string): FlowCells => {
  const dispatched = f.dispatched.child([level, schema])
  const waitedThenRan = f.wait.child([level, schema, 'true'])
  let waitedThenNot: HistogramCell | undefined
  const rejected = new Map<FlowcontrolRejectReason, ValueCell>()
  return {
    dispatched: (waitedSeconds) => {
      dispatched.value += 1
      observeHistogram(waitedThenRan, waitedSeconds)
    },
    rejected: (reason, waitedSeconds) => {
      let cell = rejected.get(reason)
      if (cell === undefined) rejected.set(reason, (cell = f.rejected.child([level, schema, reason])))
      cell.value += 1
      if (waitedSeconds === undefined) return
      waitedThenNot ??= f.wait.child([level, schema, 'false'])
      observeHistogram(waitedThenNot, waitedSeconds)
    },
    inQueue: f.inQueue.child([level, schema]),
    executing: f.executing.child([level, schema]),
    executingSeats: f.seats.child([level, schema]),
  }
}

const families = (registry: Registry): Families => {
  const fam: Families = {
    rejected: counterFamily(registry, {
      name: 'apiserver_flowcontrol_rejected_requests_total',
      help: 'Number of requests rejected by API Priority and Fairness subsystem',
      stability: 'BETA',
      labelNames: [...byFlow, 'reason'],
    }),
    dispatched: counterFamily(registry, {
      name: 'apiserver_flowcontrol_dispatched_requests_total',
      help: 'Number of requests executed by API Priority and Fairness subsystem',
      stability: 'BETA',
      labelNames: byFlow,
    }),
    inQueue: gaugeFamily(registry, {
      name: 'apiserver_flowcontrol_current_inqueue_requests',
      help: 'Number of requests currently pending in queues of the API Priority and Fairness subsystem',
      stability: 'BETA',
      labelNames: byFlow,
    }),
    executing: gaugeFamily(registry, {
      name: 'apiserver_flowcontrol_current_executing_requests',
      help: 'Number of requests in initial (for a WATCH) or any (for a non-WATCH) execution stage in the API Priority and Fairness subsystem',
      stability: 'BETA',
      labelNames: byFlow,
    }),
    seats: gaugeFamily(registry, {
      name: 'apiserver_flowcontrol_current_executing_seats',
      help: 'Concurrency (number of seats) occupied by the currently executing (initial stage for a WATCH, any stage otherwise) requests in the API Priority and Fairness subsystem',
      stability: 'BETA',
      labelNames: byFlow,
    }),
    wait: histogramFamily(
      registry,
      {
        name: 'apiserver_flowcontrol_request_wait_duration_seconds',
        help: 'Length of time a request spent waiting in its queue',
        stability: 'BETA',
        labelNames: [...byFlow, 'execute'],
      },
      flowcontrolWaitBuckets,
    ),
    nominal: gaugeFamily(registry, {
      name: 'apiserver_flowcontrol_nominal_limit_seats',
      help: 'Nominal number of execution seats configured for each priority level',
      stability: 'BETA',
      labelNames: ['priority_level'],
      beforeScrape: () => fam.onScrape(),
    }),
    current: gaugeFamily(registry, {
      name: 'apiserver_flowcontrol_current_limit_seats',
      help: 'current derived number of execution seats available to each priority level',
      stability: 'ALPHA',
      labelNames: ['priority_level'],
      beforeScrape: () => fam.onScrape(),
    }),
    onScrape: () => {},
  }
  return fam
}

/** The reasons upstream counts, in its order; for specs and dumps. */
export const flowcontrolRejectReasons: ReadonlyArray<FlowcontrolRejectReason> = ['concurrency-limit', 'queue-full', 'time-out', 'cancelled']
