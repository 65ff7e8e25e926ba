import * as O from 'fp-ts/lib/Option.js'
import * as t from 'io-ts'
import type { Cancel } from '../core/clock.js'
import type { Deps } from '../core/deps.js'
import type { AuditMetrics } from '../metrics/audit-metrics.js'
import { newTokenBucket } from '../sync/token-bucket.js'
import type { AuditBackend } from './backend.js'
import { dropReporter } from './drop-reporter.js'
import type { AuditEvent } from './event.js'

/** The buffered (batch) backend's options (`--audit-*-batch-*`); `maxBatchWaitMs` in milliseconds. */
export const BatchConfig = t.readonly(
  t.type({
    bufferSize: t.number,
    maxBatchSize: t.number,
    maxBatchWaitMs: t.number,
    throttleEnable: t.boolean,
    throttleQPS: t.number,
    throttleBurst: t.number,
  }),
)
export type BatchConfig = t.TypeOf<typeof BatchConfig>

/** Upstream's batch defaults (webhook): buffer 10000, batches of 400 or 30 s, throttle 10 QPS burst 15. */
export const batchDefaults: BatchConfig = {
  bufferSize: 10000,
  maxBatchSize: 400,
  maxBatchWaitMs: 30_000,
  throttleEnable: true,
  throttleQPS: 10,
  throttleBurst: 15,
}

/**
 * Upstream's batch defaults for the log backend (`--audit-log-batch-*`): buffer 10000, batches of 1, no
 * wait, no throttle. Batching does not help a file, so each event is written as soon as it comes.
 */
export const logBatchDefaults: BatchConfig = {
  bufferSize: 10000,
  maxBatchSize: 1,
  maxBatchWaitMs: 0,
  throttleEnable: false,
  throttleQPS: 0,
  throttleBurst: 0,
}

/**
 * Upstream's buffered backend: `processEvents` queues without blocking and always returns true. A full
 * buffer (`bufferSize` events queued) drops the event, and so does a call after shutdown began; each drop
 * is counted (`droppedEvents`) and logged as `audit buffer queue blocked` or `audit backend shut down`,
 * at most one line per second summing the drops (`dropReporter`), and, with `metrics`, counted as
 * upstream's plugin `buffered` errors. A batch goes to `delegate` when it
 * holds `maxBatchSize` events or `maxBatchWaitMs` after its first event; with the throttle on, batches
 * take tokens of a `throttleQPS`/`throttleBurst` bucket and wait for one. `shutdown` sends everything
 * queued, then shuts the delegate down: nothing admitted is lost on a graceful stop.
 * What a crash (SIGKILL) can lose is what is queued: throttle off, fewer than `maxBatchSize` events, none
 * older than `maxBatchWaitMs`; throttle on, up to `bufferSize`. With `logBatchDefaults` that is nothing:
 * each event reaches the delegate inside the `processEvents` call that gave it.
 * Port note: a full batch is handed to the delegate at once, inside the `processEvents` call that filled
 * it (node has no worker goroutine); the wait timer starts at a batch's first event; the final drain at
 * shutdown does not wait for throttle tokens. Shutdown stops taking events at once: the audit step gives a
 * request's last event before the wait group releases it (when the handler returns, or in a finalizer that
 * runs before the wait group's), so a drained server has nothing more to give. Timers come from `deps.clock`.
 * @example
 * const backend = bufferedBackend(logBatchDefaults, logBackend(logBackendDefaults, defaultDeps), defaultDeps)
 */
export const bufferedBackend = (
  cfg: BatchConfig,
  delegate: AuditBackend,
  deps: Pick<Deps, 'clock' | 'log'>,
  metrics?: AuditMetrics,
): AuditBackend => {
  const limiter = cfg.throttleEnable ? newTokenBucket(cfg.throttleQPS, cfg.throttleBurst) : undefined
  const batchSize = Math.max(1, cfg.maxBatchSize)
  let queue: AuditEvent[] = []
  let stopped = false
  let waitTimer: Cancel | undefined
  let throttled: { readonly batch: ReadonlyArray<AuditEvent>; readonly cancel: Cancel } | undefined

  const deliver = (batch: ReadonlyArray<AuditEvent>): void => {
    try {
      delegate.processEvents(batch)
    } catch (e) {
      deps.log({ level: 'error', msg: 'audit backend failed to process events', fields: { backend: delegate.name }, error: e })
    }
  }
  const send = (): void => {
    waitTimer?.()
    waitTimer = undefined
    const batch = queue.length <= batchSize ? queue : queue.slice(0, batchSize)
    queue = batch === queue ? [] : queue.slice(batchSize)
    const wait = limiter === undefined ? 0 : O.getOrElse(() => 0)(limiter.reserve(deps.clock.now(), Infinity))
    if (wait <= 0) return deliver(batch)
    const cancel = deps.clock.setTimer(() => {
      throttled = undefined
      deliver(batch)
      schedule()
    }, wait)
    throttled = { batch, cancel }
  }
  const schedule = (): void => {
    while (throttled === undefined && queue.length >= batchSize) send()
    if (throttled === undefined && queue.length > 0 && waitTimer === undefined) waitTimer = deps.clock.setTimer(send, cfg.maxBatchWaitMs)
  }
  const name = `buffered<${delegate.name}>`
  const errors = metrics?.pluginErrors('buffered')
  const blocked = dropReporter('audit buffer queue blocked', name, deps, errors)
  const late = dropReporter('audit backend shut down', name, deps, errors)
  const admit = (e: AuditEvent): void => {
    if (stopped) return late.drop([e])
    if (queue.length >= cfg.bufferSize) return blocked.drop([e])
    queue.push(e)
  }
  let done: Promise<void> | undefined
  const drain = async (): Promise<void> => {
    stopped = true
    waitTimer?.()
    waitTimer = undefined
    if (throttled !== undefined) {
      throttled.cancel()
      deliver(throttled.batch)
      throttled = undefined
    }
    while (queue.length > 0) deliver(queue.splice(0, batchSize))
    blocked.flush()
    return delegate.shutdown()
  }
  return {
    name,
    processEvents: (events) => {
      for (const e of events) admit(e)
      schedule()
      return true
    },
    shutdown: () => (done ??= drain()),
    droppedEvents: () => blocked.count() + late.count() + (delegate.droppedEvents?.() ?? 0),
  }
}
