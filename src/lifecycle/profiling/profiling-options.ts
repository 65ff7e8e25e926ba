import { getHeapSnapshot } from 'node:v8'
import * as t from 'io-ts'
import type { Clock } from '../../core/clock.js'
import type { Logger } from '../../core/logger.js'
import type { Chunk } from '../../core/response.js'
import { type OpenInspector, openInspector } from './inspector-session.js'

/**
 * How the profiling endpoints behave: the longest recording a request may ask for, in seconds (Go bounds
 * it by the server's `WriteTimeout`, which kube-apiserver leaves unset), and upstream's
 * `EnableContentionProfiling`, which Node has nothing to switch on for.
 */
export const ProfilingOptions = t.readonly(t.type({ maxSeconds: t.number, contentionProfiling: t.boolean }))
export type ProfilingOptions = t.TypeOf<typeof ProfilingOptions>

/** At most 300 seconds per recording; no contention profiling, as upstream's default. */
export const profilingDefaults: ProfilingOptions = { maxSeconds: 300, contentionProfiling: false }

/** A heap snapshot as it is written, taken when the stream is first read. */
export type HeapSnapshot = () => AsyncIterable<Chunk>

/** The effects the profiling endpoints use: timers, the inspector, heap snapshots, a logger. */
export interface ProfilingDeps {
  readonly clock: Clock
  readonly openInspector: OpenInspector
  readonly heapSnapshot: HeapSnapshot
  readonly log: Logger
}

/** V8's heap snapshot (`v8.getHeapSnapshot`), taken on first read and destroyed when the reader stops. */
export const v8HeapSnapshot: HeapSnapshot = async function* () {
  const snapshot = getHeapSnapshot()
  try {
    yield* snapshot
  } finally {
    snapshot.destroy()
  }
}

/** The real effects: this process's inspector and V8 heap snapshots, with the given clock and logger. */
export const profilingDeps = (clock: Clock, log: Logger): ProfilingDeps => ({ clock, openInspector, heapSnapshot: v8HeapSnapshot, log })
