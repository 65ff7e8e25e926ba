import type { FlowcontrolConfig } from './flowcontrol-config.js'
import type { PriorityLevelConfiguration } from './flowcontrol-types.js'
import type { QueueSet } from './queue-set.js'

/** What one request tells the queue set about itself, for `dump_requests` (upstream's request descriptor). */
export interface RequestDescriptor {
  readonly flowSchema: string
  readonly priorityLevel: string
  readonly flowDistinguisher: string
  readonly userName: string
  /** `verb` and path or resource, as upstream's dump prints them. */
  readonly verb: string
  readonly path: string
  /** When the request arrived (ms, the server clock). */
  readonly arrivedAt: number
  /** RequestInfo's fields that `dump_requests?includeRequestDetails=1` prints; absent prints empty. */
  readonly namespace?: string
  readonly name?: string
  readonly apiGroup?: string
  readonly apiVersion?: string
  readonly resource?: string
  readonly subresource?: string
}

/** One priority level as it runs: its configuration, its queue set, its current concurrency limit. */
export interface RunningLevel {
  readonly config: PriorityLevelConfiguration
  readonly queueSet: QueueSet
  /** The seats the level may use now (nominal plus borrowed minus lent). */
  readonly currentLimit: () => number
  /** The level's nominal limit (its share of the server's seats). */
  readonly nominalLimit: number
}

/**
 * The running API Priority and Fairness system the filter feeds and the debug dumps and metrics read:
 * the configuration in force (served objects, with their uids) and each level's state by name.
 */
export interface ApfState {
  readonly config: FlowcontrolConfig
  readonly levels: ReadonlyMap<string, RunningLevel>
}
