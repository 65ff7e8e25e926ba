import * as t from 'io-ts'
import type { Deps } from '../core/deps.js'
import type { AuditMetrics } from '../metrics/audit-metrics.js'
import type { AuditBackend } from './backend.js'
import { encodeEvent } from './encode-event.js'
import type { AuditEvent } from './event.js'

/** The truncating wrapper's limits in bytes (`--audit-*-truncate-max-event-size`, `-max-batch-size`). */
export const TruncateConfig = t.readonly(t.type({ maxEventSize: t.number, maxBatchSize: t.number }))
export type TruncateConfig = t.TypeOf<typeof TruncateConfig>

/** Upstream's defaults: events of 100 KiB, batches of 10 MiB. */
export const truncateDefaults: TruncateConfig = { maxEventSize: 100 * 1024, maxBatchSize: 10 * 1024 * 1024 }

/** The annotation a shortened event carries. */
export const truncatedAnnotation = 'audit.k8s.io/truncated'

/**
 * Upstream's truncate plugin: an event whose JSON exceeds `maxEventSize` loses its request and response
 * objects and gains the annotation `audit.k8s.io/truncated: "true"`; if it is still too large (or had no
 * objects to lose) it is dropped and logged. Events then go to `delegate` in batches whose JSON sizes add
 * up to at most `maxBatchSize`. Success = every delegate call succeeded. `droppedEvents` counts the
 * dropped events and the delegate's; with `metrics` a dropped event is also upstream's plugin `truncate` error.
 * Port note: sizes are measured on the JSON line, so each event is encoded once more here.
 * @example
 * const backend = truncateBackend(truncateDefaults, logBackend(logBackendDefaults, defaultDeps), defaultDeps)
 */
export const truncateBackend = (
  cfg: TruncateConfig,
  delegate: AuditBackend,
  deps: Pick<Deps, 'log'>,
  metrics?: AuditMetrics,
): AuditBackend => {
  const errors = metrics?.pluginErrors('truncate')
  let dropped = 0
  const fit = (e: AuditEvent): { event: AuditEvent; size: number } | undefined => {
    const size = Buffer.byteLength(encodeEvent(e))
    if (size <= cfg.maxEventSize) return { event: e, size }
    if (e.requestObject !== undefined || e.responseObject !== undefined) {
      const cut: AuditEvent = {
        ...e,
        requestObject: undefined,
        responseObject: undefined,
        annotations: { ...e.annotations, [truncatedAnnotation]: 'true' },
      }
      const cutSize = Buffer.byteLength(encodeEvent(cut))
      if (cutSize <= cfg.maxEventSize) return { event: cut, size: cutSize }
    }
    dropped++
    errors?.(1)
    deps.log({
      level: 'error',
      msg: 'audit event is too large and was dropped',
      fields: { auditID: e.auditID, stage: e.stage, size, max: cfg.maxEventSize },
    })
    return undefined
  }
  return {
    name: `truncate<${delegate.name}>`,
    processEvents: (events) => {
      let ok = true
      let batch: AuditEvent[] = []
      let bytes = 0
      for (const e of events) {
        const f = fit(e)
        if (f === undefined) continue
        if (batch.length > 0 && bytes + f.size > cfg.maxBatchSize) {
          ok = delegate.processEvents(batch) && ok
          batch = []
          bytes = 0
        }
        batch.push(f.event)
        bytes += f.size
      }
      return batch.length > 0 ? delegate.processEvents(batch) && ok : ok
    },
    shutdown: delegate.shutdown,
    droppedEvents: () => dropped + (delegate.droppedEvents?.() ?? 0),
  }
}
